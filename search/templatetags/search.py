"""``{% load search %}``: the site-wide search on the pages of the domain apps (the
directory shows it through the slot search fills, ``search/slots.py``)."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from actors.models import Actor

from ..lexicon import suggest
from ..portal import capped_count

register = template.Library()


@register.inclusion_tag("search/includes/did_you_mean.html", takes_context=True)
def did_you_mean(context, text: str):
    """For an empty directory search: "Meinten Sie …?" with a spelling that finds
    published actors (the other filters kept), and the same text in the whole portal."""
    suggestion = (
        suggest(text, count=lambda t: capped_count(Actor.objects.published().search(t))[0])
        if text
        else None
    )
    suggestion_url = ""
    if suggestion:
        query = context["request"].GET.copy()
        query["q"] = suggestion.text
        query.pop("page", None)
        suggestion_url = "?" + query.urlencode()
    return {
        "suggestion": suggestion,
        "suggestion_url": suggestion_url,
        "search_text": text,
        "search_url": reverse("search:results") + "?" + urlencode({"q": text}),
    }
