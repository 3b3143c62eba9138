"""/suche/: one search across the portal, typo suggestions, English, bad input, queries."""

import re

import pytest
from django.urls import reverse

from actors.models import ActorKind
from ludwigsburg_portal.publication import PublicationStatus
from search import lexicon
from seeding.seed import load_ludwigsburg
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_lexicon():
    lexicon.forget()
    yield
    lexicon.forget()


@pytest.fixture
def seeded():
    load_ludwigsburg()


def search(client, q, **params):
    return client.get(reverse("search:results"), {"q": q, **params})


def titles(response):
    """The result titles on the page, in order."""
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", title).strip()
        for title in re.findall(r'class="card__title"><a href="[^"]*">(.*?)</a>', html)
    ]


def test_one_search_finds_actors_events_networks_roles_exchanges_and_pages(client, seeded):
    html = search(client, "Afrika").content.decode()
    assert "Koordinationsstelle kommunale Entwicklungspolitik" in html  # actor (its networks)
    assert "BMZ-Afrikatag" in html  # event
    assert "Afrikadialog zur Fortschreibung" in html  # network and the city's role in it
    assert "Günther Nooke" in html  # expert exchange (Afrikabeauftragter)
    assert 'id="heading-rollen"' in html and 'id="heading-austausch"' in html


@pytest.mark.parametrize(
    ("query", "expected", "group"),
    [
        (
            "Städtetag",
            "AG „Kommunale Entwicklungspolitik“ des Städtetags Baden-Württemberg",
            "netzwerke",
        ),
        ("BuKo", "BuKo 2018", "veranstaltungen"),
        ("Nooke", "Günther Nooke", "austausch"),
        ("Juryvorsitz", "Jury des bundesweiten Wettbewerbs „Kommune bewegt Welt“", "rollen"),
        ("Impressum", "Impressum", "seiten"),
    ],
)
def test_what_could_not_be_searched_before_is_found(client, seeded, query, expected, group):
    response = search(client, query)
    assert response.status_code == 200
    assert f'id="heading-{group}"' in response.content.decode()
    assert expected in titles(response)


def test_groups_show_counts_and_link_to_all_results_and_to_the_filtered_list(client):
    for i in range(7):
        ActorFactory(name=f"Weltladen {i}")
    html = search(client, "Weltladen").content.decode()
    assert 'Akteure <span class="search-page__count">(7)</span>' in html
    assert 'href="?q=Weltladen&amp;bereich=akteure"' in html
    assert f'href="{reverse("actors:list")}?q=Weltladen"' in html
    assert html.count("card--actor") == 5


def test_one_kind_is_paginated_and_ranked(client):
    for i in range(25):
        ActorFactory(name=f"Verein {i:02d}", teaser="", description="Kaffee")
    ActorFactory(name="Kaffeerösterei", teaser="", description="")
    first = search(client, "Kaffee", bereich="akteure")
    assert titles(first)[0] == "Kaffeerösterei"  # the name match before 25 description matches
    assert len(titles(first)) == 20
    second = search(client, "Kaffee", bereich="akteure", page=2)
    assert len(titles(second)) == 6


def test_a_name_match_ranks_above_a_description_match(client):
    ActorFactory(name="Aktion Eine Welt", teaser="", description="Ein Weltladen in der Stadt.")
    ActorFactory(name="Weltladen Hoheneck", teaser="", description="")
    assert titles(search(client, "Weltladen"))[:2] == ["Weltladen Hoheneck", "Aktion Eine Welt"]


@pytest.mark.parametrize("status", ["draft", "pending", "archived"])
def test_unpublished_records_are_never_found(client, status):
    actor = ActorFactory(name="Geheimverein", status=status)
    EventFactory(title="Geheimtreffen", status=status)
    NetworkFactory(name="Geheimnetz", status=status)
    ParticipationFactory(actor=actor, event=EventFactory(title="Offenes Fest"))
    for query in ["Geheimverein", "Geheimtreffen", "Geheimnetz", "Geheimvrein"]:
        html = search(client, query).content.decode()
        assert "Nichts gefunden" in html, query
        assert "Meinten Sie" not in html and "Ergebnisse für" not in html


def test_a_typo_with_one_clear_correction_shows_its_results(client):
    ActorFactory(name="Weltladen Ludwigsburg")
    response = search(client, "Wletladen")
    html = response.content.decode()
    assert "Für „Wletladen“ gibt es keine Treffer" in html
    assert "Ergebnisse für „<strong>Weltladen</strong>“" in html
    assert titles(response)[0] == "Weltladen Ludwigsburg"
    assert 'href="?q=Wletladen&amp;exakt=1"' in html


def test_the_exact_link_searches_the_text_as_typed(client):
    ActorFactory(name="Weltladen Ludwigsburg")
    html = search(client, "Wletladen", exakt=1).content.decode()
    assert "Nichts gefunden für „Wletladen“" in html


@pytest.mark.parametrize(("typo", "word"), [("Fairtarde", "Fairtrade"), ("Kongusi", "Kongosi")])
def test_swapped_or_wrong_letters_are_corrected(client, typo, word):
    ActorFactory(name=f"{word}-Gruppe Ludwigsburg")
    assert titles(search(client, typo))[0] == f"{word}-Gruppe Ludwigsburg"


