"""The Ludwigsburg data: every fact of the office's page, added without changing what exists."""

import datetime
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from actors.models import Actor, ActorKind
from events.dates import format_event_date
from events.models import DatePrecision, Event, Participation, ParticipationRole
from ludwigsburg_portal.publication import Level, PublicationStatus
from networks.models import ExpertExchange, Membership, MembershipRole, Network
from seeding import seed
from seeding.seed import OFFICE
from tests.factories import ActorFactory, EventFactory, MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("load_ludwigsburg", verbosity=0)


def office_role_in(network_name_part: str) -> str:
    membership = Membership.objects.get(
        actor__slug=OFFICE, network__name__contains=network_name_part
    )
    return membership.role


def test_office_and_its_four_partner_departments_are_municipal_actors(seeded):
    names = set(Actor.objects.filter(kind=ActorKind.MUNICIPAL).values_list("name", flat=True))
    assert names == {
        "Koordinationsstelle kommunale Entwicklungspolitik",
        "Referat Nachhaltige Stadtentwicklung",
        "Fachbereich Tiefbau und Grünflächen",
        "Fachbereich Bürgerschaftliches Engagement",
        "Fachbereich Organisation und Personal – Städtepartnerschaften",
    }
    assert not Actor.objects.exclude(status=PublicationStatus.PUBLISHED).exists()


def test_partner_departments_work_with_the_office_in_a_city_network(seeded):
    network = Network.objects.get(level=Level.CITY, name__contains="Stadtverwaltung")
    members = set(network.memberships.values_list("actor__name", "role"))
    assert (
        "Koordinationsstelle kommunale Entwicklungspolitik",
        MembershipRole.COORDINATOR,
    ) in members
    assert {name for name, role in members if role == MembershipRole.MEMBER} == {
        "Referat Nachhaltige Stadtentwicklung",
        "Fachbereich Tiefbau und Grünflächen",
        "Fachbereich Bürgerschaftliches Engagement",
        "Fachbereich Organisation und Personal – Städtepartnerschaften",
    }


@pytest.mark.parametrize(
    ("network", "level", "role"),
    [
        ("Kommune bewegt Welt", Level.FEDERAL, MembershipRole.JURY_CHAIR),
        ("Städtetags Baden-Württemberg", Level.STATE, MembershipRole.MEMBER),
        ("Kommunikation über Flucht und Migration", Level.FEDERAL, MembershipRole.MEMBER),
        # "Mitgliedschaft im Gutachtergremium": a membership, not a reviewer's role.
        ("Inlandsförderung", Level.STATE, MembershipRole.MEMBER),
        ("Afrikadialog", Level.FEDERAL, MembershipRole.CONTRIBUTOR),
    ],
)
def test_each_network_of_the_seed_page_has_the_office_in_its_role(seeded, network, level, role):
    assert Network.objects.get(name__contains=network).level == level
    assert office_role_in(network) == role


def test_state_and_federal_network_hosts_are_named(seeded):
    assert Network.objects.get(name__contains="AG „Kommunale").host == "Städtetag Baden-Württemberg"
    assert Network.objects.get(name__contains="Expertengruppe").host == "Auswärtiges Amt"
    assert "2014" in Network.objects.get(name__contains="Afrikadialog").description


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("BuKo 2018", Level.FEDERAL),
        ("BMZ-Afrikatag", Level.FEDERAL),
        ("G20 „Compact with Africa“", Level.INTERNATIONAL),
    ],
)
def test_events_the_office_contributed_to(seeded, title, level):
    event = Event.objects.get(title=title)
    assert event.level == level
    assert event.participations.get().role == ParticipationRole.CONTRIBUTOR
    assert event.participations.get().actor.slug == OFFICE


def test_only_buko_has_a_known_date(seeded):
    buko = Event.objects.get(title="BuKo 2018")
    assert timezone.localtime(buko.start).year == 2018
    assert Event.objects.in_year(2018).filter(pk=buko.pk).exists()
    assert Event.objects.get(title="BMZ-Afrikatag").start is None


def test_three_expert_exchanges_with_their_functions(seeded):
    assert set(ExpertExchange.objects.values_list("expert_name", "expert_function")) == {
        ("Günther Nooke", "Afrikabeauftragter der Bundesregierung"),
        ("Bilkay Öney", "ehemalige Integrationsministerin von Baden-Württemberg"),
        (
            "Georg Schmidt",
            "Regionalbeauftragter des Auswärtigen Amts für das Afrika südlich der Sahara",
        ),
    }


