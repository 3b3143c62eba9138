"""Admin imports take the files staff have (German Excel CSV, UTF-8 with BOM, XLSX) with
the German column labels and the values staff see, and report every bad cell at once."""

import csv
import io
import zoneinfo

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.models import Actor
from networks.models import Membership
from tests.factories import ActorFactory, MembershipFactory, NetworkFactory, RegionFactory

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")

GERMAN_HEADER = [
    "Kurzname (URL)",
    "Name",
    "Art",
    "Status",
    "Stadtteil",
    "Nachhaltigkeitsziele (SDGs)",
    "Partnerländer / Schwerpunktregionen",
    "Kontaktdaten veröffentlichen",
]
WELTLADEN = [
    "weltladen",
    "Weltladen Ludwigsburg",
    "Weltladen",
    "Entwurf",
    "Oßweil",
    "4, 13",
    "Peru",
    "ja",
]


def csv_bytes(rows, *, delimiter=";", encoding="cp1252", bom=False) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, model, content, *, name="akteure.csv", file_format="0"):
    return client.post(
        reverse(f"admin:{model}_import"),
        {
            "import_file": SimpleUploadedFile(name, content),
            "format": file_format,
            "resource": "0",
        },
    )


def upload_and_confirm(client, model, content, **kwargs):
    preview = upload(client, model, content, **kwargs)
    assert preview.status_code == 200
    assert preview.context.get("confirm_form"), preview.context.get("import_problems")
    done = client.post(
        reverse(f"admin:{model}_process_import"), preview.context["confirm_form"].initial
    )
    assert done.status_code == 302
    return preview


def assert_weltladen_imported():
    actor = Actor.objects.get(slug="weltladen")
    assert (actor.kind, actor.status, actor.district) == ("world_shop", "draft", "ossweil")
    assert sorted(actor.sdgs.values_list("number", flat=True)) == [4, 13]
    assert list(actor.regions.values_list("slug", flat=True)) == ["peru"]
    assert actor.contact_public is True


@pytest.fixture
def peru(db):
    return RegionFactory(slug="peru", name="Peru")


def test_german_excel_csv_with_labels_and_shown_values_imports(staff_client, peru):
    # What German Excel writes: semicolons, Windows-1252 (the ß of Oßweil, the ä of the header).
    content = csv_bytes([GERMAN_HEADER, WELTLADEN])
    assert "ß".encode("cp1252") in content

    upload_and_confirm(staff_client, "actors_actor", content)

    assert_weltladen_imported()


def test_utf8_csv_with_bom_and_commas_imports(staff_client, peru):
    content = csv_bytes([GERMAN_HEADER, WELTLADEN], delimiter=",", encoding="utf-8", bom=True)

    upload_and_confirm(staff_client, "actors_actor", content)

    assert_weltladen_imported()


def test_tab_separated_file_with_internal_codes_and_names_imports(staff_client, peru):
    header = ["slug", "name", "kind", "status", "district", "sdgs", "regions", "contact_public"]
    row = ["weltladen", "Weltladen Ludwigsburg", "world_shop", "draft", "ossweil", "SDG 4, 13"]
    content = csv_bytes([header, [*row, "peru", "1"]], delimiter="\t", encoding="utf-8")

    upload_and_confirm(staff_client, "actors_actor", content)

    assert_weltladen_imported()


def test_excel_file_imports(staff_client, peru):
    # Excel stores a single SDG as a number; the yes/no column as "ja".
    row = [*WELTLADEN[:5], 4, "Peru", "ja"]
    content = xlsx_bytes([GERMAN_HEADER, row])

    upload_and_confirm(staff_client, "actors_actor", content, name="akteure.xlsx", file_format="1")

    actor = Actor.objects.get(slug="weltladen")
    assert list(actor.sdgs.values_list("number", flat=True)) == [4]
    assert actor.district == "ossweil"


