"""Template helpers for the public lists and detail pages (actors, networks, events)."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from events.models import DatePrecision

register = template.Library()

# The characters that could end a <script> element or start HTML inside it, as in
# Django's json_script, so user text in JSON-LD can never break out of the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> str:
    """``{{ data|json_ld }}``: a ``<script type="application/ld+json">`` element.

    Django's ``json_script`` writes ``type="application/json"``, which search engines
    ignore for structured data; the escaping here is the same.
    """
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(
        '<script type="application/ld+json">' + text.translate(_JSON_SCRIPT_ESCAPES) + "</script>"
    )


def html_datetime(value) -> str:
    """A datetime as HTML's ``<time datetime>`` accepts it: seconds and offset, never
    Python's microseconds (HTML allows at most three digits of a second fraction)."""
    return value.isoformat(timespec="seconds")


def event_date_value(event) -> str:
    """The machine-readable date of an event, as exact as it is known ("2018", "2018-03")."""
    if event.start is None or event.date_precision == DatePrecision.UNKNOWN:
        return ""
    start = timezone.localtime(event.start)
    match event.date_precision:
        case DatePrecision.YEAR:
            return f"{start.year:04d}"
        case DatePrecision.MONTH:
            return f"{start.year:04d}-{start.month:02d}"
        case DatePrecision.DAY:
            return start.date().isoformat()
    return html_datetime(start)


@register.simple_tag
def event_date(event) -> str:
    """An event's date as ``<time datetime>``, only as exact as it is known.

    Year → "2018", month → "März 2018", day → "12. März 2018", date and time →
    "12. März 2018 18:00" (with the end time when it ends the same day).
    Without a date: "Datum nicht bekannt".
    """
    machine = event_date_value(event)
    if not machine:
        return format_html('<span class="date-unknown">{}</span>', gettext("Datum nicht bekannt"))
    start = timezone.localtime(event.start)
    match event.date_precision:
        case DatePrecision.YEAR:
            text = str(start.year)
        case DatePrecision.MONTH:
            text = date_format(start, "YEAR_MONTH_FORMAT")
        case DatePrecision.DAY:
            text = date_format(start, "DATE_FORMAT")
        case _:
            text = date_format(start, "DATETIME_FORMAT")
    html = format_html('<time datetime="{}">{}</time>', machine, text)
    if event.end and event.date_precision in (DatePrecision.DATETIME, DatePrecision.DAY):
        end = timezone.localtime(event.end)
        if event.date_precision == DatePrecision.DATETIME and end.date() == start.date():
            end_text = date_format(end, "TIME_FORMAT")
            end_machine = html_datetime(end)
        elif end.date() != start.date():
            fmt = "DATETIME_FORMAT" if event.date_precision == DatePrecision.DATETIME else None
            end_text = date_format(end, fmt or "DATE_FORMAT")
            end_machine = html_datetime(end) if fmt else end.date().isoformat()
        else:
            return html
        html = format_html('{} – <time datetime="{}">{}</time>', html, end_machine, end_text)
    return html


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """``?…&page=N`` keeping the view's ``page_query`` (understood filters) or else request.GET."""
    query = context.get("page_query")
    if query is None:
        query = context["request"].GET
    params = query.copy()
    params["page"] = number
    return "?" + params.urlencode()


@register.simple_tag
def select(field) -> str:
    """``{% select form.art %}``: a bound ChoiceField as ``<select>``, built in Python.

    Django renders every ``<option>`` through its own widget template, which cost
    ~15 ms per directory page for ~90 options; this writes the same markup directly.
    The ``<label>`` stays in the page template. A German label on an English page
    (see ``content_language.localized_choices``) gets ``lang="de"``.
    """
    value = field.value()
    selected = {str(value)} if value not in (None, "") else {""}
    options = format_html_join(
        "",
        '<option value="{}"{}{}>{}</option>',
        (
            (
                key,
                format_html(' lang="{}"', label.lang) if getattr(label, "foreign", False) else "",
                mark_safe(" selected") if str(key) in selected else "",
                label,
            )
            for key, label in field.field.choices
        ),
    )
    return format_html(
        '<select name="{}" id="{}">{}</select>', field.html_name, field.id_for_label, options
    )