# The office's page as published, with plain spaces for its non-breaking ones; the data
# spells "Baden-Württemberg" correctly where the page once misspells it.
PAGE = (Path(settings.BASE_DIR) / "seeding" / "ludwigsburg-handelt-lokal.txt").read_text(
    encoding="utf-8"
)
PAGE_TEXT = PAGE.replace("\xa0", " ").replace("Baden-Würtemberg", "Baden-Württemberg")

# The page's wording for the city's role, and the role it states.
STATED_ROLES = {
    "Mitgliedschaft": MembershipRole.MEMBER,
    "Juryvorsitz": MembershipRole.JURY_CHAIR,
    "Mitwirkung": ParticipationRole.CONTRIBUTOR,
    "Moderations- und Vernetzungsfunktion": MembershipRole.COORDINATOR,
}


def stated_role(line: str) -> str | None:
    """The role a line of the page states ("Mitgliedschaft in …" → member), or None."""
    roles = {role for wording, role in STATED_ROLES.items() if wording in line}
    return roles.pop() if len(roles) == 1 else None


def test_gutachtergremium_membership_is_a_membership_not_a_reviewer_role(seeded, client):
    assert office_role_in("Gutachtergremium") == MembershipRole.MEMBER
    page = client.get("/netzwerke/gutachtergremium-inlandsfoerderung-bw/").content.decode()
    assert "Gutachter*in" not in page and "Mitglied" in page


def test_every_seeded_role_is_stated_on_the_office_page_or_marked_for_staff(seeded):
    sources = {network["slug"]: network["source"] for network in seed.NETWORKS}
    stated = marked = 0
    for membership in Membership.objects.select_related("network"):
        line = sources[membership.network.slug]
        assert line in PAGE_TEXT, f"{membership.network}: {line!r} is not on the page"
        if membership.to_confirm:
            marked += 1
            continue
        assert stated_role(line) == membership.role, f"{membership}: the page says {line!r}"
        stated += 1
    assert (stated, marked) == (6, 5)
    cooperation = Network.objects.get(slug="zusammenarbeit-stadtverwaltung-entwicklungspolitik")
    assert stated_role(sources[cooperation.slug]) is None and cooperation.to_confirm


def test_every_seeded_event_role_date_and_organiser_is_on_the_office_page(seeded):
    sources = {event["slug"]: event["source"] for event in seed.EVENTS}
    assert seed.EVENT_SOURCE in PAGE_TEXT
    participations = Participation.objects.select_related("event")
    assert participations.count() == 3
    for participation in participations:
        event = participation.event
        line = sources[event.slug]
        assert f"• {line}\n" in PAGE_TEXT, f"{event}: {line!r} is not on the page"
        assert participation.role == stated_role(seed.EVENT_SOURCE)
        date = format_event_date(event)
        assert not date.start or date.start_text in line, f"{event}: {date.text} not in {line!r}"
        assert not event.organiser or event.organiser in PAGE_TEXT, event.organiser
        # The page does not say which of them is national: the level awaits staff.
        assert event.to_confirm


def test_seeded_actors_carry_only_topics_the_page_names_and_no_sdgs_or_district(seeded):
    for actor in Actor.objects.prefetch_related("tags", "sdgs"):
        assert actor.district == "", actor
        assert list(actor.sdgs.all()) == [], actor
        for name in actor.tags.names():
            assert name.casefold() in PAGE_TEXT.casefold(), f"{actor}: topic {name!r}"


def faithfulness(app: str):
    """The app's seed_faithfulness data migration, whatever its number."""
    (path,) = (Path(__file__).parent.parent / app / "migrations").glob("*_seed_faithfulness.py")
    return importlib.import_module(f"{app}.migrations.{path.stem}")


