"""Template helpers for the public lists and detail pages: JSON-LD, pagination links, selects.

They know no app; what belongs to one app's records (an event's date) is in that
app's own library (``{% load events %}``)."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ludwigsburg_portal import versioned
from ludwigsburg_portal.filtering import SLUG_RE, FilterForm

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

    The options of a filter form's selects come from the data
    (``SlugChoiceField.options_key``) or are fixed by its FilterSet class (kinds,
    levels, goals), so each select is written once per data version, language and
    selected value (``versioned``).
    """
    value = field.value()
    selected = {str(value)} if value not in (None, "") else {""}
    options_key = getattr(field.field, "options_key", None)
    if options_key is None and isinstance(field.form, FilterForm):
        options_key = ("choices", type(field.form).__qualname__, field.name)
    if options_key is None or not all(v == "" or SLUG_RE.fullmatch(v) for v in selected):
        return _select(field, selected)  # odd input is not worth remembering
    key = versioned.language_key(
        "select", *options_key, field.html_name, field.id_for_label, *selected
    )
    return versioned.remember(key, lambda: _select(field, selected))


def _select(field, selected: set[str]) -> str:
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
