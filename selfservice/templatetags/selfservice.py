from django import template
from django.utils.safestring import mark_safe

from ..text import render_markdown

register = template.Library()


@register.inclusion_tag("selfservice/includes/actor_links.html", takes_context=True)
def actor_selfservice(context, *, actor):
    """On a public actor page: "edit" for its editors, "claim" for everyone else."""
    user = getattr(context.get("request"), "user", None)
    is_editor = bool(user and user.is_authenticated and actor.editors.filter(pk=user.pk).exists())
    return {"actor": actor, "is_editor": is_editor}


@register.filter
def markdown_subset(text):
    """Description text as safe HTML: paragraphs, bold, italic, lists, links (nh3-sanitised)."""
    return mark_safe(render_markdown(text))
