"""Atom and RSS feeds of newly published actors and events."""

import datetime
import html
from html.parser import HTMLParser

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from selfservice.forms import EventProposalForm
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


# --- stored text reaches feed readers as text -------------------------------------------

MARKUP = [
    "<img src=x onerror=alert(1)>",
    "&lt;img src=x onerror=alert(1)&gt;",
]


class _StartTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def elements_in(markup: str) -> list[str]:
    """The HTML elements a feed reader would create from ``markup``."""
    parser = _StartTags()
    parser.feed(markup)
    parser.close()
    return parser.tags


def raw_entries(client, route):
    """Entries as the feed carries them: without feedparser's own HTML sanitising,
    which many feed readers do not have."""
    response = client.get(reverse(route))
    assert response.status_code == 200
    feed = feedparser.parse(response.content, sanitize_html=False)
    assert not feed.bozo, feed.bozo_exception
    return feed.entries


@pytest.mark.parametrize("markup", MARKUP, ids=["tag", "entity-encoded-tag"])
@pytest.mark.parametrize("route", ["opendata:events_atom", "opendata:events_rss"])
def test_markup_in_an_event_location_reaches_feed_readers_as_text(client, route, markup):
    EventFactory(title="Eine-Welt-Fest", location=markup)
    (entry,) = raw_entries(client, route)
    assert elements_in(entry.summary) == []
    assert markup in html.unescape(entry.summary)


@pytest.mark.parametrize("markup", MARKUP, ids=["tag", "entity-encoded-tag"])
@pytest.mark.parametrize("route", ["opendata:actors_atom", "opendata:actors_rss"])
def test_markup_in_an_actor_teaser_reaches_feed_readers_as_text(client, route, markup):
    ActorFactory(name="Weltladen", teaser=f"Fair {markup} gehandelt")
    (entry,) = raw_entries(client, route)
    assert elements_in(entry.summary) == []
    assert html.unescape(entry.summary) == f"Fair {markup} gehandelt"


@pytest.mark.parametrize("route", FEEDS)
def test_markup_in_a_title_reaches_feed_readers_as_text(client, route):
    ActorFactory(name="<img src=x onerror=alert(1)>")
    EventFactory(title="<img src=x onerror=alert(1)>")
    (entry,) = raw_entries(client, route)
    assert entry.title_detail.type == "text/plain"
    assert entry.title == "<img src=x onerror=alert(1)>"


def test_markup_an_editor_types_into_an_event_never_reaches_the_feed(client):
    start = timezone.localtime() + datetime.timedelta(days=20)
    form = EventProposalForm(
        data={
            "title": "Faire Woche",
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "location": "&lt;img src=x onerror=alert(1)&gt;Weltladen",
            "organiser": "&lt;b&gt;Weltladen&lt;/b&gt;",
            "description": "&lt;img src=x onerror=alert(1)&gt;Kaffee probieren",
            "level": "city",
            "role": "organiser",
        }
    )
    assert form.is_valid(), form.errors
    fields = {name: form.cleaned_data[name] for name in ("location", "organiser", "description")}
    assert fields == {
        "location": "Weltladen",
        "organiser": "Weltladen",
        "description": "Kaffee probieren",
    }

    EventFactory(title="Faire Woche", **fields)
    for route in ("opendata:events_atom", "opendata:events_rss"):
        (entry,) = raw_entries(client, route)
        assert "img" not in entry.summary


@pytest.mark.parametrize("route", FEEDS)
def test_control_character_in_a_name_or_title_keeps_the_feeds_readable(client, route):
    ActorFactory(name="Welt\x0bladen", teaser="Fair\x1bgehandelt")
    EventFactory(title="Eine-Welt\x0cFest", location="Markt\x0bplatz")
    (entry,) = raw_entries(client, route)
    assert entry.title in ("Weltladen", "Eine-WeltFest")
