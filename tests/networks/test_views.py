"""Networks overview (/netzwerke/) and network pages (/netzwerke/<slug>/)."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from ludwigsburg_portal.publication import Level
from networks.models import MembershipRole
from tests.factories import ActorFactory, MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("networks:list")


@pytest.fixture
def office():
    return ActorFactory(
        slug=settings.PORTAL_OFFICE_SLUG, name="Koordinationsstelle kommunale Entwicklungspolitik"
    )


def test_overview_groups_networks_by_level_in_official_order(client):
    NetworkFactory(name="Expertengruppe des Bundes", level=Level.FEDERAL)
    NetworkFactory(name="Lokales Netzwerk", level=Level.CITY)
    NetworkFactory(name="Weltweites Forum", level=Level.INTERNATIONAL)
    NetworkFactory(name="AG des Städtetags", level=Level.STATE)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    groups = [(g["label"], [n.name for n in g["networks"]]) for g in response.context["levels"]]
    assert groups == [
        ("Stadt", ["Lokales Netzwerk"]),
        ("Land Baden-Württemberg", ["AG des Städtetags"]),
        ("Bund", ["Expertengruppe des Bundes"]),
        ("International", ["Weltweites Forum"]),
    ]
    html = response.content.decode()
    assert html.index(">Stadt</h2>") < html.index(">Land Baden-Württemberg</h2>")
    assert html.index(">Bund</h2>") < html.index(">International</h2>")


def test_empty_levels_are_left_out(client):
    NetworkFactory(level=Level.CITY)
    html = client.get(LIST_URL).content.decode()
    assert ">Stadt</h2>" in html
    assert ">International</h2>" not in html


def test_overview_shows_the_citys_role_in_each_network(client, office):
    jury = NetworkFactory(name="Jury Kommune bewegt Welt", level=Level.FEDERAL)
    MembershipFactory(actor=office, network=jury, role=MembershipRole.JURY_CHAIR)
    NetworkFactory(name="Netzwerk ohne Stadt")
    response = client.get(LIST_URL)
    html = response.content.decode()
    assert "Rolle der Stadt Ludwigsburg" in html
    assert "Juryvorsitz" in html
    by_name = {n.name: n for g in response.context["levels"] for n in g["networks"]}
    assert by_name["Netzwerk ohne Stadt"].city_memberships == []


@pytest.mark.parametrize("status", ["draft", "pending", "archived"])
def test_unpublished_network_is_neither_listed_nor_shown(client, status):
    network = NetworkFactory(name="Geheimes Gremium", status=status)
    assert "Geheimes Gremium" not in client.get(LIST_URL).content.decode()
    assert client.get(network.get_absolute_url()).status_code == 404


def test_member_count_counts_current_published_members_only(client):
    network = NetworkFactory()
    MembershipFactory(network=network)
    MembershipFactory(network=network)
    MembershipFactory(network=network, actor=ActorFactory(status="draft"))
    MembershipFactory(network=network, end_date=datetime.date(2020, 1, 1))
    html = client.get(LIST_URL).content.decode()
    assert "2 Mitglieder im Portal" in html


def test_network_page_shows_current_members_with_roles(client, office):
    network = NetworkFactory(
        name="AG Kommunale Entwicklungspolitik",
        host="Städtetag Baden-Württemberg",
        description="Arbeitsgemeinschaft der Städte.",
    )
    MembershipFactory(network=network, actor=office, role=MembershipRole.COORDINATOR)
    MembershipFactory(
        network=network,
        actor=ActorFactory(name="Weltladen Ludwigsburg"),
        role=MembershipRole.MEMBER,
        start_date=datetime.date(2018, 3, 1),
    )
    response = client.get(network.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>AG Kommunale Entwicklungspolitik</h1>" in html
    assert "Städtetag Baden-Württemberg" in html
    assert "Arbeitsgemeinschaft der Städte." in html
    assert "Weltladen Ludwigsburg</a></th>" in html
    assert "<td>Mitglied</td>" in html
    assert '<time datetime="2018-03-01">' in html
    assert "<td>Koordination / Moderation</td>" in html


def test_network_page_lists_past_members_with_their_terms(client):
    network = NetworkFactory()
    MembershipFactory(
        network=network,
        actor=ActorFactory(name="Früherer Partner"),
        role=MembershipRole.REVIEWER,
        start_date=datetime.date(2014, 1, 1),
        end_date=datetime.date(2017, 12, 31),
    )
    response = client.get(network.get_absolute_url())
    assert [m.actor.name for m in response.context["past_memberships"]] == ["Früherer Partner"]
    assert response.context["current_memberships"] == []
    html = response.content.decode()
    assert "Frühere Mitglieder" in html
    assert '<time datetime="2014-01-01">' in html and '<time datetime="2017-12-31">' in html
    assert "Zurzeit sind keine Mitglieder im Portal eingetragen." in html


@pytest.mark.parametrize("status", ["draft", "pending", "archived"])
def test_unpublished_actor_is_not_a_visible_member(client, status):
    network = NetworkFactory()
    MembershipFactory(network=network, actor=ActorFactory(name="Verborgen", status=status))
    MembershipFactory(
        network=network,
        actor=ActorFactory(name="Verborgen ehemalig", status=status),
        end_date=datetime.date(2019, 1, 1),
    )
    html = client.get(network.get_absolute_url()).content.decode()
    assert "Verborgen" not in html