def test_meinten_sie_is_offered_when_the_typed_word_finds_a_little(client):
    for place in ["Nord", "Süd", "West"]:
        ActorFactory(name=f"Weltladen {place}", teaser="", description="")
    ActorFactory(name="Weltlafen Tisch", teaser="", description="")  # a typo in the data
    response = search(client, "Weltlafen")  # one hit; "Weltladen" finds three
    html = response.content.decode()
    assert titles(response)[0] == "Weltlafen Tisch"
    assert "Meinten Sie" in html
    assert 'href="?q=Weltladen"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("school", "Goethe-Gymnasium"),
        ("fair trade", "Aktion Eine Welt"),
        ("world shop", "Weltladen Hoheneck"),
        ("climate", "Bürgerklimabündnis"),
        ("migrant", "Afrikanischer Kulturverein"),
    ],
)
def test_english_words_find_the_german_records(client, query, expected):
    ActorFactory(name="Goethe-Gymnasium", kind=ActorKind.EDUCATION, teaser="", description="")
    ActorFactory(name="Aktion Eine Welt", tags=["Fairer Handel"], teaser="", description="")
    ActorFactory(name="Weltladen Hoheneck", kind=ActorKind.WORLD_SHOP, teaser="", description="")
    ActorFactory(name="Bürgerklimabündnis", teaser="", description="")
    ActorFactory(
        name="Afrikanischer Kulturverein", kind=ActorKind.DIASPORA, teaser="", description=""
    )
    response = client.get("/en/suche/", {"q": query})
    assert expected in titles(response)
    directory = client.get("/en/akteure/", {"q": query})
    assert expected in titles(directory)


def test_the_english_directory_hint_names_queries_that_find_records(client):
    ActorFactory(name="Aktion Eine Welt", tags=["Fairer Handel"], teaser="", description="")
    ActorFactory(name="Goethe-Gymnasium", kind=ActorKind.EDUCATION, teaser="", description="")
    html = client.get("/en/akteure/").content.decode()
    hint = re.search(r'id="id_q_helptext">(.*?)</p>', html).group(1)
    examples = re.findall(r"“(.*?)”", hint)
    assert examples
    for example in examples:
        assert titles(client.get("/en/akteure/", {"q": example})), example


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_examples_on_the_search_page_find_something(client, seeded, language):
    url = "/en/suche/" if language == "en" else "/suche/"
    html = client.get(url).content.decode()
    examples = re.findall(r'<a href="\?q=([^"]+)">', html)
    assert len(examples) == 4
    for example in examples:
        response = client.get(url + "?q=" + example)
        assert "Nichts gefunden" not in response.content.decode(), example


BAD_INPUT = [
    '"Weltladen',
    "'",
    "a & b | !c :* (d",
    "\\\\ \\' \\",
    "Welt\x00laden",
    "x" * 10_000,
    "Weltladen " * 1000,
    "🌍 Fairtrade ☕",
    "مرحبا بالعالم",
    "und die der",
    "  ",
    "::*!!&&||",
]


@pytest.mark.parametrize("text", BAD_INPUT)
def test_every_input_is_answered_with_results_or_nothing_found(client, text):
    ActorFactory(name="Weltladen Ludwigsburg")
    EventFactory(title="Weltladenfest")
    for url in [
        reverse("search:results"),
        reverse("actors:list"),
        reverse("events:list"),
        "/api/v1/events/",
        "/api/v1/networks/",
        "/api/v1/actors/",
    ]:
        response = client.get(url, {"q": text})
        assert response.status_code == 200, url
        assert response.status_code == 200


def test_header_has_a_search_box_that_works_without_javascript(client):
    html = client.get(reverse("pages:home")).content.decode()
    form = re.search(r'<form class="site-search" action="([^"]+)" method="get" role="search"', html)
    assert form and form.group(1) == reverse("search:results")
    assert '<label for="site-search-q"' in html and 'name="q"' in html


def test_the_directory_offers_meinten_sie_on_an_empty_search(client):
    ActorFactory(name="Weltladen Ludwigsburg")
    html = client.get(
        reverse("actors:list"), {"q": "Wletladen", "art": "world_shop"}
    ).content.decode()
    assert "Meinten Sie" in html
    assert "q=Weltladen" in html and "art=world_shop" in html


def records(n):
    network = NetworkFactory(name="Weltladen-Netzwerk")
    for i in range(n):
        actor = ActorFactory(name=f"Weltladen {i:03d}", tags=["Fairer Handel", f"Thema {i}"])
        MembershipFactory(actor=actor, network=network)
        ParticipationFactory(actor=actor, event=EventFactory(title=f"Weltladenfest {i}"))
        NetworkFactory(name=f"Weltladen-Runde {i}")


@pytest.mark.parametrize(
    "params", [{"q": "Weltladen"}, {"q": "Weltladen", "bereich": "veranstaltungen"}]
)
def test_query_count_of_the_search_stays_constant_as_results_grow(
    client, django_assert_max_num_queries, params
):
    records(5)
    with django_assert_max_num_queries(16) as few:
        assert client.get(reverse("search:results"), params).status_code == 200
    records(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("search:results"), params).status_code == 200


def test_the_unpublished_office_role_is_not_shown(client, seeded):
    from networks.models import Network

    Network.objects.filter(slug="jury-kommune-bewegt-welt").update(status=PublicationStatus.DRAFT)
    assert "Jury des bundesweiten" not in search(client, "Juryvorsitz").content.decode()


def test_a_typo_in_an_experts_name_finds_the_expert_exchange(client, seeded):
    response = search(client, "Nokke")
    assert "Ergebnisse für „<strong>Nooke</strong>“" in response.content.decode()
    assert titles(response) == ["Günther Nooke"]
