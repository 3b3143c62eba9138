"""ISO 3166-1 countries with their German and English names, from pycountry.

pycountry ships the ISO 3166 list maintained by Debian's iso-codes project together
with its translations, so staff pick a country from a list instead of typing a name,
and every partner country has a code that the world map can match to a shape.
"""

import functools
import gettext
import unicodedata

import pycountry
from django.utils.translation import get_language


@functools.cache
def _translations(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def country_name(code: str, language: str | None = None) -> str:
    """The common name of the country ``code`` ("TZ" → "Tansania"), or "" if unknown."""
    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return ""
    name = getattr(country, "common_name", None) or country.name
    language = (language or get_language() or "de")[:2]
    return name if language == "en" else _translations(language).gettext(name)


def numeric_code(code: str) -> str:
    """ISO 3166-1 numeric code ("BF" → "854"), as Natural Earth's shapes carry it."""
    country = pycountry.countries.get(alpha_2=code) if code else None
    return country.numeric if country else ""


def name_sort_key(name: str) -> str:
    # "Äthiopien" sorts with the A's, as in a German atlas index.
    return "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    ).casefold()


def country_choices() -> list[tuple[str, str]]:
    """(alpha-2 code, name) of every ISO 3166-1 country, by name in the current language.

    A callable, so model and form fields show the names of the language in use.
    """
    language = (get_language() or "de")[:2]
    names = [(c.alpha_2, country_name(c.alpha_2, language)) for c in pycountry.countries]
    return sorted(names, key=lambda item: name_sort_key(item[1]))


@functools.cache
def _codes_by_name() -> dict[str, str]:
    found = {}
    for country in pycountry.countries:
        for language in ("en", "de"):
            for name in {country.name, getattr(country, "common_name", None) or country.name}:
                translated = name if language == "en" else _translations("de").gettext(name)
                found.setdefault(name_sort_key(translated), country.alpha_2)
        found.setdefault(name_sort_key(country_name(country.alpha_2, "de")), country.alpha_2)
    return found


def code_for_name(name: str) -> str:
    """The alpha-2 code of a country named in German or English ("Bolivien" → "BO"), or ""."""
    return _codes_by_name().get(name_sort_key(name.strip()), "")
