"""/vernetzung/: the network as a picture, its table, its CSV, its filters and limits."""

import csv
import io

import pytest
from django.urls import resolve, reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actors.models import Actor
from atlas import graph as graphs
from atlas.layout import force_positions
from events.models import Event, ParticipationRole
from ludwigsburg_portal.publication import Level
from networks.models import MembershipRole, Network
from tests.atlas.helpers import Svg, main_html, text_of
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("atlas:network")
CSV_URL = reverse("atlas:network_csv")


@pytest.fixture
def city(db):
    """A small published network with unpublished records around it."""
    shop = ActorFactory(name="Weltladen Ludwigsburg", slug="weltladen")
    school = ActorFactory(name="Schule am Favoritepark", slug="favoritepark")
    agenda = NetworkFactory(name="Agenda-Gruppe Eine Welt", slug="agenda", level=Level.CITY)
    state = NetworkFactory(name="Landesnetzwerk", slug="landesnetz", level=Level.STATE)
    MembershipFactory(actor=shop, network=agenda, role=MembershipRole.CHAIR)
    MembershipFactory(actor=school, network=agenda)
    MembershipFactory(actor=shop, network=state)
    fair = EventFactory(title="Faires Frühstück", slug="fruehstueck", level=Level.CITY)
    ParticipationFactory(actor=shop, event=fair, role=ParticipationRole.ORGANISER)
    ParticipationFactory(actor=school, event=fair)
    # Unpublished at one end: none of these may appear anywhere.
    draft = ActorFactory(name="Geheimverein Entwurf", slug="geheim", status="draft")
    MembershipFactory(actor=draft, network=agenda)
    hidden = NetworkFactory(name="Verborgenes Gremium", slug="verborgen", status="archived")
    MembershipFactory(actor=shop, network=hidden)
    secret = EventFactory(title="Interne Sitzung", slug="intern", status="pending")
    ParticipationFactory(actor=school, event=secret)
    ended = NetworkFactory(name="Altes Bündnis", slug="alt")
    MembershipFactory(actor=school, network=ended, start_date="2001-01-01", end_date="2005-12-31")
    return {"shop": shop, "school": school, "agenda": agenda, "state": state, "fair": fair}


def published_record(href: str):
    match = resolve(href)
    model = {"actors:detail": Actor, "networks:detail": Network, "events:detail": Event}[
        match.view_name
    ]
    return model.objects.published().get(slug=match.kwargs["slug"])


def test_every_node_links_to_a_published_record_and_no_unpublished_record_appears(client, city):
    response = client.get(URL)
    assert response.status_code == 200
    svg = Svg(response.content.decode())
    names = {published_record(node["href"]).__str__() for node in svg.nodes.values()}
    assert names == {
        "Weltladen Ludwigsburg",
        "Schule am Favoritepark",
        "Agenda-Gruppe Eine Welt",
        "Landesnetzwerk",
        "Faires Frühstück",
    }
    html = response.content.decode()
    for hidden in ("Geheimverein", "Verborgenes Gremium", "Interne Sitzung"):
        assert hidden not in html
    # Published, but only an ended membership leads there: not part of today's network.
    assert "Altes Bündnis" not in main_html(response).split('<svg class="graph__svg"')[1]


def test_every_node_has_an_accessible_name_and_a_title(client, city):
    svg = Svg(client.get(URL).content.decode())
    assert svg.nodes
    for node in svg.nodes.values():
        assert node["label"] and node["title"] == node["label"]
    assert "Weltladen Ludwigsburg – Akteur" in svg.nodes[f"a{city['shop'].pk}"]["label"]


def test_table_lists_exactly_the_connections_drawn(client, city):
    html = client.get(URL).content.decode()
    svg = Svg(html)
    table = html[html.index('id="connections"') :]
    rows = {tuple(row) for row in Svg(table).rows}
    assert rows == svg.drawn_connections()
    assert len(svg.lines) == 5  # 3 current memberships, 2 published participations
    assert "Vorsitz" in text_of(table) and "Veranstalter" in text_of(table)


def test_csv_lists_the_same_connections_as_the_picture(client, city):
    svg = Svg(client.get(URL).content.decode())
    response = client.get(CSV_URL)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert header[0] == "Akteur"
    drawn = {(a.split("testserver")[-1], p) for a, p in svg.drawn_connections()}
    assert {(row[1].split("testserver")[-1], row[5].split("testserver")[-1]) for row in body} == {
        (a, p) for a, p in drawn
    }