def test_faithfulness_migrations_correct_only_values_still_as_seeded():
    office = ActorFactory(slug=OFFICE, kind=ActorKind.MUNICIPAL)
    board = NetworkFactory(
        slug="gutachtergremium-inlandsfoerderung-bw",
        description="Das Gremium begutachtet Anträge der entwicklungspolitischen "
        "Inlandsförderung des Landes. Ludwigsburg ist Mitglied.",
    )
    jury = NetworkFactory(slug="jury-kommune-bewegt-welt", host="Engagement Global (Staff)")
    MembershipFactory(actor=office, network=board, role=MembershipRole.REVIEWER)
    MembershipFactory(actor=office, network=jury, role=MembershipRole.JURY_CHAIR)
    africa_day = EventFactory(
        slug="bmz-afrikatag",
        organiser="Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung (BMZ)",
        level=Level.FEDERAL,
    )
    g20 = EventFactory(slug="g20-compact-with-africa", organiser="G20 (bestätigt)")

    faithfulness("networks").forwards(apps, None)
    faithfulness("events").forwards(apps, None)

    board.refresh_from_db()
    jury.refresh_from_db()
    africa_day.refresh_from_db()
    g20.refresh_from_db()
    assert board.memberships.get().role == MembershipRole.MEMBER
    assert jury.memberships.get().role == MembershipRole.JURY_CHAIR
    assert board.description.startswith("Gutachtergremium der entwicklungspolitischen")
    assert jury.host == "Engagement Global (Staff)"  # staff's value stays
    assert africa_day.organiser == "" and africa_day.to_confirm.startswith("Ebene")
    assert g20.organiser == "G20 (bestätigt)"


def test_demo_actors_join_no_seeded_network_and_take_part_in_no_seeded_event(seeded):
    call_command("load_ludwigsburg", "--demo", "200", verbosity=0)
    demo = Membership.objects.filter(actor__is_example=True)
    assert demo.exists()
    assert not demo.filter(network__slug__in=[n["slug"] for n in seed.NETWORKS]).exists()
    assert not demo.filter(network__is_example=False).exists()
    assert Participation.objects.filter(actor__is_example=True).exists()
    assert not Participation.objects.filter(
        actor__is_example=True, event__is_example=False
    ).exists()
    call_command("load_ludwigsburg", "--clear-demo", verbosity=0)
    assert not Network.objects.filter(is_example=True).exists()
    assert Network.objects.count() == len(seed.NETWORKS)


def test_loading_twice_changes_nothing(seeded):
    def snapshot():
        return (
            list(Actor.objects.order_by("pk").values_list("slug", "name", "updated")),
            list(Network.objects.order_by("pk").values_list("slug", "name", "updated")),
            list(Membership.objects.order_by("pk").values_list("actor_id", "network_id", "role")),
            list(Event.objects.order_by("pk").values_list("slug", "start", "updated")),
            list(Participation.objects.order_by("pk").values_list("actor_id", "event_id")),
            list(ExpertExchange.objects.order_by("pk").values_list("pk", "expert_name")),
            sorted(Actor.objects.get(slug=OFFICE).tags.names()),
        )

    before = snapshot()
    call_command("load_ludwigsburg", verbosity=0)
    assert snapshot() == before


def history_rows() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    }


def test_second_run_writes_no_history(seeded):
    before = history_rows()
    assert before["actors.HistoricalActor"] and before["events.HistoricalEvent"]
    call_command("load_ludwigsburg", verbosity=0)
    assert history_rows() == before


def test_make_run_keeps_staff_edit_of_seeded_teaser(seeded):
    office = Actor.objects.get(slug=OFFICE)
    office.teaser = "Neuer Text der Koordinationsstelle."
    office.tags.set(["Eine-Welt-Arbeit"])
    office.save()

    call_command("load_ludwigsburg", verbosity=0)

    office.refresh_from_db()
    assert office.teaser == "Neuer Text der Koordinationsstelle."
    assert list(office.tags.names()) == ["Eine-Welt-Arbeit"]


def test_archived_seeded_event_stays_archived_with_its_corrected_date(seeded):
    event = Event.objects.get(slug="bmz-afrikatag")
    event.status = PublicationStatus.ARCHIVED
    event.start = timezone.make_aware(datetime.datetime(2019, 6, 13, 10))
    event.date_precision = DatePrecision.DAY
    event.description = "Korrigiert von der Koordinationsstelle."
    event.save()

    call_command("load_ludwigsburg", verbosity=0)

    event.refresh_from_db()
    assert event.status == PublicationStatus.ARCHIVED
    assert event.start == timezone.make_aware(datetime.datetime(2019, 6, 13, 10))
    assert event.description == "Korrigiert von der Koordinationsstelle."
    assert not Event.objects.published().filter(slug="bmz-afrikatag").exists()