def test_membership_file_names_actor_and_network_as_staff_see_them(staff_client):
    ActorFactory(slug="weltladen", name="Weltladen Ludwigsburg")
    NetworkFactory(slug="ag-kep", name="AG Kommunale Entwicklungspolitik")
    content = csv_bytes(
        [
            ["Akteur", "Netzwerk", "Rolle", "Seit"],
            ["Weltladen Ludwigsburg", "AG Kommunale Entwicklungspolitik", "Mitglied", ""],
        ]
    )

    upload_and_confirm(staff_client, "networks_membership", content)

    membership = Membership.objects.get()
    assert (membership.actor.slug, membership.network.slug) == ("weltladen", "ag-kep")
    assert membership.role == "member"


def test_german_dates_import_and_bad_numbers_and_dates_are_named_in_german(staff_client):
    from events.models import Event

    content = csv_bytes(
        [
            ["Kurzname (URL)", "Titel", "Status", "Beginn", "Ende", "Ebene"],
            ["fest", "Eine-Welt-Fest", "Entwurf", "28.03.2026 19:00", "28.03.2026 22:30", "Stadt"],
        ]
    )
    upload_and_confirm(staff_client, "events_event", content)
    event = Event.objects.get(slug="fest")
    assert event.start.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M") == "28.03.2026 19:00"

    bad = csv_bytes(
        [
            ["Kurzname (URL)", "Name", "Art", "Status", "Gründungsjahr", "Breitengrad"],
            ["eins", "Eins", "Verein (e.V.)", "Entwurf", "neunzehnhundert", "Norden"],
        ]
    )
    problems = upload(staff_client, "actors_actor", bad).context["import_problems"]
    assert problems == [
        "Zeile 2, Spalte „Gründungsjahr“, Wert „neunzehnhundert“: "
        "Bitte geben Sie eine ganze Zahl an, z. B. 1985.",
        "Zeile 2, Spalte „Breitengrad“, Wert „Norden“: "
        "Bitte geben Sie eine Zahl an, z. B. 48,8975.",
    ]


def test_two_bad_cells_are_both_reported_with_their_columns_and_nothing_is_imported(
    staff_client, peru
):
    content = csv_bytes(
        [
            GERMAN_HEADER,
            ["eins", "Verein eins", "Raumschiff", "Entwurf", "", "4", "", "nein"],
            ["zwei", "Verein zwei", "Verein (e.V.)", "Entwurf", "", "4, 18", "", "nein"],
            ["drei", "Verein drei", "Verein (e.V.)", "Entwurf", "", "", "", "nein"],
        ]
    )

    response = upload(staff_client, "actors_actor", content)

    html = response.content.decode()
    problems = response.context["import_problems"]
    assert len(problems) == 2
    assert problems[0].startswith("Zeile 2, Spalte „Art“, Wert „Raumschiff“: ")
    assert "Erlaubt sind: „Verein (e.V.)“" in problems[0]
    assert problems[1].startswith("Zeile 3, Spalte „Nachhaltigkeitsziele (SDGs)“, Wert „4, 18“:")
    assert "Nummern 1 bis 17" in problems[1]
    for problem in problems:
        assert problem in html
    assert "Die Datei wurde nicht importiert" in html
    for english in ("Traceback", "Line number", "Errors", "Please correct"):
        assert english not in html
    assert not response.context.get("confirm_form")
    assert Actor.objects.count() == 0


def test_one_row_with_two_bad_cells_reports_both(db):
    from actors.resources import ActorResource
    from ludwigsburg_portal.importexport import import_problems
    from ludwigsburg_portal.spreadsheet_files import read_table

    dataset = read_table(
        csv_bytes([GERMAN_HEADER, ["eins", "Eins", "Raumschiff", "fertig", "", "99", "", "ja"]])
    )
    resource = ActorResource()
    result = resource.import_data(dataset, dry_run=False)

    columns = [problem.split("“", 1)[0] for problem in import_problems(resource, result)]
    assert columns == [
        "Zeile 2, Spalte „Art",
        "Zeile 2, Spalte „Status",
        "Zeile 2, Spalte „Nachhaltigkeitsziele (SDGs)",
    ]
    assert Actor.objects.count() == 0


