"""No stale page after a write: what the processes remember (``ludwigsburg_portal.versioned``:
filter options, counts, cards, search lists, network pictures) is shown afresh on the
next request after any change a visitor could see, without Redis.

Each test warms the pages, writes as staff would (the commit runs its callbacks), and
then asks again with the memory of *another* process: the one from before the write,
which did not see the write happen. Only the data version in the database tells it.
"""

import contextlib

import pytest
from django.urls import reverse
from taggit.models import Tag

from ludwigsburg_portal import versioned
from ludwigsburg_portal.publication import PublicationStatus
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pictures_cached(settings):
    """The network pictures cached as in production without Redis (per process)."""
    settings.NETWORK_PICTURE_CACHE_SECONDS = 300


@contextlib.contextmanager
def written_elsewhere(django_capture_on_commit_callbacks):
    """A committed write, after which this process holds the memory it had before, as
    another gunicorn worker would."""
    memory = dict(versioned._memory)
    memory_version = versioned._memory_version[0]
    with django_capture_on_commit_callbacks(execute=True):
        yield
    with versioned._lock:
        versioned._memory.clear()
        versioned._memory.update(memory)
        versioned._memory_version[0] = memory_version
    assert memory, "the pages were not remembered before the write"


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_published_actor_is_listed_counted_and_found_at_once(
    client, django_capture_on_commit_callbacks
):
    ActorFactory(name="Weltladen am Markt")
    draft = ActorFactory(name="Kaffeekooperative Tansania", status=PublicationStatus.DRAFT)
    directory = reverse("actors:list")
    before = text(client, directory)
    assert "Kaffeekooperative Tansania" not in before
    assert "1 Akteur" in before
    assert "Kaffeekooperative Tansania" not in text(client, directory + "?q=Kaffeekooperative")
    assert "Kaffeekooperative" not in text(client, reverse("search:results") + "?q=Tansania")
    one_kind = reverse("search:results") + "?q=Tansania&bereich=akteure"
    assert "Kaffeekooperative" not in text(client, one_kind)

    with written_elsewhere(django_capture_on_commit_callbacks):
        draft.status = PublicationStatus.PUBLISHED
        draft.save()

    after = text(client, directory)
    assert "Kaffeekooperative Tansania" in after
    assert "2 Akteure" in after
    assert "Kaffeekooperative Tansania" in text(client, directory + "?q=Kaffeekooperative")
    assert "Kaffeekooperative Tansania" in text(client, reverse("search:results") + "?q=Tansania")
    assert "Kaffeekooperative Tansania" in text(client, one_kind)
    assert text(client, draft.get_absolute_url())


def test_renamed_topic_shows_in_cards_and_filter_at_once(
    client, django_capture_on_commit_callbacks
):
    ActorFactory(name="Weltladen am Markt", tags=["Kaffee aus Tansania"])
    directory = reverse("actors:list")
    assert "Kaffee aus Tansania" in text(client, directory)

    with written_elsewhere(django_capture_on_commit_callbacks):
        tag = Tag.objects.get(name="Kaffee aus Tansania")
        tag.name = "Kakao aus Ghana"
        tag.save()

    after = text(client, directory)
    assert "Kaffee aus Tansania" not in after
    assert after.count("Kakao aus Ghana") >= 2  # the card and the topic filter


def test_a_filter_by_a_topic_or_network_follows_a_new_slug_at_once(
    client, django_capture_on_commit_callbacks
):
    # The ids behind the slugs are remembered: a slug given to another topic or
    # network must lead to that one on the next request.
    ActorFactory(name="Weltladen am Markt", tags=["Kaffee"])
    ActorFactory(name="Schule am See", tags=["Kakao"])
    network = NetworkFactory(slug="agenda")
    MembershipFactory(actor=ActorFactory(name="Agenda-Mitglied"), network=network)
    directory = reverse("actors:list")
    assert "Weltladen am Markt" in text(client, directory + "?thema=kaffee")
    assert "Agenda-Mitglied" in text(client, directory + "?netzwerk=agenda")
    assert "Schule am See" not in text(client, directory + "?thema=kaffee")

    with written_elsewhere(django_capture_on_commit_callbacks):
        Tag.objects.filter(slug="kaffee").update(slug="kaffee-alt")
        Tag.objects.filter(slug="kakao").update(slug="kaffee")
        Tag.objects.get(slug="kaffee").save()  # a save: as the admin writes
        network.slug = "agenda-alt"
        network.save()
        other = NetworkFactory(slug="agenda")
        MembershipFactory(actor=ActorFactory(name="Neues Mitglied"), network=other)

    by_topic = text(client, directory + "?thema=kaffee")
    assert "Schule am See" in by_topic
    assert "Weltladen am Markt" not in by_topic
    by_network = text(client, directory + "?netzwerk=agenda")
    assert "Neues Mitglied" in by_network
    assert "Agenda-Mitglied" not in by_network


