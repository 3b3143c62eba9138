"""German full-text search: stemming, prefixes, ranking, safety."""

import pytest
from django.db import connection

from actors.models import Actor
from actors.search import build_tsquery, search_words
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return [actor.name for actor in queryset]


def search(text):
    return names(Actor.objects.published().search(text))


# --- building the query -------------------------------------------------------------


def test_every_word_becomes_a_quoted_prefix_lexeme_and_all_are_required():
    assert build_tsquery("Fairer  Handel") == "'fairer':* & 'handel':*"


def test_query_syntax_in_the_input_is_dropped_not_interpreted():
    assert build_tsquery("!fair | handel & (kaffee):* \\'") == (
        "'fair':* & 'handel':* & 'kaffee':*"
    )


def test_text_without_words_gives_no_query():
    assert build_tsquery("  ;'!&|  ") == ""


def test_long_input_is_limited_to_a_few_words():
    assert len(search_words(" ".join(f"wort{i}" for i in range(5000)))) == 8


# --- stemming and prefixes ----------------------------------------------------------


def test_plural_finds_singular_through_german_stemming():
    ActorFactory(name="Schule am Favoritepark", teaser="", description="")
    ActorFactory(name="Kleiderkammer", teaser="", description="")
    assert search("Schulen") == ["Schule am Favoritepark"]


def test_singular_finds_plural_in_the_description():
    ActorFactory(name="Bildungswerk", teaser="", description="Wir besuchen Schulen im Kreis.")
    assert search("Schule") == ["Bildungswerk"]


def test_word_beginning_finds_longer_words():
    ActorFactory(name="Fairtrade-Rösterei Hoheneck", teaser="", description="")
    ActorFactory(name="Kleiderkammer", teaser="", description="")
    assert search("Fair") == ["Fairtrade-Rösterei Hoheneck"]


def test_search_is_case_insensitive_and_finds_umlauts():
    ActorFactory(name="Bürgerstiftung Ludwigsburg", teaser="", description="")
    assert search("bürgerstiftung") == ["Bürgerstiftung Ludwigsburg"]


def test_all_words_must_match():
    ActorFactory(name="Weltladen Ludwigsburg", teaser="", description="")
    ActorFactory(name="Weltladen Kornwestheim", teaser="", description="", city="Kornwestheim")
    assert search("Weltladen Ludwigsburg") == ["Weltladen Ludwigsburg"]


def test_teaser_and_description_are_searched():
    ActorFactory(name="Verein A", teaser="Wir verkaufen Kaffee.", description="")
    ActorFactory(name="Verein B", teaser="", description="Unser Thema ist Solarenergie.")
    assert search("Kaffee") == ["Verein A"]
    assert search("Solarenergie") == ["Verein B"]


def test_topic_names_are_searched():
    ActorFactory(name="Verein C", teaser="", description="", tags=["Textilwende"])
    assert search("Textilwende") == ["Verein C"]


# --- ranking ------------------------------------------------------------------------


def test_a_match_in_the_name_ranks_above_matches_in_the_text():
    ActorFactory(
        name="Aktion Eine Welt",
        teaser="Klima Klima Klima",
        description="Klima, Klima und noch einmal Klima: Klimagerechtigkeit für alle.",
    )
    ActorFactory(name="Klimabündnis Ludwigsburg", teaser="", description="")
    assert search("Klima") == ["Klimabündnis Ludwigsburg", "Aktion Eine Welt"]


def test_a_match_in_the_teaser_ranks_above_one_in_the_description():
    ActorFactory(name="Zweiter Verein", teaser="", description="Wir sprechen über Wasser.")
    ActorFactory(name="Erster Verein", teaser="Wasser für alle", description="")
    assert search("Wasser") == ["Erster Verein", "Zweiter Verein"]


def test_equal_relevance_is_ordered_by_name():
    for name in ["Weltladen Süd", "Weltladen Nord", "Weltladen Mitte"]:
        ActorFactory(name=name, teaser="", description="")
    assert search("Weltladen") == ["Weltladen Mitte", "Weltladen Nord", "Weltladen Süd"]


# --- visibility and safety ----------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "pending", "archived"])
def test_unpublished_actors_are_not_found(status):
    ActorFactory(name="Geheimverein Fairtrade", status=status)
    assert search("Geheimverein") == []


@pytest.mark.parametrize(
    "text",
    [
        "'); DROP TABLE actors_actor; --",
        "\\x00 \\ ' \" ` ; -- /* */",
        "<script>alert(1)</script>",
        "a:* & !b | (c",
        "und die der",  # German stop words only
        "x" * 10_000,
    ],
)
def test_hostile_or_odd_input_neither_fails_nor_harms_the_database(text):
    ActorFactory(name="Weltladen Ludwigsburg")
    search(text)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM actors_actor")
        assert cursor.fetchone()[0] == 1