def test_file_without_the_key_column_says_so_in_german(staff_client):
    content = csv_bytes([["Name", "Art", "Farbe"], ["Verein", "Verein (e.V.)", "blau"]])

    response = upload(staff_client, "actors_actor", content)

    html = response.content.decode()
    assert "import_id_fields" not in html and "The following fields" not in html
    problems = response.context["import_problems"]
    assert problems[0].startswith("Unbekannte Spalten: „Farbe“. Erlaubt sind: „Kurzname (URL)“")
    assert (
        "Es fehlen Spalten, an denen die Einträge erkannt werden: „Kurzname (URL)“" in (problems[1])
    )
    assert Actor.objects.count() == 0


# --- exports -------------------------------------------------------------------------


def _export(client, model, file_format):
    url = reverse(f"admin:{model}_export")
    page = client.get(url)
    form = page.context["form"]
    picked = {
        name: "on" for name in form.fields if name not in ("format", "resource", "export_items")
    }
    response = client.post(url, {"format": file_format, "resource": "0"} | picked)
    assert response.status_code == 200
    return response


@pytest.fixture
def directory(peru):
    weltladen = ActorFactory(
        slug="weltladen",
        name="Weltladen Ludwigsburg",
        kind="world_shop",
        district="ossweil",
        tags=["Fairer Handel"],
        regions=[peru],
        latitude="48.897000",
        longitude="9.191000",
        contact_public=True,
    )
    weltladen.sdgs.set(weltladen.sdgs.model.objects.filter(number__in=[4, 13]))
    MembershipFactory(actor=weltladen, network=NetworkFactory(slug="ag-kep"), role="chair")
    return weltladen


def test_csv_export_opens_in_german_excel(staff_client, directory):
    content = _export(staff_client, "actors_actor", "0").content

    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    header, row = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert header[:4] == ["Kurzname (URL)", "Name", "Art", "Status"]
    assert "Partnerländer / Schwerpunktregionen" in header
    values = dict(zip(header, row, strict=True))
    assert (values["Art"], values["Status"], values["Stadtteil"]) == (
        "Weltladen",
        "Veröffentlicht",
        "Oßweil",
    )
    assert values["Kontaktdaten veröffentlichen"] == "ja"


def test_excel_export_has_german_headers(staff_client, directory):
    response = _export(staff_client, "actors_actor", "1")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:3] == ["Kurzname (URL)", "Name", "Art"]


@pytest.mark.parametrize(
    ("model", "file_format", "name"),
    [
        ("actors_actor", "0", "a.csv"),
        ("actors_actor", "1", "a.xlsx"),
        ("networks_membership", "0", "m.csv"),
    ],
)
def test_an_export_imports_again_unchanged(staff_client, directory, model, file_format, name):
    def state():
        actor = Actor.objects.get(slug="weltladen")
        return (
            list(Actor.objects.values().order_by("pk")),
            sorted(actor.sdgs.values_list("number", flat=True)),
            list(actor.regions.values_list("slug", flat=True)),
            list(actor.tags.names()),
            list(Membership.objects.values().order_by("pk")),
        )

    before = state()
    content = _export(staff_client, model, file_format).content

    preview = upload_and_confirm(staff_client, model, content, name=name, file_format=file_format)

    result = preview.context["result"]
    assert result.totals["skip"] == len(result.rows) == 1
    assert state() == before


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00garbage;;;\n", b"Kurzname (URL);Art\n"],
    ids=["unreadable", "headers only"],
)
def test_a_file_without_importable_rows_is_refused_formally(staff_client, content):
    from tests.test_formal_german import INFORMAL, visible_text

    response = upload(staff_client, "actors_actor", content)
    text = visible_text(response.content.decode())
    assert response.status_code == 200
    assert "Bitte prüfen Sie" in text
    assert not INFORMAL.search(text), INFORMAL.search(text)
    assert not Actor.objects.exists()
