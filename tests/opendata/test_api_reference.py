"""The API reference page (/offene-daten/api/): built from the OpenAPI document, complete,
accessible markup, German and English, texts marked with their language."""

import itertools
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from opendata.api_reference import ReferenceBuilder, text_units, written_language
from tests.portal.html import Page

pytestmark = pytest.mark.django_db

METHODS = {"get", "put", "post", "patch", "delete"}


class Sections(HTMLParser):
    """Headings in order, and the text under each operation heading (h3 with an id)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.section_text: dict[str, list[str]] = {}
        self.tables: list[dict] = []
        self._heading = None
        self._section = None
        self._table = None
        self._in_caption = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
            if tag == "h3" and attrs.get("id", "").startswith("op-"):
                self._section = attrs["id"]
                self.section_text[self._section] = []
        elif tag == "table":
            self._table = {"caption": "", "th": [], "section": self._section}
            self.tables.append(self._table)
        elif tag == "caption":
            self._in_caption = True
        elif tag == "th" and self._table is not None:
            self._table["th"].append(attrs.get("scope"))

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None
        elif tag == "caption":
            self._in_caption = False
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        if self._in_caption:
            self._table["caption"] += data
        if self._section:
            self.section_text[self._section].append(data)


def reference_html(client, language):
    with translation.override(language):
        url = reverse("opendata:api_reference")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_endpoint_of_the_openapi_document_is_documented_with_its_parameters_and_fields(
    client, language
):
    document = client.get(reverse("api:schema")).json()
    page = Sections(reference_html(client, language))
    headings = [text for _level, text in page.headings]
    schemas = document["components"]["schemas"]

    assert len(list(operations(document))) == 6
    for path, method, operation in operations(document):
        assert f"{method.upper()} {path}" in headings, path
        text = " ".join(page.section_text[f"op-{operation['operationId']}"])
        for parameter in operation.get("parameters", []):
            assert parameter["name"] in text, (path, parameter["name"])
        body = operation["responses"]["200"]["content"]["application/json"]["schema"]
        for field in schemas[body["$ref"].rsplit("/", 1)[1]]["properties"]:
            assert field in text, (path, field)
        assert 'curl "http://' in text or 'curl "https://' in text, path


def test_nested_structures_are_documented_once_and_linked_from_the_types(client):
    html = reference_html(client, "de")
    page = Page(html)
    ids = {attrs["id"] for _tag, attrs in page.tags if "id" in attrs}
    links = [attrs["href"][1:] for attrs in page.find_all("a") if attrs.get("href", "")[:1] == "#"]

    assert "schema-SDG" in ids
    assert "schema-ActorMembership" in ids
    assert set(links) <= ids  # every in-page link has its target
    assert "op-actors_retrieve-felder" in links  # results of the list: the Actor fields
    assert html.count("<caption>Felder von Actor</caption>") == 1


@pytest.mark.parametrize("language", ["de", "en"])
def test_reference_has_one_h1_headings_in_order_and_captioned_tables_with_scoped_headers(
    client, language
):
    page = Sections(reference_html(client, language))
    levels = [level for level, _text in page.headings]

    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), page.headings
    assert len(page.tables) > 12
    for table in page.tables:
        assert table["caption"].strip(), table
        assert table["th"] and None not in table["th"], table["caption"]
    captions = [table["caption"] for table in page.tables]
    assert len(captions) == len(set(captions))  # each table names its endpoint or object


def test_english_texts_of_the_document_are_marked_english_on_the_german_page(client):
    html = reference_html(client, "de")

    assert '<span lang="en">Published actors</span>' in html
    assert '<span lang="en">German full-text search (by relevance).</span>' in html
    # Translated choice labels and DRF's own texts are German here: no mark.
    assert "<code>association</code> – Verein (e.V.)" in html
    assert "Eine Seitenzahl in der paginierten Ergebnismenge." in html
    assert 'lang="en">Eine Seitenzahl' not in html


def test_english_reference_shows_english_texts_unmarked_under_en(client):
    html = reference_html(client, "en")

    assert '<html lang="en">' in html
    assert '<p class="api-operation__summary">Published actors</p>' in html
    assert '<span lang="en">' not in html
    assert "<code>association</code> – Registered association (e.V.)" in html
    assert "A page number within the paginated result set." in html
    assert 'href="/en/offene-daten/"' in html  # breadcrumbs stay in English


def test_texts_no_language_changes_are_marked_with_the_language_they_are_written_in():
    document = {
        "info": {"title": "API", "version": "1"},
        "paths": {
            "/api/v1/things/": {
                "get": {
                    "operationId": "things_list",
                    "summary": "Alle veröffentlichten Dinge der Stadt",
                    "description": "Things of the city, ordered by name.",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "description": "Suche im Namen",
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {"200": {"description": ""}},
                }
            }
        },
        "components": {"schemas": {}},
    }
    untranslated = text_units(document)
    german = ReferenceBuilder(document, untranslated=untranslated, language="de").build()
    english = ReferenceBuilder(document, untranslated=untranslated, language="en").build()

    (on_german,) = german.operations
    (on_english,) = english.operations
    assert (on_german.summary.lang, on_german.description.lang) == ("", "en")
    assert (on_english.summary.lang, on_english.description.lang) == ("de", "")
    assert on_english.parameters[0].description.lang == "de"
    assert str(on_english.summary) == (
        '<span lang="de">Alle veröffentlichten Dinge der Stadt</span>'
    )
    # A text that differs between the languages is translated: in the page's language.
    translated = ReferenceBuilder(document, untranslated=set(), language="en").build()
    assert translated.operations[0].summary.lang == ""


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Published actors", "en"),
        ("Read-only API of the published actors of the Eine-Welt-Portal Ludwigsburg.", "en"),
        ("Ein bis zwei Sätze für Listen und Suchergebnisse.", "de"),
        ("Süd", "de"),
    ],
)
def test_written_language_is_read_from_function_words(text, language):
    assert written_language(text, default="en") == language


FIRST_ENGLISH_THEN_GERMAN = """
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
for language in ("en", "de"):
    with translation.override(language):
        document = SchemaGenerator().get_schema(request=None, public=True)
print(document["components"]["schemas"]["Actor"]["properties"]["description"].get("title"))
"""


def test_openapi_document_does_not_depend_on_the_language_generated_first():
    """The API's own document and the reference generate in both languages in one process:
    field titles must come out in the language asked for each time. A fresh process,
    because the first generation of a process is the one that could leave a trace."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", FIRST_ENGLISH_THEN_GERMAN],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "Beschreibung"


def test_open_data_page_links_the_reference_and_names_swagger_ui_as_not_accessible(client):
    html = client.get(reverse("opendata:index")).content.decode()
    page = Page(html)
    links = {attrs["href"] for attrs in page.find_all("a")}

    assert reverse("opendata:api_reference") in links
    assert reverse("api:docs") in links
    assert "Swagger UI (interaktiv, nicht barrierefrei)" in html
    assert "Dokumentation (Swagger UI)" not in html


def test_reference_examples_call_the_portal_itself(client, settings):
    settings.SITE_URL = "https://eine-welt.ludwigsburg.de"
    html = reference_html(client, "de")

    assert "curl &quot;https://eine-welt.ludwigsburg.de/api/v1/actors/&quot;" in html
    assert "curl &quot;https://eine-welt.ludwigsburg.de/api/v1/actors/SLUG/&quot;" in html
    assert "curl &quot;https://eine-welt.ludwigsburg.de/api/v1/events/?level=city&quot;" in html
