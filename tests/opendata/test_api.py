"""The read-only JSON API under /api/v1/: endpoints, filters, personal data, caching, CORS."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actors.models import ActorKind, District
from events.models import ParticipationRole
from ludwigsburg_portal.publication import Level
from networks.models import MembershipRole
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def get(client, name, **params):
    return client.get(reverse(f"api:{name}"), params)


# --- Actors -------------------------------------------------------------------


def test_actor_list_shows_only_published_actors_by_name(client):
    ActorFactory(name="Weltladen Ludwigsburg", slug="weltladen")
    ActorFactory(name="Afrika-Verein", slug="afrika")
    for status in ("draft", "pending", "archived"):
        ActorFactory(name=f"Versteckt {status}", slug=f"versteckt-{status}", status=status)

    response = get(client, "actor-list")

    assert slugs(response) == ["afrika", "weltladen"]
    assert response.json()["count"] == 2


def test_unpublished_actor_detail_is_404(client):
    ActorFactory(slug="entwurf", status="draft")
    response = client.get(reverse("api:actor-detail", kwargs={"slug": "entwurf"}))
    assert response.status_code == 404


def test_actor_detail_has_topics_sdgs_regions_and_page_url(client):
    from actors.models import SustainableDevelopmentGoal

    actor = ActorFactory(
        slug="fair",
        tags=["Fairer Handel"],
        sdgs=[SustainableDevelopmentGoal.objects.get(number=12)],
        regions=[RegionFactory(name="Burkina Faso", slug="burkina-faso")],
    )
    data = client.get(reverse("api:actor-detail", kwargs={"slug": "fair"})).json()

    assert data["tags"] == ["Fairer Handel"]
    assert data["sdgs"][0]["number"] == 12
    assert data["sdgs"][0]["name_de"] == "Nachhaltige/r Konsum und Produktion"
    assert data["regions"] == [{"slug": "burkina-faso", "name": "Burkina Faso", "name_en": None}]
    assert data["page_url"].endswith(actor.get_absolute_url())


def test_contact_data_only_when_publishing_is_allowed(client):
    ActorFactory(
        slug="offen",
        contact_person="Erika Muster",
        email="erika@example.org",
        phone="07141 1",
        contact_public=True,
    )
    ActorFactory(
        slug="privat",
        contact_person="Max Geheim",
        email="max@example.org",
        phone="07141 2",
        contact_public=False,
    )

    response = get(client, "actor-list")
    by_slug = {item["slug"]: item for item in response.json()["results"]}

    assert by_slug["offen"]["contact"] == {
        "person": "Erika Muster",
        "email": "erika@example.org",
        "phone": "07141 1",
    }
    assert by_slug["privat"]["contact"] is None
    body = response.content.decode()
    assert "Max Geheim" not in body and "max@example.org" not in body


def test_mandate_holder_is_named_only_where_the_membership_publishes_it(client):
    network = NetworkFactory(slug="ag")
    MembershipFactory(
        # The actor's contact consent does not publish a mandate holder.
        actor=ActorFactory(slug="privat", contact_public=True),
        network=network,
        mandate_holder="Geheime Person",
        mandate_function="Sprecherin",
    )
    MembershipFactory(
        actor=ActorFactory(slug="offen"),
        network=network,
        mandate_holder="Öffentliche Person",
        publish_holder=True,
        mandate_function="Vorsitz",
        mandate_function_en="Chair",
    )
    response = client.get(reverse("api:network-detail", kwargs={"slug": "ag"}))
    data = response.json()
    mandates = {
        m["actor"]: (m["mandate_function"], m["mandate_function_en"], m["mandate_holder"])
        for m in data["memberships"]
    }
    assert mandates == {
        "privat": ("Sprecherin", None, None),
        "offen": ("Vorsitz", "Chair", "Öffentliche Person"),
    }
    assert "Geheime Person" not in response.content.decode()
    actor = client.get(reverse("api:actor-detail", kwargs={"slug": "privat"})).json()
    assert actor["memberships"][0]["mandate_holder"] is None


def test_nested_memberships_and_participations_leave_out_unpublished_records(client):
    actor = ActorFactory(slug="verein")
    MembershipFactory(actor=actor, network=NetworkFactory(slug="sichtbar"))
    MembershipFactory(actor=actor, network=NetworkFactory(slug="entwurf", status="draft"))
    ParticipationFactory(actor=actor, event=EventFactory(slug="fest"))
    ParticipationFactory(actor=actor, event=EventFactory(slug="geheim", status="pending"))

    data = client.get(reverse("api:actor-detail", kwargs={"slug": "verein"})).json()

    assert [m["network"] for m in data["memberships"]] == ["sichtbar"]
    assert [p["event"] for p in data["participations"]] == ["fest"]


@pytest.mark.parametrize(
    ("param", "value", "expected"),
    [
        ("kind", ActorKind.WORLD_SHOP, ["laden"]),
        ("district", District.EGLOSHEIM, ["laden"]),
        ("sdg", "12", ["laden"]),
        ("topic", "fairer-handel", ["laden"]),
        ("region", "peru", ["laden"]),
        ("network", "ag-fair", ["laden"]),
    ],
)
def test_actor_filters(client, param, value, expected):
    from actors.models import SustainableDevelopmentGoal

    laden = ActorFactory(
        slug="laden",
        name="Weltladen",
        kind=ActorKind.WORLD_SHOP,
        district=District.EGLOSHEIM,
        tags=["Fairer Handel"],
        sdgs=[SustainableDevelopmentGoal.objects.get(number=12)],
        regions=[RegionFactory(name="Peru", slug="peru")],
    )
    ActorFactory(slug="andere", name="Anderer Verein", district=District.WEST, tags=["Bildung"])
    MembershipFactory(actor=laden, network=NetworkFactory(slug="ag-fair"))

    assert slugs(get(client, "actor-list", **{param: value})) == expected


def test_actor_filters_combine(client):
    ActorFactory(slug="laden-west", kind=ActorKind.WORLD_SHOP, district=District.WEST)
    ActorFactory(slug="laden-ost", kind=ActorKind.WORLD_SHOP, district=District.OST)
    ActorFactory(slug="verein-west", district=District.WEST)

    response = get(client, "actor-list", kind=ActorKind.WORLD_SHOP, district=District.WEST)

    assert slugs(response) == ["laden-west"]


def test_network_filter_leaves_out_ended_memberships(client):
    network = NetworkFactory(slug="ag")
    MembershipFactory(actor=ActorFactory(slug="aktiv"), network=network)
    MembershipFactory(
        actor=ActorFactory(slug="ehemalig"),
        network=network,
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2015, 1, 1),
    )
    assert slugs(get(client, "actor-list", network="ag")) == ["aktiv"]


def test_search_uses_german_stemming_and_ranks_name_first(client):
    ActorFactory(slug="text", name="Verein B", description="Wir besuchen Schulen.")
    ActorFactory(slug="name", name="Schule am See", description="")
    ActorFactory(slug="nichts", name="Chor", description="Wir singen.", teaser="")

    assert slugs(get(client, "actor-list", q="Schulen")) == ["name", "text"]


def test_unknown_slugs_in_filters_are_ignored_and_named_in_a_header(client):
    ActorFactory(slug="verein")
    for param in ("network", "topic", "region"):
        response = get(client, "actor-list", **{param: "gibt-es-nicht"})
        assert slugs(response) == ["verein"], param
        assert response["Ignored-Filters"] == param


@pytest.mark.parametrize(
    "params",
    [{"kind": "raumschiff"}, {"sdg": "18"}, {"sdg": "abc"}, {"district": "<script>"}],
)
def test_invalid_filter_values_are_ignored_and_named_in_a_header(client, params):
    ActorFactory(slug="verein", district=District.WEST)
    response = get(client, "actor-list", **params)
    assert slugs(response) == ["verein"]
    assert response["Ignored-Filters"] == ", ".join(params)


def test_an_ignored_filter_leaves_the_others_applied(client):
    ActorFactory(slug="laden", kind=ActorKind.WORLD_SHOP)
    ActorFactory(slug="verein")
    response = get(client, "actor-list", kind=ActorKind.WORLD_SHOP, topic="gibt-es-nicht", sdg=99)
    assert slugs(response) == ["laden"]
    assert response["Ignored-Filters"] == "topic, sdg"
    assert "Ignored-Filters" not in get(client, "actor-list", kind=ActorKind.WORLD_SHOP)


def test_unknown_actor_or_network_of_events_is_ignored_and_named(client):
    EventFactory(slug="fest")
    response = get(client, "event-list", actor="niemand", network="keins", start_from="gestern")
    assert slugs(response) == ["fest"]
    assert response["Ignored-Filters"] == "actor, network, start_from"


def test_pagination_is_stable_and_out_of_range_is_404(client):
    for number in range(5):
        ActorFactory(name="Gleicher Name", slug=f"gleich-{number}")

    first = get(client, "actor-list", page_size=2)
    second = get(client, "actor-list", page_size=2, page=2)

    assert first.json()["count"] == 5
    assert slugs(first) == ["gleich-0", "gleich-1"]
    assert slugs(second) == ["gleich-2", "gleich-3"]
    assert first.json()["next"].endswith("page=2&page_size=2")
    assert get(client, "actor-list", page=99).status_code == 404
    assert get(client, "actor-list", page="abc").status_code == 404


def test_hostile_search_text_is_answered_without_error(client):
    ActorFactory(slug="verein")
    for q in ["' OR 1=1 --", "<script>alert(1)</script>", "&|!:*()", "x" * 10_000]:
        assert get(client, "actor-list", q=q).status_code in (200, 400)


# --- Networks -----------------------------------------------------------------


def test_network_list_and_filters(client):
    NetworkFactory(slug="stadt", name="AG Stadt", level=Level.CITY, host="Stadt Ludwigsburg")
    NetworkFactory(slug="land", name="AG Land", level=Level.STATE, host="Städtetag")
    NetworkFactory(slug="entwurf", status="draft")

    assert slugs(get(client, "network-list")) == ["land", "stadt"]
    assert slugs(get(client, "network-list", level=Level.CITY)) == ["stadt"]
    assert slugs(get(client, "network-list", q="Städtetag")) == ["land"]


def test_network_detail_lists_members_with_roles(client):
    network = NetworkFactory(slug="jury")
    MembershipFactory(
        actor=ActorFactory(slug="stadt", name="Stadt"), network=network, role=MembershipRole.CHAIR
    )
    MembershipFactory(actor=ActorFactory(slug="geheim", status="draft"), network=network)

    data = client.get(reverse("api:network-detail", kwargs={"slug": "jury"})).json()

    assert [(m["actor"], m["role"]) for m in data["memberships"]] == [("stadt", "chair")]


# --- Events -------------------------------------------------------------------


def in_days(days):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


def test_event_list_all_upcoming_past(client):
    EventFactory(slug="bald", start=in_days(3))
    EventFactory(slug="spaeter", start=in_days(30))
    EventFactory(slug="vorbei", start=in_days(-30))
    EventFactory(slug="entwurf", start=in_days(5), status="draft")

    assert slugs(get(client, "event-list")) == ["vorbei", "bald", "spaeter"]
    assert slugs(get(client, "event-list", when="upcoming")) == ["bald", "spaeter"]
    assert slugs(get(client, "event-list", when="past")) == ["vorbei"]


def test_event_filters(client):
    stadt = EventFactory(slug="stadt", start=in_days(3), level=Level.CITY)
    bund = EventFactory(slug="bund", start=in_days(4), level=Level.FEDERAL, title="BMZ-Afrikatag")
    actor = ActorFactory(slug="buero", tags=["Afrika"])
    ParticipationFactory(actor=actor, event=bund, role=ParticipationRole.SPEAKER)
    ParticipationFactory(actor=actor, event=stadt, role=ParticipationRole.ATTENDEE)
    MembershipFactory(actor=actor, network=NetworkFactory(slug="ag"))

    assert slugs(get(client, "event-list", level=Level.FEDERAL)) == ["bund"]
    assert slugs(get(client, "event-list", actor="buero")) == ["stadt", "bund"]
    assert slugs(get(client, "event-list", actor="buero", role="speaker")) == ["bund"]
    assert slugs(get(client, "event-list", role="attendee")) == ["stadt"]
    assert slugs(get(client, "event-list", topic="afrika")) == ["stadt", "bund"]
    assert slugs(get(client, "event-list", network="ag")) == ["stadt", "bund"]
    assert slugs(get(client, "event-list", q="afrikatag")) == ["bund"]
    start = timezone.localdate(bund.start).isoformat()
    assert slugs(get(client, "event-list", start_from=start)) == ["bund"]
    assert slugs(get(client, "event-list", start_to=start)) == ["stadt", "bund"]


def test_event_detail_has_participants_and_ics_url(client):
    event = EventFactory(slug="fest", start=in_days(3))
    ParticipationFactory(actor=ActorFactory(slug="verein"), event=event, role="organiser")
    data = client.get(reverse("api:event-detail", kwargs={"slug": "fest"})).json()

    assert data["participations"][0]["actor"] == "verein"
    assert data["participations"][0]["role"] == "organiser"
    assert data["ics_url"].endswith(reverse("events:ics", kwargs={"slug": "fest"}))


def test_event_known_only_by_year_has_no_ics_url(client):
    EventFactory(slug="historisch", start=in_days(-3000), date_precision="year")
    data = client.get(reverse("api:event-detail", kwargs={"slug": "historisch"})).json()
    assert data["ics_url"] is None


# --- HTTP behaviour -------------------------------------------------------------


def test_etag_and_conditional_get_answer_304(client):
    ActorFactory(slug="verein")
    url = reverse("api:actor-list")
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]

    again = client.get(url, headers={"if-none-match": etag})

    assert again.status_code == 304
    assert again.content == b""
    assert "no-cache" in first["Cache-Control"]  # revalidate every time: cheap with the ETag


def test_every_answer_names_the_licence(client):
    ActorFactory(slug="verein")
    for url in [reverse("api:actor-list"), reverse("api:actor-detail", args=["verein"])]:
        assert client.get(url)["Link"] == '<https://www.govdata.de/dl-de/by-2-0>; rel="license"'


def test_etag_changes_when_data_changes(client):
    actor = ActorFactory(slug="verein", name="Alt")
    url = reverse("api:actor-list")
    etag = client.get(url)["ETag"]
    actor.name = "Neu"
    actor.save()

    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_cross_origin_get_is_allowed_on_the_api_only(client):
    origin = {"origin": "https://www.example.org"}
    api = client.get(reverse("api:actor-list"), headers=origin)
    page = client.get(reverse("actors:list"), headers=origin)

    assert api["Access-Control-Allow-Origin"] == "*"
    assert "Ignored-Filters" in api["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Origin" not in page


def test_api_refuses_writes(client):
    response = client.post(reverse("api:actor-list"), {"name": "x"})
    assert response.status_code == 405


def test_docs_are_self_hosted(client):
    response = client.get(reverse("api:docs"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "swagger-ui-bundle.js" in body
    assert "https://" not in body and "http://" not in body
    assert "<script>" not in body  # init script is a separate file (strict CSP)
    script = client.get(reverse("api:docs"), {"script": ""})
    assert script.status_code == 200
    assert reverse("api:schema") in script.content.decode()


def test_cors_preflight_allows_get_only(client):
    response = client.options(
        reverse("api:actor-list"),
        headers={"origin": "https://example.org", "access-control-request-method": "GET"},
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in response["Access-Control-Allow-Methods"]


def test_counts_are_remembered_but_a_new_event_counts_at_once(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    EventFactory(slug="bald", start=in_days(3), end=in_days(3) + datetime.timedelta(hours=2))
    url = reverse("api:event-list") + "?when=upcoming"
    assert client.get(url).json()["count"] == 1
    assert client.get(url + "&page_size=1").json()["count"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(slug="neu", start=in_days(4))
    assert client.get(url).json()["count"] == 2

    # Without a write, time alone ends an event: a minute later it is no longer counted.
    later = timezone.now() + datetime.timedelta(days=3, hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(url).json()["count"] == 1


# --- Counts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "table", "factory"),
    [("actor-list", "actors_actor", ActorFactory), ("event-list", "events_event", EventFactory)],
)
def test_a_whole_list_counts_from_the_kept_counts_and_a_filtered_one_counts_itself(
    client, name, table, factory
):
    factory.create_batch(3)
    factory(status="draft")

    with CaptureQueriesContext(connection) as queries:
        whole = get(client, name, page_size=2)
    assert whole.json()["count"] == 3
    assert len(slugs(whole)) == 2
    counted = [q["sql"] for q in queries if "COUNT(" in q["sql"] and table in q["sql"]]
    assert counted == []  # the count the database keeps (portal_tally), not COUNT(*)

    page_two = get(client, name, page_size=2, page=2)
    assert len(slugs(page_two)) == 1
    narrowed = get(client, name, q="nichtsdergleichen")
    assert narrowed.json()["count"] == 0
