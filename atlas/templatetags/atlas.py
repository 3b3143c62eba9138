"""``{% load atlas %}{% actor_neighbourhood actor %}``: the network picture of one actor.

The actor page and the directory (actors app) show these through the slots atlas fills
(``atlas/slots.py``), so the domain app does not load the feature: they are added from
above.
"""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from atlas.pictures import neighbourhood_html

register = template.Library()


@register.simple_tag
def actor_neighbourhood(actor) -> str:
    return mark_safe(neighbourhood_html(actor))  # rendered from an autoescaping template


@register.inclusion_tag("atlas/includes/directory_views.html")
def directory_views(form):
    """``{% directory_views form %}``: the directory's current filters as a network picture
    and on the world map (the search text has no place in either; the map shows every
    country, so it drops the country filter)."""
    parameters = form.active_parameters()
    parameters.pop("q", None)
    network = urlencode(parameters)
    parameters.pop("land", None)
    return {
        "network_url": reverse("atlas:network") + (f"?{network}" if network else ""),
        "map_url": reverse("atlas:world_map") + (f"?{urlencode(parameters)}" if parameters else ""),
    }
