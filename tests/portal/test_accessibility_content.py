"""The accessibility statement and the Leichte Sprache page as the migrations leave them:
what the law asks of them, kept true to the portal, and staff edits never overwritten."""

import datetime
import importlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ludwigsburg_portal.markup import PAGE, render_markdown
from pages.models import Page, PageKey
from tests.portal.html import Page as HtmlPage

pytestmark = pytest.mark.django_db

TEXTS = importlib.import_module("pages.migrations.0007_accessibility_and_easy_language_texts")
SEEDED = importlib.import_module("pages.migrations.0002_default_texts")

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "ul", "ol", "div", "br", "blockquote"}
MAX_WORDS = 15
MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
# Conjunctions that open a subordinate clause (and relative "welche"); Leichte Sprache
# uses main clauses only ("Sie suchen einen Akteur? Dann …" instead of "Wenn …").
SUBORDINATING = re.compile(
    r"\b(dass|daß|weil|wenn|obwohl|obgleich|damit|sodass|sofern|falls|nachdem|bevor|sobald|"
    r"solange|während|indem|wobei|weshalb|welche[mnrs]?)\b",
    re.IGNORECASE,
)


class ProseLines(HTMLParser):
    """The lines of the page text (div.prose): one per block or <br>, and its images."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.images: list[dict] = []
        self._depth = 0
        self.feed(html)
        self.lines = [" ".join(line.split()) for line in self.lines if line.strip()]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "prose" in (attrs.get("class") or "").split():
            self._depth = 1
        elif self._depth:
            if tag == "div":
                self._depth += 1
            if tag == "img":
                self.images.append(attrs)
            if tag in BLOCKS:
                self.lines.append("")

    def handle_endtag(self, tag):
        if self._depth:
            if tag == "div":
                self._depth -= 1
            if tag in BLOCKS:
                self.lines.append("")

    def handle_data(self, data):
        if self._depth:
            self.lines[-1] += data


def rendered(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- The accessibility statement ---------------------------------------------------------


def statement_items(html: str) -> list[str]:
    """The list items of "Nicht barrierefreie Inhalte", each as one text."""
    part = html[html.index("<h2>Nicht barrierefreie Inhalte</h2>") :]
    part = part[: part.index("<h2>", 5)]
    return [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", part, re.S)]


def test_statement_names_a_reason_and_an_alternative_for_every_barrier(client):
    items = statement_items(rendered(client, reverse("pages:accessibility")))

    assert len(items) >= 5
    for item in items:
        assert "Grund:" in item, item
        assert "Alternative:" in item, item
    known = " ".join(items)
    for barrier in ("Gebärdensprache", "Swagger UI", "Websites der Akteure", "Silbentrennung"):
        assert barrier in known


def test_statement_classifies_barriers_as_the_model_statement_does(client):
    html = rendered(client, reverse("pages:accessibility"))

    assert "<h3>Unvereinbarkeit mit § 10 Absatz 1 L-BGG</h3>" in html
    assert "<h3>Unverhältnismäßige Belastung (§ 10 Absatz 2 L-BGG)</h3>" in html
    assert "<h3>Nicht im Anwendungsbereich der Vorschriften</h3>" in html
    assert "Artikel 1 Absatz 4 Buchstabe e der Richtlinie (EU) 2016/2102" in html
    assert "§ 4 BITV 2.0" in html


def test_statement_offers_the_accessible_api_reference_instead_of_swagger_ui(client):
    html = rendered(client, reverse("pages:accessibility"))
    swagger = next(item for item in statement_items(html) if "Swagger UI" in item)

    assert "API-Dokumentation" in swagger
    assert f'<a href="{reverse("opendata:api_reference")}"' in html
    assert client.get(reverse("opendata:api_reference")).status_code == 200


def test_statement_shows_its_review_date_once_as_stand(client):
    html = rendered(client, reverse("pages:accessibility"))
    page = Page.objects.get(key=PageKey.ACCESSIBILITY)
    text = re.sub(r"<[^>]+>", "", html)

    assert page.reviewed_on == datetime.date(2026, 11, 25)
    assert "Stand: Diese Erklärung wurde zuletzt am 25. November 2026 überprüft." in text
    assert '<time datetime="2026-11-25">25. November 2026</time>' in html
    # The text names no review date of its own that could contradict the field: its only
    # date is the day the statement was created.
    prose = " ".join(ProseLines(html).lines)
    assert re.findall(rf"\d{{1,2}}\. (?:{MONTHS}) \d{{4}}", prose) == ["25. November 2026"]
    assert "Diese Erklärung wurde am 25. November 2026 erstellt." in prose
    assert 'href="#stand"' in html and 'id="stand"' in html


def test_a_new_review_date_changes_the_stand_and_an_edit_alone_does_not(client):
    page = Page.objects.get(key=PageKey.ACCESSIBILITY)
    page.body += "\n\nEin Tippfehler ist behoben."
    page.save()
    html = rendered(client, reverse("pages:accessibility"))
    assert '<time datetime="2026-11-25">' in html

    page.reviewed_on = datetime.date(2027, 3, 1)
    page.save()
    html = rendered(client, reverse("pages:accessibility"))
    assert 'zuletzt am <time datetime="2027-03-01">1. März 2027</time> überprüft' in html


def test_pages_without_review_date_show_their_last_change_as_stand(client):
    page = Page.objects.get(key=PageKey.IMPRINT)
    assert page.reviewed_on is None
    html = rendered(client, reverse("pages:imprint"))
    changed = timezone.localtime(page.updated)  # the day in Ludwigsburg, not in UTC
    assert f'Stand: <time datetime="{changed:%Y-%m-%d}">' in html


def test_statement_gives_a_phone_number_that_staff_must_confirm(client):
    html = rendered(client, reverse("pages:accessibility"))
    body = Page.objects.get(key=PageKey.ACCESSIBILITY).body
    imprint = Page.objects.get(key=PageKey.IMPRINT).body

    assert '<a href="tel:+4971419100"' in html
    assert "Telefon: 07141 910-0" in imprint  # the office's general number, not a new one
    assert "bitte bestätigen: Telefonnummer" in body
    assert "bitte bestätigen" not in html


def test_statement_links_the_schlichtungsstelle_for_staff_to_confirm(client):
    html = rendered(client, reverse("pages:accessibility"))
    part = html[html.index("<h2>Schlichtungsverfahren (Ombudsstelle)</h2>") :]
    procedure = " ".join(ProseLines('<div class="prose">' + part).lines)
    links = [
        attrs["href"]
        for attrs in HtmlPage(html).find_all("a")
        if attrs.get("href", "").startswith("https://barrierefreiheit-bw.de/")
    ]

    assert "Schlichtungsstelle des Landeszentrums Barrierefreiheit Baden-Württemberg" in procedure
    assert "Landes-Behindertenbeauftragte" in procedure
    assert links == [
        "https://barrierefreiheit-bw.de/barrierefreiheitdurchsetzen/schlichtungsantrag"
    ]
    assert links[0] in procedure  # the address is the link text: the office can check it
    body = Page.objects.get(key=PageKey.ACCESSIBILITY).body
    assert "bitte bestätigen: Name, Anschrift und Internetadresse der Schlichtungsstelle" in body


# --- Leichte Sprache -----------------------------------------------------------------------


@pytest.fixture
def easy(client):
    html = rendered(client, reverse("pages:easy_language"))
    return html, ProseLines(html)


def sentences(lines: list[str]) -> list[str]:
    return [part for line in lines for part in re.split(r"(?<=[.!?:])\s+", line) if part]


def test_easy_language_sentences_are_short_main_clauses_without_commas(easy):
    _html, prose = easy
    all_sentences = sentences(prose.lines)

    assert len(all_sentences) > 80
    for sentence in all_sentences:
        assert len(sentence.split()) <= MAX_WORDS, sentence
        assert "," not in sentence, sentence
        assert not SUBORDINATING.search(sentence), sentence


def test_easy_language_guard_finds_long_and_subordinate_sentences():
    lines = ProseLines(
        '<div class="prose"><p>Sie können das Portal nutzen, wenn Sie Fragen haben.</p></div>'
    ).lines
    (sentence,) = sentences(lines)
    assert "," in sentence and SUBORDINATING.search(sentence)


def test_easy_language_explains_every_hard_word(easy):
    _html, prose = easy
    text = "\n".join(prose.lines)

    for explanation in (
        "Eine Welt heißt:",
        "Fairer Handel heißt:",
        "Ein Menü ist eine Liste mit Wörtern.",
        "Ein Netzwerk ist eine große Gruppe.",
        "Akteure sind Vereine und Gruppen.",
        "Ein Link bringt Sie zu einer anderen Seite.",
        "Ein Knopf ist ein Feld zum Klicken.",
        "Klicken heißt:",
        "Koordinations-Stelle heißt:",
        "Eine Barriere ist ein Hindernis.",
        "Gebärden-Sprache ist eine Sprache mit den Händen.",
        "Ein Formular hat Felder zum Schreiben.",
        "Eine E-Mail ist ein Brief über das Internet.",
    ):
        assert explanation in text, explanation


def test_easy_language_uses_the_words_the_portal_really_shows(client, easy):
    html, _prose = easy
    directory = rendered(client, reverse("actors:list"))
    statement = rendered(client, reverse("pages:accessibility"))
    menu = html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index("main-nav"))]

    assert "Akteure anzeigen" in html and ">Akteure anzeigen</button>" in directory
    assert "<strong>Suchbegriff</strong>" in html and ">Suchbegriff</label>" in directory
    assert ">Nachricht senden</button>" in statement and "<strong>Nachricht senden</strong>" in html
    assert ">Barriere melden</a>" in html.split("<footer", 1)[1]
    assert '"Menü"' in Path(settings.BASE_DIR, "static/js/portal.js").read_text()
    for word in ("Akteure", "Netzwerke", "Veranstaltungen", "Koordinationsstelle", "Mitmachen"):
        assert f"<li>{word}</li>" in html, word
        assert f">{word}</a>" in menu, word
    assert "<strong>Suchen</strong>" not in html


def test_easy_language_summarises_the_statement_and_how_to_report_a_barrier(easy):
    html, prose = easy
    text = "\n".join(prose.lines)

    assert "Barriere-Freiheit" in prose.lines  # heading of the statement's summary
    for barrier in ("Gebärden-Sprache", "Swagger UI", "Internet-Seiten", "Vorlese-Programm"):
        assert barrier in text
    assert "Eine Barriere melden" in prose.lines
    assert '<a href="/barrierefreiheit/#rueckmeldung"' in html
    assert '<a href="/barrierefreiheit/"' in html
    assert "Schlichtungs-Stelle" in text
    assert "Mehr Leichte Sprache" in prose.lines


def test_easy_language_pictures_are_the_portals_own_and_all_have_alt_text(client, easy):
    _html, prose = easy

    assert len(prose.images) >= 10
    for image in prose.images:
        assert "alt" in image, image
        assert image["src"].startswith("/static/img/leichte-sprache/"), image
        assert image["width"] and image["height"]
        response = client.get(image["src"])
        assert response.status_code == 200
        response.close()  # whitenoise streams the file
    informative = {image["src"].rsplit("/", 1)[1]: image["alt"] for image in prose.images}
    assert "Menü" in informative["menue-knopf.svg"]
    assert "Akteure anzeigen" in informative["akteure-anzeigen.svg"]
    assert informative["welt.svg"] == ""  # decorative: the text beside it says the same


# --- Pictures in page texts ----------------------------------------------------------------


def test_page_text_shows_only_the_portals_own_pictures():
    html = render_markdown(
        "![Menü](/static/img/leichte-sprache/menue-knopf.svg)\n\n"
        "![Zähler](https://tracker.example.com/pixel.gif)\n\n"
        '<img src="/static/img/leichte-sprache/welt.svg">\n\n'
        '![x"><script>alert(1)</script>](/static/img/../../etc/passwd)\n\n'
        '<img src="/static/img/leichte-sprache/welt.svg" alt="&lt;b&gt;" onerror="alert(1)">',
        PAGE,
    )

    assert (
        '<img src="/static/img/leichte-sprache/menue-knopf.svg" alt="Menü" width="192" '
        'height="96">' in html
    )
    assert "tracker.example.com" not in html
    assert "<p>Zähler</p>" in html  # an image from elsewhere keeps only its description
    assert '<img src="/static/img/leichte-sprache/welt.svg" alt="" width="96"' in html
    assert "<script>" not in html and "passwd" not in html
    assert 'alt="&lt;b&gt;"' in html and "onerror" not in html


# --- The migration never overwrites staff edits ----------------------------------------------


def test_text_migration_leaves_staff_edited_texts_as_they_are():
    Page.objects.filter(key=PageKey.ACCESSIBILITY).update(
        body="Unsere eigene Erklärung, Stand 3. Februar 2027.", reviewed_on=None
    )
    Page.objects.filter(key=PageKey.EASY_LANGUAGE).update(body=SEEDED.EASY_LANGUAGE + "\nNeu.")

    assert TEXTS.replace_texts(Page, forwards=True) == []

    statement = Page.objects.get(key=PageKey.ACCESSIBILITY)
    assert statement.body == "Unsere eigene Erklärung, Stand 3. Februar 2027."
    assert statement.reviewed_on is None
    assert Page.objects.get(key=PageKey.EASY_LANGUAGE).body == SEEDED.EASY_LANGUAGE + "\nNeu."


def test_text_migration_replaces_seeded_texts_also_after_an_unchanged_save_in_the_admin():
    Page.objects.filter(key=PageKey.ACCESSIBILITY).update(
        body=SEEDED.ACCESSIBILITY, reviewed_on=None
    )
    # The admin's textarea sends CRLF line endings and the form strips outer whitespace.
    Page.objects.filter(key=PageKey.EASY_LANGUAGE).update(
        body=SEEDED.EASY_LANGUAGE.replace("\n", "\r\n").strip()
    )

    assert TEXTS.replace_texts(Page, forwards=True) == ["accessibility", "easy_language"]

    statement = Page.objects.get(key=PageKey.ACCESSIBILITY)
    assert statement.body == TEXTS.ACCESSIBILITY
    assert statement.reviewed_on == TEXTS.STATEMENT_REVIEWED_ON
    assert Page.objects.get(key=PageKey.EASY_LANGUAGE).body == TEXTS.EASY_LANGUAGE


def test_reversing_the_text_migration_restores_only_texts_nobody_edited():
    Page.objects.filter(key=PageKey.EASY_LANGUAGE).update(body="Von der Redaktion geändert.")

    assert TEXTS.replace_texts(Page, forwards=False) == ["accessibility"]

    statement = Page.objects.get(key=PageKey.ACCESSIBILITY)
    assert statement.body == SEEDED.ACCESSIBILITY
    assert statement.reviewed_on is None
    assert Page.objects.get(key=PageKey.EASY_LANGUAGE).body == "Von der Redaktion geändert."
