"""The admin's "Historie": who changed which field from which value to which, in German."""

import datetime
import re

import pytest
from django.apps import apps
from django.urls import reverse
from simple_history.models import HistoricalRecords

from actors.models import Actor
from ludwigsburg_portal.migration_operations import history_baseline
from ludwigsburg_portal.publication import PublicationStatus, set_status
from networks.models import Membership, MembershipRole, Network
from pages.models import Page
from selfservice.services import actor_history_purge
from tests.factories import (
    ActorFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    RegionFactory,
    StaffUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kim(db):
    return StaffUserFactory(username="kim", first_name="Kim", last_name="Koordination")


@pytest.fixture
def kim_client(client, kim):
    client.force_login(kim)
    return client


def actor_form(actor, **changes):
    data = {
        "name": actor.name,
        "slug": actor.slug,
        "kind": actor.kind,
        "status": actor.status,
        "teaser": actor.teaser,
        "description": actor.description,
        "city": actor.city,
        "tags": ", ".join(actor.tags.names()),
        "sdgs": [str(number) for number in actor.sdgs.values_list("pk", flat=True)],
        "regions": [str(pk) for pk in actor.regions.values_list("pk", flat=True)],
        "editors": [str(pk) for pk in actor.editors.values_list("pk", flat=True)],
    }
    for prefix in ("memberships", "participations", "expert_exchanges"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def history_text(client, model, pk) -> str:
    opts = model._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk]))
    assert response.status_code == 200
    html = response.content.decode()
    table = re.search(r'<table id="change-history">.*?</table>', html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", table).split())


def save_actor(client, actor, **changes):
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    response = client.post(url, actor_form(actor, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]


def test_sdg_change_shows_old_and_new_goals_and_who_changed_them(kim_client):
    actor = ActorFactory(sdgs=[1, 12])
    save_actor(kim_client, actor, sdgs=["1", "13"])
    text = history_text(kim_client, Actor, actor.pk)
    assert (
        "Nachhaltigkeitsziele (SDGs): 1. Keine Armut, 12. Nachhaltige/r Konsum und Produktion "
        "→ 1. Keine Armut, 13. Maßnahmen zum Klimaschutz" in text
    )
    assert "Kim Koordination" in text


def test_one_admin_save_is_one_history_entry_with_every_change(kim_client):
    actor = ActorFactory(tags=["Kaffee"], sdgs=[1])
    region = RegionFactory(name="Burkina Faso", slug="burkina-faso")
    before = actor.history.count()
    save_actor(
        kim_client,
        actor,
        teaser="Neuer Text.",
        sdgs=["2"],
        regions=[str(region.pk)],
        tags="Kaffee, Klima",
    )
    assert actor.history.count() == before + 1
    text = history_text(kim_client, Actor, actor.pk)
    assert (
        "Kurzbeschreibung: Engagiert sich für fairen Handel in Ludwigsburg. → Neuer Text." in text
    )
    assert "Themen: Kaffee → Kaffee, Klima" in text
    assert "Partnerländer / Schwerpunktregionen: – → Burkina Faso" in text
    assert "Nachhaltigkeitsziele (SDGs): 1. Keine Armut → 2. Kein Hunger" in text


def test_topic_change_appears_in_the_history(kim_client):
    actor = ActorFactory(tags=["Kaffee", "Bildung"])
    save_actor(kim_client, actor, tags="Bildung, Fairer Handel")
    assert "Themen: Bildung, Kaffee → Bildung, Fairer Handel" in history_text(
        kim_client, Actor, actor.pk
    )


def test_editor_change_appears_with_the_persons_name(kim_client):
    actor = ActorFactory()
    editor = UserFactory(username="chris.ko", first_name="Chris", last_name="Kowalski")
    save_actor(kim_client, actor, editors=[str(editor.pk)])
    text = history_text(kim_client, Actor, actor.pk)
    assert "Redakteur*innen: – → Chris Kowalski" in text
    assert "chris.ko" not in text


def test_editor_added_from_the_accounts_side_is_recorded_too(kim):
    actor = ActorFactory()
    editor = UserFactory(email="ines@example.org")
    editor.edited_actors.add(actor)
    latest = actor.history.first()
    assert list(latest.editors.values_list("user_id", flat=True)) == [editor.pk]
    editor.edited_actors.clear()
    assert not actor.history.first().editors.exists()


def test_membership_change_shows_role_and_since_with_values(kim_client):
    membership = MembershipFactory(role=MembershipRole.MEMBER)
    url = reverse("admin:networks_membership_change", args=[membership.pk])
    response = kim_client.post(
        url,
        {
            "actor": membership.actor_id,
            "network": membership.network_id,
            "role": MembershipRole.CHAIR,
            "start_date": "01.03.2021",
            "mandate_holder": "Dr. Eva Muster",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    text = history_text(kim_client, Membership, membership.pk)
    assert "Rolle: Mitglied → Vorsitz" in text
    assert "Seit: – → 01.03.2021" in text
    assert "Mandatsträger*in: – → Dr. Eva Muster" in text
    assert "Kim Koordination" in text


def test_network_edit_shows_the_field_values(kim_client):
    network = NetworkFactory(name="AG Eine Welt", host="Städtetag Baden-Württemberg")
    url = reverse("admin:networks_network_change", args=[network.pk])
    data = {
        "name": "AG Eine Welt",
        "slug": network.slug,
        "level": "city",
        "kind": network.kind,
        "status": network.status,
        "host": "Stadt Ludwigsburg",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    assert kim_client.post(url, data).status_code == 302
    text = history_text(kim_client, Network, network.pk)
    assert "Trägerorganisation: Städtetag Baden-Württemberg → Stadt Ludwigsburg" in text
    assert "Ebene: Land Baden-Württemberg → Stadt" in text


def test_history_page_speaks_german_without_none(kim_client):
    actor = ActorFactory()  # created without a user and without a reason
    set_status(obj_or_queryset=actor, status=PublicationStatus.ARCHIVED, by=None)
    save_actor(kim_client, Actor.objects.get(pk=actor.pk), teaser="")
    url = reverse("admin:actors_actor_history", args=[actor.pk])
    html = kim_client.get(url).content.decode()
    content = re.search(r'<div id="content".*?<!-- END Content -->', html, re.S).group(0)
    text = " ".join(re.sub(r"<[^>]+>", " ", content).split())
    for english in ("Changes", "CHANGES", "Change reason", "Changed by", "Object", "None"):
        assert english not in text
    assert "Änderungsgrund" not in text
    assert "Anlass: Status: Veröffentlicht → Archiviert" in text
    assert "automatisch (ohne Anmeldung)" in text
    assert "Kurzbeschreibung: Engagiert sich für fairen Handel in Ludwigsburg. → –" in text


@pytest.mark.parametrize(
    "factory, admin_name",
    [
        (ParticipationFactory, "events_participation"),
        (NetworkFactory, "networks_network"),
        (MembershipFactory, "networks_membership"),
    ],
)
def test_history_pages_of_link_tables_and_networks_open(kim_client, factory, admin_name):
    record = factory()
    response = kim_client.get(reverse(f"admin:{admin_name}_history", args=[record.pk]))
    assert response.status_code == 200
    assert "Angelegt" in response.content.decode()


def test_page_text_change_is_recorded_with_its_value(kim_client):
    page = Page.objects.get(key="imprint")
    page.title = "Impressum der Stadt"
    page._history_user = None
    page.save()
    assert page.history.first().title == "Impressum der Stadt"
    assert kim_client.get(reverse("admin:pages_page_history", args=[page.pk])).status_code == 200


def test_history_starts_with_the_values_existing_records_had(kim_client):
    """The migration's starting row: the first change after it shows the old values."""
    network = NetworkFactory(host="Städtetag Baden-Württemberg")
    Network.history.all().delete()  # as before networks had a history
    history_baseline("networks", "Network")(apps, None)
    network.host = "Stadt Ludwigsburg"
    network.save()
    text = history_text(kim_client, Network, network.pk)
    assert "Trägerorganisation: Städtetag Baden-Württemberg → Stadt Ludwigsburg" in text
    assert "Anlass: Stand bei Beginn der Historie" in text


def test_purging_a_deleted_actors_history_removes_its_relation_snapshots():
    actor = ActorFactory(sdgs=[1])
    actor.editors.add(UserFactory())
    MembershipFactory(
        actor=actor, mandate_holder="Dr. Eva Muster", start_date=datetime.date.today()
    )
    actor_id = actor.pk
    actor.delete()  # the self-service signal purges the history
    actor_history_purge(actor_id=actor_id)
    for field, m2m_model in HistoricalRecords.m2m_models.items():
        if field.model is Actor:
            assert not m2m_model.objects.filter(actor_id=actor_id).exists()
    assert not Membership.history.filter(actor_id=actor_id).exists()
