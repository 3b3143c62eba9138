"""Every public list and detail page issues a constant number of SQL queries.

Each page is rendered once with 5 and once with 50 records of what it shows; both must
stay under the same bound. A page that loads related rows one by one fails at 50.
The English pages, which also show English topic names, stay under the same bounds.
"""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from actors.countries import country_choices
from actors.models import TopicTranslation
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

COUNTRY_CODES = [code for code, _name in country_choices()]


def actors_with_relations(n):
    network = NetworkFactory(slug="ag", name_en="Working group")
    region = RegionFactory(slug="togo", name="Togo")
    actors = []
    for i in range(n):
        actor = ActorFactory(
            name=f"Weltladen {i:03d}", tags=[f"Thema {i % 7}", "Fairer Handel"], sdgs=[12, 17]
        )
        actor.regions.add(region)
        MembershipFactory(actor=actor, network=network)
        actors.append(actor)
    english_topic_names()
    return actors


def english_topic_names():
    """Every other topic gets an English name: English pages show both kinds."""
    for tag in Tag.objects.order_by("pk")[::2]:
        TopicTranslation.objects.get_or_create(tag=tag, defaults={"name_en": f"{tag.name} (en)"})


def directory(n):
    actors_with_relations(n)
    return reverse("actors:list")


def directory_search(n):
    actors_with_relations(n)
    return reverse("actors:list") + "?q=Weltladen+fair"


def directory_all_filters(n):
    actors_with_relations(n)
    return (
        reverse("actors:list")
        + "?q=Weltladen&art=association&thema=fairer-handel&sdg=12&land=togo&netzwerk=ag"
    )


def actor_page(n):
    actor = ActorFactory(tags=[f"Thema {i}" for i in range(n)], sdgs=list(range(1, 18)))
    for i in range(n):
        actor.regions.add(RegionFactory(slug=f"land-{i}", name=f"Land {i}"))
        MembershipFactory(actor=actor, network=NetworkFactory())
        ParticipationFactory(actor=actor, event=EventFactory())
        ParticipationFactory(
            actor=actor,
            event=EventFactory(start=timezone.now() - datetime.timedelta(days=i + 1)),
        )
        ActorFactory(tags=[f"Thema {i}"], sdgs=[i % 17 + 1])
    english_topic_names()
    return actor.get_absolute_url()


def network_list(n):
    office = ActorFactory(slug=settings.PORTAL_OFFICE_SLUG)
    for i in range(n):
        network = NetworkFactory(level=Level.values[i % 4])
        MembershipFactory(network=network, actor=office)
        MembershipFactory(network=network)
    return reverse("networks:list")


def network_page(n):
    network = NetworkFactory()
    for i in range(n):
        MembershipFactory(network=network)
        MembershipFactory(
            network=network,
            start_date=datetime.date(2010, 1, 1),
            end_date=datetime.date(2011 + i % 5, 1, 1),
        )
    return network.get_absolute_url()


def events_with_participants(n, *, past=False):
    for i in range(n):
        delta = datetime.timedelta(days=i + 1)
        start = timezone.now() - delta if past else timezone.now() + delta
        event = EventFactory(start=start)
        ParticipationFactory(event=event, actor=ActorFactory(tags=["Bildung"]), role="organiser")
        ParticipationFactory(event=event)
    english_topic_names()


def event_list(n):
    events_with_participants(n)
    return reverse("events:list") + "?ebene=city&thema=bildung&rolle=organiser"


def event_archive(n):
    events_with_participants(n, past=True)
    for _ in range(n // 5):
        EventFactory(start=None, end=None, date_precision="unknown")
    return reverse("events:archive")


def event_calendar(n):
    month = timezone.localdate().replace(day=1)
    for i in range(n):
        start = timezone.make_aware(datetime.datetime(month.year, month.month, i % 28 + 1, 10))
        EventFactory(start=start, end=start + datetime.timedelta(days=i % 3))
    return reverse("events:calendar", kwargs={"year": month.year, "month": month.month})


def event_page(n):
    event = EventFactory()
    for i in range(n):
        ParticipationFactory(event=event, role=["organiser", "speaker", "attendee"][i % 3])
    return event.get_absolute_url()


def network_picture(n):
    actors_with_relations(n)
    for i in range(n):
        ParticipationFactory(event=EventFactory(), actor=ActorFactory(name=f"Gast {i}"))
    return reverse("atlas:network")


def network_picture_filtered(n):
    actors_with_relations(n)
    return reverse("atlas:network") + "?netzwerk=ag&ebene=state&thema=fairer-handel&sdg=12"


def world_map(n):
    for i in range(n):
        code = COUNTRY_CODES[i]
        ActorFactory(regions=[RegionFactory(slug=f"land-{i}", name=f"Land {i}", iso_code=code)])
    return reverse("atlas:world_map") + "?sdg=12"


PAGES = {
    # builder: query bound, the same for 5 and for 50 records. Each bound is the measured
    # count plus one for the first ContentType lookup in a process (taggit's cache).
    # A filter by a topic, a country or a network looks up its id once per data version
    # (actors.models.ids_by_slug): one more query each on these first visits.
    directory: 7,
    directory_search: 8,
    directory_all_filters: 11,
    actor_page: 10,  # + its neighbourhood: the members of its networks, its events' participants
    network_list: 3,
    network_page: 3,
    event_list: 6,
    event_archive: 8,  # its counts per year kept on write: the journal, the events running
    # since an earlier year and today's not yet over, instead of reading every past event
    event_calendar: 4,
    event_page: 3,
    # Filter options (3), graph (2: memberships, participations) or the overview (4 more).
    network_picture: 10,
    network_picture_filtered: 8,
    world_map: 5,
}


@pytest.mark.parametrize("records", [5, 50])
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("build", list(PAGES), ids=lambda build: build.__name__)
def test_page_queries_do_not_grow_with_records(
    client, django_assert_max_num_queries, build, language, records
):
    url = build(records)
    if language == "en":
        url = "/en" + url
    with django_assert_max_num_queries(PAGES[build]):
        response = client.get(url)
    assert response.status_code == 200


def test_queries_are_not_compiled_just_in_time(db):
    # A plan whose estimated cost crosses jit_above_cost (a calendar month at state-wide
    # scale) is compiled first: 60 ms instead of 40, 390 ms on a new connection.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
