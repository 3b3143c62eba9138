"""Keyword search in the event list and the API: the same full-text search everywhere."""

import pytest
from django.urls import reverse

from tests.factories import ActorFactory, EventFactory, NetworkFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_the_event_list_has_a_keyword_box_next_to_its_filters(client):
    EventFactory(title="Fairer Frühstückstisch", location="Weltladen Marktplatz")
    EventFactory(title="Filmabend", location="Kino")
    response = client.get(reverse("events:list"), {"q": "Frühstück", "ebene": "city"})
    html = response.content.decode()
    assert 'name="q"' in html and 'value="Frühstück"' in html
    assert "Fairer Frühstückstisch" in html and "Filmabend" not in html


def test_the_event_list_finds_an_event_by_a_participant(client):
    event = EventFactory(title="Markttag")
    ParticipationFactory(event=event, actor=ActorFactory(name="Bürgerklimabündnis"))
    EventFactory(title="Filmabend")
    html = client.get(reverse("events:list"), {"q": "Klima"}).content.decode()
    assert "Markttag" in html and "Filmabend" not in html


def test_the_api_q_is_the_german_full_text_search_for_events_and_networks(client):
    EventFactory(title="Vorträge zur Schulpartnerschaft", slug="vortraege")
    EventFactory(title="Filmabend", slug="film")
    NetworkFactory(name="Klimabündnis Baden-Württemberg", slug="klima", host="")
    NetworkFactory(name="Jury", slug="jury", host="")
    events = client.get("/api/v1/events/", {"q": "Partnerschaft"}).json()
    assert [event["slug"] for event in events["results"]] == ["vortraege"]
    networks = client.get("/api/v1/networks/", {"q": "Bündnis"}).json()
    assert [network["slug"] for network in networks["results"]] == ["klima"]
