"""German-first content with an English version next to it.

Every public text is written in German, in the model's own field (``teaser``): that
field is the source, the one the full-text search, imports and the history read. Where
staff or an association give an English version it sits next to it, in the field of
the same name with ``_en`` (``teaser_en``). Topics, which are django-taggit tags whose
table is the library's, keep theirs in a row of their own (``tag.translation.name_en``).

On a German page the German text is shown. On an English page the English text is
shown when there is one; otherwise the German text, marked as German (``lang="de"``)
so that screen readers switch voice and pronounce it (WCAG 3.1.2). Templates use the
filters in ``templatetags/localized.py``; Python code (JSON-LD, feeds) uses
:func:`localized` and reads the ``lang`` of what it returns.

To make another field translatable: add ``<field>_en`` next to it on the model
(``blank=True``, the same limits, plus its length constraint if the German field has
one), show it where the German field is edited (admin fieldsets, forms), and write
``{{ obj|localized:"<field>" }}`` where the text appears.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

SOURCE_LANGUAGE = "de"

# For admin fieldsets that hold the English fields of a model.
ENGLISH_FIELDSET_DESCRIPTION = _(
    "Für die englischen Seiten unter /en/. Wo ein Feld leer bleibt, zeigen sie den "
    "deutschen Text und kennzeichnen ihn als deutsch."
)


def english_fieldset(*fields: str) -> tuple:
    """An admin fieldset "Englisch" with ``fields`` (the ``…_en`` fields of a model)."""
    return (
        _("Englisch"),
        {"fields": list(fields), "description": ENGLISH_FIELDSET_DESCRIPTION},
    )


class LocalizedText(str):
    """A text together with the language it is written in.

    ``lang`` is that language; ``foreign`` says it differs from the language of the
    page it was chosen for (only ever German text on an English page), which is when
    the text needs its own ``lang`` attribute.
    """

    lang: str
    foreign: bool

    def __new__(cls, text: str, *, lang: str, foreign: bool = False):
        value = super().__new__(cls, text)
        value.lang = lang
        value.foreign = foreign
        return value


def page_language(language: str | None = None) -> str:
    """The two-letter code of ``language`` or of the active language."""
    return (language or translation.get_language() or SOURCE_LANGUAGE)[:2]


def choose(source, translated=None, *, language: str | None = None) -> LocalizedText:
    """The text to show on a page in ``language``: ``translated`` if given, else ``source``.

    ``source`` is the German text, ``translated`` its version in ``language`` (or
    None/"" when nobody gave one). A text of only spaces counts as not given.
    """
    language = page_language(language)
    source = str(source or "")
    if language != SOURCE_LANGUAGE and translated and str(translated).strip():
        return LocalizedText(str(translated), lang=language)
    return LocalizedText(
        source, lang=SOURCE_LANGUAGE, foreign=bool(source) and language != SOURCE_LANGUAGE
    )


def translation_of(obj, field: str, language: str):
    """The version of ``obj.<field>`` in ``language``, or None.

    Read from ``<field>_<language>`` on the object, or from the object's
    ``translation`` row (topics). Nothing is looked up for the source language.
    """
    if language == SOURCE_LANGUAGE:
        return None
    name = f"{field}_{language}"
    if hasattr(type(obj), name) or name in getattr(obj, "__dict__", {}):
        return getattr(obj, name)
    # A missing translation row raises RelatedObjectDoesNotExist, an AttributeError.
    return getattr(getattr(obj, "translation", None), name, None)


def localized(obj, field: str, *, language: str | None = None) -> LocalizedText:
    """``obj.<field>`` as shown on a page in ``language`` (default: the active one)."""
    language = page_language(language)
    return choose(getattr(obj, field, ""), translation_of(obj, field, language), language=language)


def json_ld_text(text: LocalizedText):
    """A text for JSON-LD: a plain string, or a language-tagged value when it is foreign."""
    if getattr(text, "foreign", False):
        return {"@value": str(text), "@language": text.lang}
    return str(text)


def localized_choices(rows, *, language: str | None = None) -> list[tuple[str, LocalizedText]]:
    """``(value, German label, English label)`` rows as ``(value, label)`` select choices.

    The rows come sorted by the German label; on a page in another language they are
    sorted by the label shown there, so the list still reads alphabetically.
    """
    language = page_language(language)
    choices = [
        (value, choose(source, translated, language=language)) for value, source, translated in rows
    ]
    if language != SOURCE_LANGUAGE:
        choices.sort(key=lambda choice: choice[1].casefold())
    return choices