def test_network_filter_draws_its_members_and_what_they_share(client, city):
    other = ActorFactory(name="Anderer Verein")
    MembershipFactory(actor=other, network=NetworkFactory(name="Fremdes Netz"))
    svg = Svg(client.get(URL, {"netzwerk": "agenda"}).content.decode())
    hrefs = {node["href"] for node in svg.nodes.values()}
    assert city["shop"].get_absolute_url() in hrefs
    assert other.get_absolute_url() not in hrefs


def test_level_filter_keeps_only_networks_and_events_at_that_level(client, city):
    svg = Svg(client.get(URL, {"ebene": "state"}).content.decode())
    hrefs = {node["href"] for node in svg.nodes.values()}
    assert hrefs == {city["shop"].get_absolute_url(), city["state"].get_absolute_url()}


def test_unknown_filter_values_are_named_and_ignored(client, city):
    response = client.get(URL, {"ebene": "mond", "sdg": "99", "netzwerk": "gibt-es-nicht"})
    assert response.status_code == 200
    text = text_of(main_html(response))
    assert "Filter „Ebene“: Diesen Wert gibt es nicht (mehr)." in text
    assert "Filter „Netzwerk“" in text and "Es gibt nur die Ziele 1 bis 17." in text
    # Ignored, so the whole network is drawn.
    assert len(Svg(response.content.decode()).nodes) == 5


def test_filter_that_matches_nothing_explains_the_empty_picture(client, city):
    ActorFactory(name="Einzelgänger", district="hoheneck")
    response = client.get(URL, {"stadtteil": "hoheneck"})
    text = text_of(main_html(response))
    assert "Keine Verbindungen gefunden" in text
    assert "Zu diesen Filtern passt 1 Akteur, aber er ist in keinem Netzwerk" in text
    assert Svg(response.content.decode()).nodes == {}
    response = client.get(URL, {"stadtteil": "poppenweiler"})
    assert "Zu diesen Filtern gibt es keine Akteure mit Mitgliedschaften" in text_of(
        main_html(response)
    )


def test_filtered_picture_beyond_the_node_budget_asks_to_narrow_and_shows_the_table(
    client, city, monkeypatch
):
    monkeypatch.setattr(graphs, "NODE_BUDGET", 3)
    response = client.get(URL, {"ebene": "city"})
    html = main_html(response)
    assert Svg(html).nodes == {}
    assert "zu viele für ein lesbares Bild" in text_of(html)
    rows = {tuple(row) for row in Svg(html).rows}
    assert (city["school"].get_absolute_url(), city["fair"].get_absolute_url()) in rows
    assert len(rows) == 4  # agenda: 2 members, breakfast: 2 participants
    csv_rows = client.get(CSV_URL, {"ebene": "city"}).content.decode().splitlines()
    assert len(csv_rows) == 1 + 4


def test_default_view_beyond_the_budget_is_an_overview_of_the_most_connected(
    client, city, monkeypatch
):
    monkeypatch.setattr(graphs, "NODE_BUDGET", 3)
    monkeypatch.setattr(graphs, "OVERVIEW_ACTORS", 1)
    response = client.get(URL)
    svg = Svg(response.content.decode())
    hrefs = {node["href"] for node in svg.nodes.values()}
    # The shop has two networks and a shared event: the most connected actor.
    assert city["shop"].get_absolute_url() in hrefs
    assert city["school"].get_absolute_url() not in hrefs
    assert "Das Bild zeigt eine Auswahl" in text_of(main_html(response))
    table = main_html(response)[main_html(response).index('id="connections"') :]
    assert {tuple(row) for row in Svg(table).rows} == svg.drawn_connections()


def test_table_pages_of_a_large_selection_never_fail(client, city, monkeypatch):
    monkeypatch.setattr(graphs, "NODE_BUDGET", 1)
    for page in ("abc", "0", "-1", "99999", "2"):
        response = client.get(URL, {"ebene": "city", "page": page})
        assert response.status_code == 200


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(["netzwerk", "thema", "sdg", "stadtteil", "ebene", "art", "land", "page"]),
        st.text(max_size=30),
        max_size=4,
    )
)
def test_no_query_string_causes_a_server_error(client, city, params):
    assert client.get(URL, params).status_code == 200
    assert client.get(CSV_URL, params).status_code == 200


def test_layout_is_the_same_for_the_same_data(city):
    graph = graphs.filtered_graph(Actor.objects.published())
    first = force_positions(graph)
    second = force_positions(graphs.filtered_graph(Actor.objects.published()))
    assert first == second
    assert len(set(first.values())) == len(first)  # no two nodes on one spot


