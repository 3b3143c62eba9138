"""The Ludwigsburg data: every fact of the office's page, added without changing what exists."""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from actors.models import Actor, ActorKind
from events.models import DatePrecision, Event, Participation, ParticipationRole
from ludwigsburg_portal.publication import Level, PublicationStatus
from networks.models import ExpertExchange, Membership, MembershipRole, Network
from seeding.seed import OFFICE

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
        ("Inlandsförderung", Level.STATE, MembershipRole.REVIEWER),
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
    demo = Actor.objects.filter(is_demo=True)
    assert demo.count() == 20
    assert all(slug.startswith("demo-") for slug in demo.values_list("slug", flat=True))
    assert Event.objects.filter(is_demo=True).count() == 40
    call_command("load_ludwigsburg", "--clear-demo", verbosity=0)
    assert not Actor.objects.filter(is_demo=True).exists()
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
