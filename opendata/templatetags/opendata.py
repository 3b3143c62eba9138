"""Links to the open-data feeds for other apps' templates.

{% load opendata %}
{% feed_links %}                                  in <head>: Atom/RSS alternates
{% webcal_url "opendata:calendar_actor" actor.slug as webcal %}
{% calendar_subscribe actor=actor %} / {% calendar_subscribe network=network %}
"""

from django import template
from django.urls import reverse

from events.dates import format_event_date
from ludwigsburg_portal.site import absolute

register = template.Library()


@register.simple_tag
def webcal_url(route: str, *args) -> str:
    """Absolute ``webcal://`` URL of a calendar route (calendar apps subscribe to it)."""
    url = absolute(reverse(route, args=args))
    return "webcal://" + url.split("://", 1)[1]


@register.inclusion_tag("opendata/includes/feed_links.html")
def feed_links():
    return {}


@register.inclusion_tag("opendata/includes/calendar_subscribe.html")
def calendar_subscribe(actor=None, network=None):
    if actor is not None:
        route, slug, name = "opendata:calendar_actor", actor.slug, actor.name
    elif network is not None:
        route, slug, name = "opendata:calendar_network", network.slug, network.name
    else:
        route, slug, name = "opendata:calendar", None, ""
    args = (slug,) if slug else ()
    return {
        "name": name,
        "https_url": reverse(route, args=args),
        "webcal_url": webcal_url(route, *args),
    }


@register.simple_tag
def event_when(event) -> str:
    """The event's start as precisely as it is known ("März 2026", "2018", a date and time)."""
    return format_event_date(event).start_text