def test_picture_is_cached_and_redrawn_after_a_membership_changes(
    client, city, settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    settings.NETWORK_PICTURE_CACHE_SECONDS = 60
    assert len(Svg(client.get(URL).content.decode()).nodes) == 5
    # From the cache: only the options of the filter form (topics, countries, networks).
    with django_assert_max_num_queries(3):
        client.get(URL)
    newcomer = ActorFactory(name="Neuer Verein")
    with django_capture_on_commit_callbacks(execute=True):
        MembershipFactory(actor=newcomer, network=city["agenda"])
    hrefs = {n["href"] for n in Svg(client.get(URL).content.decode()).nodes.values()}
    assert newcomer.get_absolute_url() in hrefs
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.status = "archived"
        newcomer.save()
    hrefs = {n["href"] for n in Svg(client.get(URL).content.decode()).nodes.values()}
    assert newcomer.get_absolute_url() not in hrefs


@pytest.mark.parametrize("language", ["de", "en"])
def test_page_works_in_both_languages_with_links_in_that_language(client, city, language):
    with translation.override(language):
        url = reverse("atlas:network")
        actor_url = city["shop"].get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    hrefs = {node["href"] for node in Svg(response.content.decode()).nodes.values()}
    assert actor_url in hrefs


def test_directory_links_its_filters_as_picture_and_map(client, city):
    response = client.get(reverse("actors:list"), {"stadtteil": "west", "q": "Welt"})
    html = main_html(response)
    assert f'href="{URL}?stadtteil=west"' in html
    assert f'href="{reverse("atlas:world_map")}?stadtteil=west"' in html
    assert "Als Netzwerk ansehen" in html and "Auf der Weltkarte" in html


def test_home_page_links_both_pictures(client, db):
    html = client.get(reverse("pages:home")).content.decode()
    assert f'href="{URL}"' in html and f'href="{reverse("atlas:world_map")}"' in html


def test_the_overview_ranks_actors_by_events_shared_with_published_actors(db, monkeypatch):
    monkeypatch.setattr(graphs, "OVERVIEW_ACTORS", 2)
    shop, school = ActorFactory(name="Weltladen"), ActorFactory(name="Schule")
    club, church = ActorFactory(name="Verein"), ActorFactory(name="Kirchengemeinde")
    draft = ActorFactory(name="Entwurf", status="draft")
    market = EventFactory(title="Markttag")
    ParticipationFactory(actor=shop, event=market)
    ParticipationFactory(actor=school, event=market)
    for title in ("Mit Entwurf 1", "Mit Entwurf 2"):
        event = EventFactory(title=title)
        ParticipationFactory(actor=shop, event=event)
        ParticipationFactory(actor=draft, event=event)
    for title in ("Treffen 1", "Treffen 2"):
        event = EventFactory(title=title)
        ParticipationFactory(actor=club, event=event)
        ParticipationFactory(actor=church, event=event)

    graph = graphs.overview_graph()

    # Two shared events each make the club and the church the most connected; the shop
    # shares one (its events with a draft join it to nobody the public can see).
    assert {node.name for node in graph.of_kind(graphs.ACTOR)} == {"Verein", "Kirchengemeinde"}
    assert {node.name for node in graph.of_kind(graphs.EVENT)} == {"Treffen 1", "Treffen 2"}


def test_the_overview_joins_actors_only_through_events_another_published_actor_shares(db):
    shop = ActorFactory(name="Weltladen")
    school = ActorFactory(name="Schule")
    draft = ActorFactory(name="Entwurf", status="draft")
    shared = EventFactory(title="Gemeinsam")
    with_draft = EventFactory(title="Mit Entwurf")
    alone = EventFactory(title="Allein")
    for event in (shared, with_draft, alone):
        ParticipationFactory(actor=shop, event=event, role=ParticipationRole.ORGANISER)
    ParticipationFactory(actor=shop, event=alone, role=ParticipationRole.ATTENDEE)  # two roles
    ParticipationFactory(actor=school, event=shared)
    ParticipationFactory(actor=draft, event=with_draft)
    graph = graphs.overview_graph()
    events = {node.name for node in graph.of_kind(graphs.EVENT)}
    assert events == {"Gemeinsam"}
    actors = {node.name for node in graph.of_kind(graphs.ACTOR)}
    assert {"Weltladen", "Schule"} <= actors
    assert "Entwurf" not in actors
