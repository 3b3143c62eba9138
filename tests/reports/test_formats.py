"""The report as PDF (read back with pdftotext), Word (opened with python-docx) and
CSV annex (parsed), from the seed data for 2018."""

import csv
import io
import subprocess
from collections import Counter

import docx
import pytest
from django.conf import settings
from django.urls import reverse

from actors.models import ActorKind
from reports.annex import neutralise
from reports.compute import compute_report
from reports.pdf import _static_fetcher
from tests.factories import ActorFactory, EventFactory, ParticipationFactory
from tests.reports.conftest import local, poppler

pytestmark = pytest.mark.django_db

REPORT_2018 = {"von": "2018-01-01", "bis": "2018-12-31"}


def download(client, format, **query):
    response = client.get(reverse("reports:builder"), {**REPORT_2018, "format": format, **query})
    assert response.status_code == 200, response.content[:500]
    return response


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page, in reading order, whitespace collapsed."""
    result = subprocess.run(
        [poppler("pdftotext"), "-", "-"], input=content, capture_output=True, check=True
    )
    return [" ".join(page.split()) for page in result.stdout.decode().split("\f")[:-1]]


def pdf_text(content: bytes) -> str:
    return " ".join(pdf_pages(content))


def test_pdf_of_2018_names_buko_the_citys_role_and_every_membership(staff_client, seeded):
    response = download(staff_client, "pdf")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="bericht-2018.pdf"' in response["Content-Disposition"]
    pages = pdf_pages(response.content)
    text = " ".join(pages)
    assert "Bericht der Koordinationsstelle kommunale Entwicklungspolitik 2018" in text
    assert "BuKo 2018" in text
    assert "Koordinationsstelle kommunale Entwicklungspolitik: Mitwirkung" in text
    for role in ("Koordination / Moderation", "Juryvorsitz", "Mitglied"):
        assert role in text
    assert text.count("nicht bekannt") >= 11
    assert "BMZ-Afrikatag" in text and "Ohne Datum" in text
    # "Stand" and the data source on every page.
    assert len(pages) >= 2
    for page in pages:
        assert "Stand:" in page and "Quelle: Eine-Welt-Portal Ludwigsburg" in page


def test_pdf_charts_are_embedded_with_their_numbers(staff_client, seeded):
    text = pdf_text(download(staff_client, "pdf").content)
    assert "Veranstaltungen nach Ebene" in text
    assert "Städtische Einrichtung" in text  # the kind chart's bar label


def test_pdf_rendering_loads_nothing_but_local_static_files():
    fetcher = _static_fetcher()
    stylesheet = fetcher(settings.SITE_URL + "/static/reports/report-print.css")
    assert b"@page" in stylesheet.read()
    for url in (
        "https://fonts.example.com/font.woff2",
        "http://127.0.0.1:5432/",
        settings.SITE_URL + "/verwaltung/",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher(url)


def docx_text(content: bytes) -> tuple[str, docx.document.Document]:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts), document


def test_word_file_of_2018_can_be_opened_and_searched(staff_client, seeded):
    response = download(staff_client, "docx")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    text, document = docx_text(response.content)
    assert document.core_properties.title.endswith("2018")
    assert "BuKo 2018" in text
    assert "Koordinationsstelle kommunale Entwicklungspolitik: Mitwirkung" in text
    assert "Juryvorsitz" in text and "Mitglied" in text and "Gutachter*in" not in text
    assert text.count("nicht bekannt") >= 11
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert (
        "Netzwerkarbeit der Stadt" in headings and "Programmziele: geplant – erreicht" in headings
    )
    # Charts as pictures with alternative text; Stand and source in the footer.
    assert len(document.inline_shapes) >= 2
    assert "Veranstaltungen nach Ebene" in document.element.xml
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Stand:") and "Quelle: Eine-Welt-Portal Ludwigsburg" in footer


def read_csv(content: bytes) -> list[dict]:
    assert content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_annex_has_the_rows_behind_every_number(staff_client, seeded):
    rows = read_csv(download(staff_client, "csv").content)
    summary = {row["metric"]: int(row["value"]) for row in rows if row["section"] == "summary"}
    records = Counter(row["metric"] for row in rows if row["section"] != "summary")
    assert summary["city_memberships"] == 11
    assert summary["events"] == 1
    for metric, value in summary.items():
        assert records[metric] == value, metric
    memberships = [
        r for r in rows if (r["section"], r["metric"]) == ("networks", "city_memberships")
    ]
    assert {r["role"] for r in memberships} == {
        "Koordination / Moderation",
        "Mitglied",
        "Juryvorsitz",
        "Mitwirkung",
    }
    assert all(r["date_from"] == "" for r in memberships)  # unknown, not invented
    (buko,) = [r for r in rows if (r["section"], r["metric"]) == ("events", "events:federal")]
    assert (buko["name"], buko["date_from"]) == ("BuKo 2018", "2018")


def test_csv_annex_cells_cannot_start_a_formula(staff_client, seeded):
    city = ActorFactory(kind=ActorKind.MUNICIPAL, name='=HYPERLINK("http://evil.example")')
    event = EventFactory(title="+Aktion", start=local(2018, 3, 3, 18))
    ParticipationFactory(event=event, actor=city, role="organiser")
    rows = read_csv(download(staff_client, "csv").content)
    names = {row["name"] for row in rows} | {row["related"] for row in rows}
    assert "'+Aktion" in names
    assert '\'=HYPERLINK("http://evil.example")' in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)


@pytest.mark.parametrize("value", ["=1+1", "+49", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_english_pdf_on_request(staff_client, seeded):
    text = pdf_text(download(staff_client, "pdf", sprache="en").content)
    assert "Jury chair" in text and "Federal" in text


def test_every_underlying_row_is_in_the_annex_even_beyond_the_page_lists(seeded, year_2018):
    from reports import compute

    for index in range(compute.LIST_LIMIT + 3):
        EventFactory(title=f"Vortrag {index}", start=local(2018, 4, 1, 18))
    data = compute_report(period=year_2018, annex=True)
    city_level = next(level for level in data["events"]["levels"] if level["level"] == "city")
    assert len(city_level["events"]) == compute.LIST_LIMIT
    assert city_level["more"] == 3
    assert sum(1 for row in data["annex"]["rows"] if row[:2] == ["events", "events:city"]) == (
        compute.LIST_LIMIT + 3
    )
