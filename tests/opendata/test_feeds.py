"""Atom and RSS feeds of newly published actors and events."""

import feedparser
import pytest
from django.urls import reverse

from tests.factories import ActorFactory, EventFactory

pytestmark = pytest.mark.django_db

FEEDS = [
    "opendata:actors_atom",
    "opendata:actors_rss",
    "opendata:events_atom",
    "opendata:events_rss",
]


def parse(client, route):
    response = client.get(reverse(route))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception  # well-formed XML of the declared type
    return feed


@pytest.fixture
def records():
    published = [ActorFactory(name="Weltladen"), ActorFactory(name="Afrika-Verein")]
    for status in ("draft", "pending", "archived"):
        ActorFactory(name=f"Akteur {status}", status=status)
    events = [EventFactory(title="Eine-Welt-Fest"), EventFactory(title="Fairtrade-Frühstück")]
    EventFactory(title="Entwurf", status="draft")
    return published, events


@pytest.mark.parametrize("route", ["opendata:actors_atom", "opendata:actors_rss"])
def test_actor_feeds_contain_exactly_the_published_actors(client, records, route):
    published, _events = records
    feed = parse(client, route)
    assert sorted(entry.title for entry in feed.entries) == sorted(a.name for a in published)
    links = {entry.link for entry in feed.entries}
    assert {f"http://testserver{a.get_absolute_url()}" for a in published} == links


@pytest.mark.parametrize("route", ["opendata:events_atom", "opendata:events_rss"])
def test_event_feeds_contain_exactly_the_published_events(client, records, route):
    _actors, events = records
    feed = parse(client, route)
    assert sorted(entry.title for entry in feed.entries) == sorted(e.title for e in events)


def test_atom_and_rss_are_what_they_say(client, records):
    assert parse(client, "opendata:actors_atom").version == "atom10"
    assert parse(client, "opendata:actors_rss").version == "rss20"


def test_newest_first_with_stable_ids(client):
    first = ActorFactory(name="Erster")
    second = ActorFactory(name="Zweiter")
    entries = parse(client, "opendata:actors_atom").entries
    assert [entry.title for entry in entries] == ["Zweiter", "Erster"]
    assert entries[1].id.endswith(f"actor-{first.pk}")
    assert entries[0].id.endswith(f"actor-{second.pk}")


def test_feed_names_the_licence(client, records):
    feed = parse(client, "opendata:actors_rss")
    assert "dl-de/by-2-0" in feed.feed.rights


@pytest.mark.parametrize("route", FEEDS)
def test_feeds_support_conditional_get(client, records, route):
    url = reverse(route)
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_pages_link_the_feeds_in_the_head(client):
    html = client.get(reverse("pages:home")).content.decode()
    head = html.split("</head>")[0]
    atom = reverse("opendata:actors_atom")
    assert f'type="application/atom+xml" title="Neue Akteure (Atom)" href="{atom}"' in head
    assert reverse("opendata:events_rss") in head
