"""One filter definition: the directory, the embed, the API and the downloads count the same.

Each case is one set of filters, written with the pages' German parameter names and
with the API's English ones. Values that are not understood are left out everywhere
(the pages say so, the API and the downloads name them in a header).
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from actors.models import ActorKind, District
from events.models import ParticipationRole
from ludwigsburg_portal.publication import Level
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
def directory():
    peru = RegionFactory(slug="peru", name="Peru")
    network = NetworkFactory(slug="ag-fair")
    for number in range(3):
        MembershipFactory(
            network=network,
            actor=ActorFactory(
                name=f"Weltladen West {number}",
                kind=ActorKind.WORLD_SHOP,
                district=District.WEST,
                tags=["Fairer Handel"],
                sdgs=[12],
                regions=[peru],
            ),
        )
    ActorFactory(name="weltladen Ost", kind=ActorKind.WORLD_SHOP, district=District.OST)
    ActorFactory(name="Schule West", kind=ActorKind.EDUCATION, district=District.WEST, sdgs=[4])
    ActorFactory(name="Afrika-Verein", tags=["Bildung"], regions=[peru])
    ActorFactory(name="Entwurf", kind=ActorKind.WORLD_SHOP, status="draft", tags=["Fairer Handel"])


def directory_count(client, params) -> int:
    response = client.get(reverse("actors:list"), params)
    assert response.status_code == 200
    return response.context["result_count"]


def embed_count(client, params) -> int:
    response = client.get(reverse("opendata:embed_actors"), params)
    assert response.status_code == 200
    return response.context["page_obj"].paginator.count


def api_count(client, name, params) -> int:
    response = client.get(reverse(f"api:{name}"), params)
    assert response.status_code == 200, response.content
    return response.json()["count"]


def csv_count(client, dataset, params) -> int:
    response = client.get(reverse("opendata:download", args=[dataset, "csv"]), params)
    assert response.status_code == 200
    return len(list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))))


ACTOR_CASES = {
    "nothing": ({}, {}, 6),
    "unknown topic": ({"thema": "gibt-es-nicht"}, {"topic": "gibt-es-nicht"}, 6),
    "kind and district": (
        {"art": "world_shop", "stadtteil": "west"},
        {"kind": "world_shop", "district": "west"},
        3,
    ),
    "known and unknown": (
        {"art": "world_shop", "land": "nirgendwo", "sdg": "99"},
        {"kind": "world_shop", "region": "nirgendwo", "sdg": "99"},
        4,
    ),
    "topic and network": (
        {"thema": "fairer-handel", "netzwerk": "ag-fair"},
        {"topic": "fairer-handel", "network": "ag-fair"},
        3,
    ),
    "search and region": (
        {"q": "Weltladen", "land": "peru"},
        {"q": "Weltladen", "region": "peru"},
        3,
    ),
    "search alone": ({"q": "weltladen"}, {"q": "weltladen"}, 4),
}


@pytest.mark.parametrize(("german", "english", "expected"), ACTOR_CASES.values(), ids=ACTOR_CASES)
def test_directory_embed_api_and_download_count_the_same_actors(
    client, directory, german, english, expected
):
    assert directory_count(client, german) == expected
    assert embed_count(client, german) == expected
    assert api_count(client, "actor-list", english) == expected
    assert csv_count(client, "akteure", english) == expected


def test_directory_and_api_list_actors_in_the_same_order(client, directory):
    page = client.get(reverse("actors:list"), {"art": "world_shop"})
    api = client.get(reverse("api:actor-list"), {"kind": "world_shop"}).json()
    names = [actor.name for actor in page.context["actors"]]
    # By name regardless of case, on every surface.
    assert names == ["weltladen Ost", "Weltladen West 0", "Weltladen West 1", "Weltladen West 2"]
    assert [row["name"] for row in api["results"]] == names


@pytest.fixture
def events():
    now = timezone.now()
    weltladen = ActorFactory(slug="weltladen", tags=["Fairer Handel"])
    MembershipFactory(actor=weltladen, network=NetworkFactory(slug="ag-fair"))
    for days, level, role in [
        (3, Level.CITY, ParticipationRole.ORGANISER),
        (5, Level.CITY, ParticipationRole.SPEAKER),
        (9, Level.STATE, ParticipationRole.ORGANISER),
        (-9, Level.CITY, ParticipationRole.ORGANISER),
    ]:
        event = EventFactory(start=now + datetime.timedelta(days=days), level=level)
        ParticipationFactory(event=event, actor=weltladen, role=role)
    EventFactory(start=now + datetime.timedelta(days=4), level=Level.CITY)


IN_FOUR_DAYS = "in four days"  # replaced by that date when the test runs

EVENT_CASES = {
    "nothing": ({}, {}, 4),
    "level and role": (
        {"ebene": "city", "rolle": "organiser"},
        {"level": "city", "role": "organiser"},
        1,
    ),
    "unknown actor": ({"akteur": "niemand"}, {"actor": "niemand"}, 4),
    "actor in a role": (
        {"akteur": "weltladen", "rolle": "organiser"},
        {"actor": "weltladen", "role": "organiser"},
        2,
    ),
    "network and a start date": (
        {"netzwerk": "ag-fair", "von": IN_FOUR_DAYS},
        {"network": "ag-fair", "start_from": IN_FOUR_DAYS},
        2,
    ),
    "topic and unknown level": (
        {"thema": "fairer-handel", "ebene": "galaktisch"},
        {"topic": "fairer-handel", "level": "galaktisch"},
        3,
    ),
}


@pytest.mark.parametrize(("german", "english", "expected"), EVENT_CASES.values(), ids=EVENT_CASES)
def test_event_list_embed_api_and_download_count_the_same_upcoming_events(
    client, events, german, english, expected
):
    in_four_days = (timezone.localdate() + datetime.timedelta(days=4)).isoformat()
    german = {name: in_four_days if v == IN_FOUR_DAYS else v for name, v in german.items()}
    english = {name: in_four_days if v == IN_FOUR_DAYS else v for name, v in english.items()}
    page = client.get(reverse("events:list"), german)
    embed = client.get(reverse("opendata:embed_events"), german)
    upcoming = {**english, "when": "upcoming"}

    assert page.context["paginator"].count == expected
    assert embed.context["page_obj"].paginator.count == expected
    assert api_count(client, "event-list", upcoming) == expected
    assert csv_count(client, "veranstaltungen", upcoming) == expected
