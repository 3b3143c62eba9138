"""Open data in English: the API and downloads carry the English texts, the English
feeds show them and mark entries whose text is German."""

import csv
import io

import feedparser
import pytest
from django.urls import reverse
from django.utils import translation
from taggit.models import Tag

from actors.models import TopicTranslation
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated():
    """An actor, network and event with English texts and one of each without."""
    tag, _ = Tag.objects.get_or_create(name="Bildung")
    TopicTranslation.objects.create(tag=tag, name_en="Education")
    actor = ActorFactory(
        slug="weltladen",
        teaser="Fairer Handel.",
        teaser_en="Fair trade.",
        description="Ein Laden.",
        description_en="A shop.",
        tags=["Bildung", "Weltladen"],
    )
    actor.regions.add(RegionFactory(slug="togo", name="Togo", name_en="Togo (en)"))
    network = NetworkFactory(
        slug="ag", name="AG Eine Welt", name_en="One World group", description_en="About."
    )
    MembershipFactory(actor=actor, network=network)
    event = EventFactory(slug="abend", title="Abend", title_en="Evening", description_en="Text.")
    ParticipationFactory(actor=actor, event=event)
    ActorFactory(slug="nur-deutsch", teaser="Nur deutsch.")
    NetworkFactory(slug="bund", name="Bündnis")
    EventFactory(slug="markt", title="Markt")
    return actor


def api(client, name, **kwargs):
    response = client.get(reverse(f"api:{name}", kwargs=kwargs))
    assert response.status_code == 200, response.content
    return response.json()


def test_api_actor_has_english_texts_topics_and_regions(client, translated):
    data = api(client, "actor-detail", slug="weltladen")
    assert (data["teaser"], data["teaser_en"]) == ("Fairer Handel.", "Fair trade.")
    assert (data["description"], data["description_en"]) == ("Ein Laden.", "A shop.")
    assert data["topics"] == [
        {"slug": "bildung", "name": "Bildung", "name_en": "Education"},
        {"slug": "weltladen", "name": "Weltladen", "name_en": None},
    ]
    assert data["tags"] == ["Bildung", "Weltladen"]  # unchanged for existing clients
    assert data["regions"] == [{"slug": "togo", "name": "Togo", "name_en": "Togo (en)"}]
    assert data["memberships"][0]["network_name_en"] == "One World group"
    assert data["participations"][0]["event_title_en"] == "Evening"


def test_api_english_fields_are_null_where_none_is_given(client, translated):
    data = api(client, "actor-detail", slug="nur-deutsch")
    assert (data["teaser_en"], data["description_en"]) == (None, None)
    assert api(client, "network-detail", slug="bund")["name_en"] is None
    assert api(client, "event-detail", slug="markt")["title_en"] is None


def test_api_network_and_event_have_english_texts(client, translated):
    network = api(client, "network-detail", slug="ag")
    assert (network["name_en"], network["description_en"]) == ("One World group", "About.")
    event = api(client, "event-detail", slug="abend")
    assert (event["title_en"], event["description_en"]) == ("Evening", "Text.")


def test_openapi_document_describes_the_english_fields(client):
    schema = client.get(reverse("api:schema")).json()["components"]["schemas"]
    assert schema["Actor"]["properties"]["teaser_en"]["nullable"] is True
    assert "topics" in schema["Actor"]["properties"]
    assert "title_en" in schema["Event"]["properties"]
    assert "name_en" in schema["Network"]["properties"]


def csv_rows(client, dataset):
    response = client.get(reverse("opendata:download", args=[dataset, "csv"]))
    assert response.status_code == 200
    return {
        row["slug"]: row
        for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    }


def test_csv_downloads_have_english_columns(client, translated):
    actors = csv_rows(client, "akteure")
    assert actors["weltladen"]["teaser_en"] == "Fair trade."
    assert actors["weltladen"]["description_en"] == "A shop."
    assert actors["weltladen"]["tags_en"] == "Education"
    assert actors["weltladen"]["regions_en"] == "Togo (en)"
    assert actors["nur-deutsch"]["teaser_en"] == ""
    assert csv_rows(client, "netzwerke")["ag"]["name_en"] == "One World group"
    assert csv_rows(client, "veranstaltungen")["abend"]["title_en"] == "Evening"


def test_json_download_has_the_english_fields_of_the_api(client, translated):
    response = client.get(reverse("opendata:download", args=["akteure", "json"]))
    results = {row["slug"]: row for row in response.json()["results"]}
    assert results["weltladen"]["teaser_en"] == "Fair trade."
    assert results["nur-deutsch"]["teaser_en"] is None


def english_feed(client, route):
    with translation.override("en"):
        url = reverse(route)
    assert url.startswith("/en/")
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize("route", ["opendata:actors_atom", "opendata:actors_rss"])
def test_english_actor_feed_shows_english_teasers_and_marks_german_entries(
    client, translated, route
):
    feed = english_feed(client, route)
    entries = {entry.title: entry for entry in feed.entries}
    assert entries[translated.name].summary == "Fair trade."
    assert entries[translated.name].summary_detail.language == "en"
    german = next(entry for entry in feed.entries if entry.summary == "Nur deutsch.")
    assert german.summary_detail.language == "de"
    assert {"Education", "Weltladen"} <= {tag.term for tag in entries[translated.name].tags}


def test_atom_entry_with_german_text_carries_xml_lang(client, translated):
    with translation.override("en"):
        url = reverse("opendata:actors_atom")
    xml = client.get(url).content.decode()
    assert '<feed xml:lang="en" xmlns="http://www.w3.org/2005/Atom">' in xml
    assert xml.count('<entry xml:lang="de">') == 1
    with translation.override("de"):
        url = reverse("opendata:actors_atom")
    german = client.get(url).content.decode()
    assert '<feed xml:lang="de"' in german
    assert "<entry xml:lang" not in german  # German entries in a German feed need no mark


@pytest.mark.parametrize("route", ["opendata:events_atom", "opendata:events_rss"])
def test_english_event_feed_shows_english_titles_and_marks_german_ones(client, translated, route):
    feed = english_feed(client, route)
    languages = {entry.title: entry.title_detail.language for entry in feed.entries}
    assert languages == {"Evening": "en", "Markt": "de"}
