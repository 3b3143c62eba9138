"""The text analysis shared by every search: compound splitting, synonyms, tsqueries."""

import pytest

from ludwigsburg_portal.textsearch import build_tsquery, compound_parts, synonyms


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Schulpartnerschaft", ("schul", "partnerschaft")),
        ("Bürgerklimabündnis", ("bürger", "klima", "bündnis")),
        ("Weltladen", ("welt", "laden")),
        ("Partnerschaftsverein", ("partnerschaft", "verein")),  # linking s
        ("Entwicklungspolitik", ("entwicklung", "politik")),
    ],
)
def test_german_compounds_are_split_into_known_words(word, parts):
    assert compound_parts(word) == parts


@pytest.mark.parametrize(
    "word", ["Nachhaltigkeit", "Organisation", "Moderation", "Ludwig", "x1y2z3abcdef"]
)
def test_words_that_are_no_compounds_stay_whole(word):
    assert compound_parts(word) == ()


def test_an_english_phrase_also_searches_its_german_equivalents():
    query = build_tsquery("fair trade")
    assert query.startswith("(('fair':* & 'trade':*) | ('fairer':* & 'handel':*)")


def test_a_compound_in_the_query_is_itself_or_all_its_parts():
    assert build_tsquery("Klimabündnis") == "('klimabündnis':* | ('klima':* & 'bündnis':*))"


def test_every_synonym_line_is_understood():
    table = synonyms()
    assert table[("school",)][0] == ("schule",)
    assert ("weltladen",) in table[("world", "shop")]
