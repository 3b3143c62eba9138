"""Demo records carry a visible "Beispiel" badge wherever they appear (cards, detail
pages, network pages, search results) and ``is_example`` in the API; real ones do not."""

import re

import pytest
from django.urls import reverse

from tests.factories import ActorFactory, EventFactory, MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db

BADGE = re.compile(r'<span class="badge badge--example"[^>]*>Beispiel</span>')


def badges(response) -> int:
    assert response.status_code == 200
    return len(BADGE.findall(response.content.decode()))


def test_badge_on_a_demo_actors_card_and_page_and_not_on_a_real_one(client):
    demo = ActorFactory(name="Weltladen Beispielstadt", slug="demo-akteur-1", is_example=True)
    real = ActorFactory(name="Weltladen Ludwigsburg")
    assert badges(client.get(reverse("actors:list"))) == 1
    directory = client.get(reverse("actors:list")).content.decode()
    card = directory[directory.index("Weltladen Beispielstadt") :].split("</article>")[0]
    assert BADGE.search(card)
    assert badges(client.get(demo.get_absolute_url())) == 1
    assert badges(client.get(real.get_absolute_url())) == 0


def test_badge_on_demo_networks_members_events_and_search_results(client):
    network = NetworkFactory(name="Beispielnetz Fairer Handel", is_example=True)
    MembershipFactory(network=network, actor=ActorFactory(name="Demo-Verein", is_example=True))
    event = EventFactory(title="Beispielfest Fairer Handel", is_example=True)
    NetworkFactory(name="Echtes Netz Fairer Handel")
    assert badges(client.get(network.get_absolute_url())) == 2  # the network and its member
    assert badges(client.get(reverse("networks:list"))) == 1
    assert badges(client.get(event.get_absolute_url())) == 1
    assert badges(client.get(reverse("events:list"))) == 1
    # The network, the event and the member (its teaser speaks of "fairen Handel").
    assert badges(client.get(reverse("search:results"), {"q": "Fairer Handel"})) == 3


def test_api_marks_examples(client):
    ActorFactory(slug="demo-akteur-1", is_example=True)
    ActorFactory(slug="echt")
    NetworkFactory(slug="demo-netz", is_example=True)
    EventFactory(slug="demo-fest", is_example=True)
    actors = {a["slug"]: a["is_example"] for a in client.get("/api/v1/actors/").json()["results"]}
    assert actors == {"demo-akteur-1": True, "echt": False}
    assert client.get("/api/v1/networks/demo-netz/").json()["is_example"] is True
    assert client.get("/api/v1/events/demo-fest/").json()["is_example"] is True
