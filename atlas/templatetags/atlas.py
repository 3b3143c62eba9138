"""``{% load atlas %}{% actor_neighbourhood actor %}``: the network picture of one actor.

The actor page (actors app) shows it through this tag, so the domain app does not
import the feature: the neighbourhood is added from above.
"""

from django import template
from django.utils.safestring import mark_safe

from atlas.pictures import neighbourhood_html

register = template.Library()


@register.simple_tag
def actor_neighbourhood(actor) -> str:
    return mark_safe(neighbourhood_html(actor))  # rendered from an autoescaping template