def test_new_membership_shows_on_actor_page_and_network_picture_at_once(
    client, django_capture_on_commit_callbacks
):
    actor = ActorFactory(name="Weltladen am Markt")
    network = NetworkFactory(name="Fairtrade-Stadt Ludwigsburg", slug="fairtrade-stadt")
    MembershipFactory(network=network, actor=ActorFactory(name="Stadtbücherei"))
    picture = reverse("atlas:network") + "?netzwerk=fairtrade-stadt"
    assert "Fairtrade-Stadt Ludwigsburg" not in text(client, actor.get_absolute_url())
    assert "1 Mitglied im Portal" in text(client, reverse("networks:list"))
    assert "Weltladen am Markt" not in text(client, picture)
    assert "Weltladen am Markt" not in text(
        client, reverse("actors:list") + "?netzwerk=fairtrade-stadt"
    )

    with written_elsewhere(django_capture_on_commit_callbacks):
        MembershipFactory(network=network, actor=actor)

    assert "Fairtrade-Stadt Ludwigsburg" in text(client, actor.get_absolute_url())
    assert "2 Mitglieder im Portal" in text(client, reverse("networks:list"))
    assert "Weltladen am Markt" in text(client, picture)
    assert "Weltladen am Markt" in text(
        client, reverse("actors:list") + "?netzwerk=fairtrade-stadt"
    )


def test_changed_event_shows_in_search_and_on_participants_page_at_once(
    client, django_capture_on_commit_callbacks
):
    actor = ActorFactory(name="Weltladen am Markt")
    event = EventFactory(title="Faire Woche")
    ParticipationFactory(event=event, actor=actor)
    search = reverse("search:results") + "?q=Kleidertausch"
    assert "Faire Woche" in text(client, actor.get_absolute_url())
    assert "Kleidertausch im Weltladen" not in text(client, search)

    with written_elsewhere(django_capture_on_commit_callbacks):
        event.title = "Kleidertausch im Weltladen"
        event.save()

    assert "Kleidertausch im Weltladen" in text(client, actor.get_absolute_url())
    assert "Kleidertausch im Weltladen" in text(client, search)


def test_write_that_rolls_back_leaves_nothing_behind(client):
    """A request's write that never commits is forgotten when the request ends."""
    ActorFactory(name="Weltladen am Markt")
    directory = reverse("actors:list")
    assert "1 Akteur" in text(client, directory)
    assert "1 Akteur" in text(client, directory)  # remembered
    # What a request's write would leave if its transaction rolled back: remembered
    # data that never committed.
    versioned._state.uncommitted = True
    versioned._memory[("count", "actors:list", "", ())] = 99

    assert "1 Akteur" in text(client, directory)


def test_warm_directory_asks_the_database_only_for_the_data_version(
    client, django_assert_num_queries
):
    for i in range(30):
        ActorFactory(name=f"Weltladen {i:02d}", tags=["Fairer Handel", f"Thema {i % 5}"])
    directory = reverse("actors:list") + "?thema=fairer-handel"
    first = text(client, directory)

    with django_assert_num_queries(1):  # the data version
        second = text(client, directory)
    cards = first.split('<ul class="card-list">', 1)[1].split("</ul>", 1)[0]
    assert cards.count("Weltladen") == 20
    assert cards in second


def test_published_actor_counts_on_the_home_page_and_world_map_at_once(
    client, django_capture_on_commit_callbacks
):
    """The home page's totals and the map's numbers per country are the counts the
    database keeps on write (``tallies``), not counted on the visit."""
    togo = RegionFactory(name="Togo", slug="togo", iso_code="TG")
    ActorFactory(regions=[togo])
    draft = ActorFactory(status=PublicationStatus.DRAFT, regions=[togo])
    world_map = reverse("atlas:world_map")
    assert 'aria-label="Togo: 1 Akteur"' in text(client, world_map)
    home = text(client, reverse("pages:home"))

    with written_elsewhere(django_capture_on_commit_callbacks):
        draft.status = PublicationStatus.PUBLISHED
        draft.save()
        EventFactory()

    assert 'aria-label="Togo: 2 Akteure"' in text(client, world_map)
    after = text(client, reverse("pages:home"))
    assert '<span class="stats__number">1</span> Akteur</a>' in home
    assert '<span class="stats__number">0</span> Veranstaltungen</a>' in home
    assert '<span class="stats__number">2</span> Akteure</a>' in after
    assert '<span class="stats__number">1</span> Veranstaltung</a>' in after


def test_the_first_write_after_an_install_reaches_the_other_processes(
    client, django_capture_on_commit_callbacks
):
    """A new sequence reads the same before and after its first advance; the data
    version must move all the same, or the first write would stay unseen elsewhere."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"ALTER SEQUENCE {versioned.SEQUENCE} RESTART")  # as after migrate
    draft = ActorFactory(name="Kaffeekooperative Tansania", status=PublicationStatus.DRAFT)
    directory = reverse("actors:list")
    assert "Kaffeekooperative Tansania" not in text(client, directory)

    with written_elsewhere(django_capture_on_commit_callbacks):
        draft.status = PublicationStatus.PUBLISHED
        draft.save()

    assert "Kaffeekooperative Tansania" in text(client, directory)
