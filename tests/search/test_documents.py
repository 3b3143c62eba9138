"""What records are found by: compounds, partner countries, kinds, networks, participants,
and documents that follow every change of the related tables."""

import pytest

from actors.models import Actor, ActorKind, District
from events.models import Event
from ludwigsburg_portal.publication import PublicationStatus
from networks.models import Network
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def found(text):
    return [actor.name for actor in Actor.objects.published().search(text)]


def events_found(text):
    return [event.title for event in Event.objects.published().by_relevance(text)]


def plain(**kwargs):
    """An actor found only by what the test gives it."""
    defaults = {"teaser": "", "description": "", "city": "", "kind": ActorKind.INITIATIVE}
    return ActorFactory(**{**defaults, **kwargs})


# --- German compounds -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("Schulpartnerschaft Kaya", "Partnerschaft"),
        ("Bürgerklimabündnis Ludwigsburg", "Klima"),
        ("Bürgerklimabündnis Ludwigsburg", "Bündnis"),
        ("Weltladen Oßweil", "Laden"),
    ],
)
def test_a_part_of_a_german_compound_finds_the_compound(name, query):
    plain(name=name)
    plain(name="Kleiderkammer")
    assert found(query) == [name]


def test_a_compound_in_the_query_finds_its_parts_written_apart():
    plain(name="Bündnis für das Klima")
    assert found("Klimabündnis") == ["Bündnis für das Klima"]


def test_compound_parts_in_the_description_are_found_too():
    plain(name="Verein A", description="Wir pflegen eine Städtepartnerschaft mit Kaya.")
    assert found("Partnerschaft") == ["Verein A"]


# --- What an actor is found by ----------------------------------------------------------


def test_a_partner_country_finds_the_actor_that_names_it():
    plain(name="Freundeskreis Cusco", regions=[RegionFactory(name="Peru", slug="peru")])
    plain(name="Kleiderkammer")
    assert found("Peru") == ["Freundeskreis Cusco"]


def test_the_kind_finds_the_actor_in_german_and_english():
    plain(name="Afrikanischer Kulturverein", kind=ActorKind.DIASPORA)
    plain(name="Kleiderkammer")
    assert found("Migrant") == ["Afrikanischer Kulturverein"]
    assert found("Diaspora-Organisation") == ["Afrikanischer Kulturverein"]


def test_district_and_city_find_the_actor():
    plain(name="Verein Oßweil", district=District.OSSWEIL, city="Ludwigsburg")
    plain(name="Verein Tamm", city="Tamm")
    assert found("Oßweil") == ["Verein Oßweil"]
    assert found("Tamm") == ["Verein Tamm"]


def test_the_networks_an_actor_belongs_to_find_it():
    actor = plain(name="Kirchengemeinde")
    MembershipFactory(actor=actor, network=NetworkFactory(name="Eine-Welt-Runde Neckar"))
    assert found("Eine-Welt-Runde") == ["Kirchengemeinde"]


# --- Documents follow changes -------------------------------------------------------------


def test_a_topic_added_later_finds_the_actor():
    actor = plain(name="Verein B")
    assert found("Textilwende") == []
    actor.tags.add("Textilwende")
    assert found("Textilwende") == ["Verein B"]
    actor.tags.remove("Textilwende")
    assert found("Textilwende") == []


def test_a_renamed_topic_finds_its_actors_under_the_new_name():
    from taggit.models import Tag

    plain(name="Verein C", tags=["Kaffe"])
    tag = Tag.objects.get(name="Kaffe")
    tag.name = "Kaffee"
    tag.save()
    assert found("Kaffee") == ["Verein C"]


def test_regions_added_removed_or_renamed_change_what_finds_the_actor():
    actor = plain(name="Verein D")
    region = RegionFactory(name="Togo", slug="togo")
    region.actors.add(actor)
    assert found("Togo") == ["Verein D"]
    region.name = "Ghana"
    region.save()
    assert found("Togo") == [] and found("Ghana") == ["Verein D"]
    actor.regions.clear()
    assert found("Ghana") == []