def test_staff_change_to_a_seeded_membership_is_kept_and_not_duplicated(seeded):
    membership = Membership.objects.get(
        actor__slug=OFFICE, network__slug="jury-kommune-bewegt-welt"
    )
    membership.role = MembershipRole.JURY_MEMBER
    membership.start_date = datetime.date(2019, 1, 1)
    membership.end_date = datetime.date(2023, 12, 31)
    membership.save()
    participation = Participation.objects.get(actor__slug=OFFICE, event__slug="buko-2018")
    participation.role = ParticipationRole.SPEAKER
    participation.save()

    call_command("load_ludwigsburg", verbosity=0)

    jury = Membership.objects.filter(actor__slug=OFFICE, network__slug="jury-kommune-bewegt-welt")
    assert list(jury.values_list("role", "end_date")) == [
        (MembershipRole.JURY_MEMBER, datetime.date(2023, 12, 31))
    ]
    buko = Participation.objects.filter(actor__slug=OFFICE, event__slug="buko-2018")
    assert list(buko.values_list("role", flat=True)) == [ParticipationRole.SPEAKER]


def test_office_renamed_with_the_setting_is_not_created_a_second_time(seeded):
    office = Actor.objects.get(slug=OFFICE)
    office.slug = "koordinationsstelle-eine-welt"
    office.save()

    with override_settings(PORTAL_OFFICE_SLUG="koordinationsstelle-eine-welt"):
        call_command("load_ludwigsburg", verbosity=0)

    assert Actor.objects.filter(kind=ActorKind.MUNICIPAL).count() == 5
    assert not Actor.objects.filter(slug=OFFICE).exists()
    assert office.memberships.count() == 7


def test_demo_data_is_analyzed_so_queries_are_planned_for_its_size(seeded):
    def planned_rows(model) -> float:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
            )
            return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        # Statistics of the seed alone (pg_class keeps them across tests).
        cursor.execute("ANALYZE actors_actor, events_event, events_participation")
    assert planned_rows(Actor) == 5

    call_command("load_ludwigsburg", "--demo", "30", verbosity=0)

    assert planned_rows(Actor) == Actor.objects.count() == 35
    assert planned_rows(Event) == Event.objects.count() == 63
    assert planned_rows(Participation) == Participation.objects.count()


def test_demo_data_is_flagged_and_can_be_removed(seeded):
    call_command("load_ludwigsburg", "--demo", "20", verbosity=0)
    demo = Actor.objects.filter(is_example=True)
    assert demo.count() == 20
    assert all(slug.startswith("demo-") for slug in demo.values_list("slug", flat=True))
    assert Event.objects.filter(is_example=True).count() == 40
    call_command("load_ludwigsburg", "--clear-demo", verbosity=0)
    assert not Actor.objects.filter(is_example=True).exists()
    assert Actor.objects.filter(slug=OFFICE).exists()


def _imported_modules(path):
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_no_portal_module_imports_seed_or_demo_data():
    """Seeding sits on top: the portal runs the same without it, so nothing below imports it."""
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    root = Path(settings.BASE_DIR)
    ours = [
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).parent == root and config.name != "seeding"
    ]
    offending = sorted(
        f"{path.relative_to(root)}: {module}"
        for app in ours
        for path in app.rglob("*.py")
        for module in _imported_modules(path)
        if module.split(".")[0] == "seeding" or module.endswith((".seed", ".demo"))
    )
    assert ours and offending == []


def test_values_to_confirm_are_badged_in_the_admin_and_not_shown_as_fact(seeded, client):
    from tests.factories import StaffUserFactory

    cooperation = "/netzwerke/zusammenarbeit-stadtverwaltung-entwicklungspolitik/"
    page = client.get(cooperation).content.decode()
    assert "noch nicht bestätigt" in page
    assert "Koordination / Moderation (nicht bestätigt)" in page
    assert "noch nicht bestätigt" in client.get("/veranstaltungen/buko-2018/").content.decode()
    assert (
        "noch nicht bestätigt"
        not in client.get("/netzwerke/jury-kommune-bewegt-welt/").content.decode()
    )

    client.force_login(StaffUserFactory())
    memberships = client.get("/verwaltung/networks/membership/?bestaetigen=offen")
    assert memberships.status_code == 200
    html = memberships.content.decode()
    assert html.count('<span class="confirmation-badge"') == 5
    events = client.get("/verwaltung/events/event/").content.decode()
    assert events.count('<span class="confirmation-badge"') == 3
