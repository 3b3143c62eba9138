"""Template helpers for events on any page.

{% load events %}
{% event_date event %}                       the date as <time>, only as exact as it is known
{% event_ics_url event as ics %}             the event's .ics download, "" without a known day
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from ..dates import format_event_date
from ..ical import is_calendarable

register = template.Library()


@register.simple_tag
def event_date(event) -> str:
    """An event's date as ``<time datetime>`` (see :func:`events.dates.format_event_date`),
    with the end time or end date when it adds something."""
    date = format_event_date(event)
    if not date.start:
        return format_html('<span class="date-unknown">{}</span>', date.start_text)
    html = format_html('<time datetime="{}">{}</time>', date.start, date.start_text)
    if date.end_text:
        html = format_html('{} – <time datetime="{}">{}</time>', html, date.end, date.end_text)
    return html


@register.simple_tag
def event_ics_url(event) -> str:
    """The event's .ics download, or "" when its day is not known."""
    if not is_calendarable(event):
        return ""
    return reverse("events:ics", kwargs={"slug": event.slug})
