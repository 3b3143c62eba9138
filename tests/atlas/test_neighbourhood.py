"""The "Vernetzung" picture and "Gemeinsam aktiv mit …" on every actor page."""

import pytest
from django.urls import reverse
from django.utils import translation

from atlas import graph as graphs
from tests.atlas.helpers import Svg, main_html, text_of
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(db):
    shop = ActorFactory(name="Weltladen Ludwigsburg")
    agenda = NetworkFactory(name="Agenda-Gruppe Eine Welt")
    fair = EventFactory(title="Faires Frühstück")
    MembershipFactory(actor=shop, network=agenda)
    ParticipationFactory(actor=shop, event=fair)
    MembershipFactory(actor=ActorFactory(name="Schule am Favoritepark"), network=agenda)
    ParticipationFactory(actor=ActorFactory(name="Kirchengemeinde Oßweil"), event=fair)
    both = ActorFactory(name="Aktion Eine Welt")
    MembershipFactory(actor=both, network=agenda)
    ParticipationFactory(actor=both, event=fair)
    MembershipFactory(actor=ActorFactory(name="Entwurf e.V.", status="draft"), network=agenda)
    ParticipationFactory(actor=ActorFactory(name="Ganz woanders"), event=EventFactory())
    return shop


def neighbourhood_of(response) -> str:
    html = main_html(response)
    return html[html.index('aria-labelledby="neighbourhood-heading"') :]


def test_actor_page_draws_its_networks_events_and_the_actors_it_meets(client, shop):
    section = neighbourhood_of(client.get(shop.get_absolute_url()))
    svg = Svg(section)
    names = {node["label"].split(" – ")[0] for node in svg.nodes.values()}
    assert names == {
        "Weltladen Ludwigsburg",
        "Agenda-Gruppe Eine Welt",
        "Faires Frühstück",
        "Schule am Favoritepark",
        "Kirchengemeinde Oßweil",
        "Aktion Eine Welt",
    }
    for node in svg.nodes.values():
        assert node["title"] == node["label"]


def test_gemeinsam_aktiv_mit_names_partners_most_shared_first_and_never_unpublished(client, shop):
    text = text_of(neighbourhood_of(client.get(shop.get_absolute_url())))
    partners = text[text.index("Gemeinsam aktiv mit") :]
    assert partners.index("Aktion Eine Welt") < partners.index("Kirchengemeinde Oßweil")
    assert "Aktion Eine Welt – Agenda-Gruppe Eine Welt; Faires Frühstück" in partners
    assert "Entwurf" not in text and "Ganz woanders" not in text


def test_many_partners_are_cut_to_the_picture_and_linked_to_the_full_network(
    client, shop, monkeypatch
):
    monkeypatch.setattr(graphs, "NEIGHBOURHOOD_ACTORS", 1)
    section = neighbourhood_of(client.get(shop.get_absolute_url()))
    assert "… und 2 weitere Akteure." in text_of(section)
    network = shop.memberships.get().network
    assert f'href="{reverse("atlas:network")}?netzwerk={network.slug}"' in section


def test_actor_without_networks_or_events_shows_no_picture(client, db):
    loner = ActorFactory()
    html = main_html(client.get(loner.get_absolute_url()))
    assert "neighbourhood-heading" not in html


def test_neighbourhood_is_english_on_the_english_page(client, shop):
    with translation.override("en"):
        url = shop.get_absolute_url()
    section = neighbourhood_of(client.get(url))
    assert all(node["href"].startswith("/en/") for node in Svg(section).nodes.values())