def test_a_membership_ended_by_deletion_no_longer_finds_the_actor():
    membership = MembershipFactory(
        actor=plain(name="Verein E"), network=NetworkFactory(name="Kaffeerunde")
    )
    assert found("Kaffeerunde") == ["Verein E"]
    membership.delete()
    assert found("Kaffeerunde") == []


def test_an_unpublished_network_does_not_find_its_members():
    network = NetworkFactory(name="Geheimrunde")
    MembershipFactory(actor=plain(name="Verein F"), network=network)
    network.status = PublicationStatus.DRAFT
    network.save()
    assert found("Geheimrunde") == []


def test_a_renamed_network_is_found_and_finds_its_members_under_the_new_name():
    network = NetworkFactory(name="Alte Runde", host="")
    MembershipFactory(actor=plain(name="Verein G"), network=network)
    network.name = "Klimarunde"
    network.save()
    assert found("Klimarunde") == ["Verein G"]
    assert [n.name for n in Network.objects.published().search("Klimarunde")] == ["Klimarunde"]


def test_documents_missing_after_a_bulk_insert_are_written_after_migrate():
    from actors.search import fill_missing_documents

    Actor.objects.bulk_create(
        [Actor(name="Stiller Verein", slug="still", kind="association", status="published")]
    )
    assert found("Stiller") == []
    fill_missing_documents()
    assert found("Stiller") == ["Stiller Verein"]


# --- Events and networks --------------------------------------------------------------------


def test_an_event_is_found_by_title_description_place_organiser_and_participants():
    event = EventFactory(
        title="Fairer Frühstückstisch",
        description="Mit Kaffee aus Nicaragua.",
        location="Marktplatz 4",
        organiser="Kommunales Kino",
    )
    ParticipationFactory(event=event, actor=plain(name="Weltladen Ludwigsburg"))
    EventFactory(title="Anderes Treffen", description="", location="", organiser="")
    for query in ["Frühstück", "Nicaragua", "Marktplatz", "Kino", "Weltladen"]:
        assert events_found(query) == ["Fairer Frühstückstisch"], query


def test_a_renamed_or_unpublished_participant_changes_what_finds_the_event():
    actor = plain(name="Weltladen Süd")
    ParticipationFactory(
        event=EventFactory(title="Markt", description="", location=""), actor=actor
    )
    actor.name = "Weltladen Mitte"
    actor.save()
    assert events_found("Mitte") == ["Markt"]
    actor.status = PublicationStatus.DRAFT
    actor.save()
    assert events_found("Mitte") == []


def test_a_network_is_found_by_its_host_and_kind():
    NetworkFactory(name="AG Kommunale Entwicklungspolitik", host="Städtetag Baden-Württemberg")
    assert [n.name for n in Network.objects.published().by_relevance("Städtetag")] == [
        "AG Kommunale Entwicklungspolitik"
    ]
    assert [n.name for n in Network.objects.published().by_relevance("Arbeitsgemeinschaft")] == [
        "AG Kommunale Entwicklungspolitik"
    ]


def test_an_event_title_match_ranks_above_a_description_match():
    EventFactory(title="Vortrag", description="Wir sprechen über Wasser.", location="")
    EventFactory(title="Wassertag", description="", location="")
    assert events_found("Wasser") == ["Wassertag", "Vortrag"]


def test_an_actor_named_exactly_as_typed_comes_first_among_similar_names():
    for name in [
        "Weltladen Bildung Ludwigsburg 1",
        "Weltladen Ludwigsburg",
        "Weltladen Eine Ludwigsburg",
    ]:
        plain(name=name)
    assert found("weltladen ludwigsburg")[0] == "Weltladen Ludwigsburg"
