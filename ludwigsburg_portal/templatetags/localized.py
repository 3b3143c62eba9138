"""Template filters for German-first content (see ``ludwigsburg_portal.content_language``).

- ``{{ actor|localized:"teaser" }}``: the text for the current page, as HTML; German on
  an English page comes as ``<span lang="de">…</span>``. Also takes a text that is
  already chosen: ``{{ label|localized }}``.
- ``{{ page|localized_text:"title" }}``: the text alone, for places where no element
  can go (``<title>``, attributes, ``<meta>``) or to mark its container yourself:
- ``<h1{{ title|lang_attr }}>{{ title }}</h1>``, ``<div{{ text|lang_attr }}>…</div>``:
  `` lang="de"`` when the text is German on an English page, else nothing.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ludwigsburg_portal.content_language import LocalizedText
from ludwigsburg_portal.content_language import localized as choose_localized

register = template.Library()


@register.filter
def localized_text(obj, field: str) -> LocalizedText:
    return choose_localized(obj, field)


@register.filter
def lang_attr(text) -> str:
    if getattr(text, "foreign", False):
        return format_html(' lang="{}"', text.lang)
    return ""


@register.filter
def localized(obj, field: str | None = None) -> str:
    text = obj if field is None else choose_localized(obj, field)
    if getattr(text, "foreign", False):
        return format_html('<span lang="{}">{}</span>', text.lang, text)
    return format_html("{}", text) if text is not None else mark_safe("")
