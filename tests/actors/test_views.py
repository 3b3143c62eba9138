"""The public actor directory (/akteure/) and actor pages (/akteure/<slug>/)."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actors.models import ActorKind, District
from events.models import ParticipationRole
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


LIST_URL = reverse("actors:list")
UNPUBLISHED = ["draft", "pending", "archived"]


def get_list(client, **params):
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    return response


def listed(response) -> list[str]:
    return [actor.name for actor in response.context["actors"]]


def json_ld(response) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


# --- directory ------------------------------------------------------------------------


def test_directory_lists_published_actors_by_name_with_their_count(client):
    ActorFactory(name="Weltladen Ludwigsburg")
    ActorFactory(name="Aktion Eine Welt")
    response = get_list(client)
    assert listed(response) == ["Aktion Eine Welt", "Weltladen Ludwigsburg"]
    assert "2 Akteure" in response.content.decode()
    assert "sortiert nach Name" in response.content.decode()


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_actor_is_not_listed_nor_counted(client, status):
    ActorFactory(name="Sichtbar")
    ActorFactory(name="Unsichtbar", status=status)
    response = get_list(client)
    assert listed(response) == ["Sichtbar"]
    assert response.context["result_count"] == 1
    assert "Unsichtbar" not in response.content.decode()


def test_search_results_are_sorted_by_relevance_and_counted(client):
    ActorFactory(name="Bildungswerk", teaser="", description="Fairer Handel an Schulen.")
    ActorFactory(name="Fairtrade-Schule Eglosheim", teaser="", description="")
    ActorFactory(name="Kleiderkammer", teaser="", description="")
    response = get_list(client, q="Fair")
    assert listed(response) == ["Fairtrade-Schule Eglosheim", "Bildungswerk"]
    html = response.content.decode()
    assert "2 Akteure gefunden für „Fair“" in html
    assert "sortiert nach Relevanz" in html


def test_a_very_broad_search_counts_up_to_a_cap_and_says_so(client, monkeypatch):
    from ludwigsburg_portal.pagination import CappedCountPaginator

    monkeypatch.setattr(CappedCountPaginator, "cap", 3)
    for i in range(5):
        ActorFactory(name=f"Weltladen {i}")
    response = get_list(client, q="Weltladen")
    assert len(listed(response)) == 3
    assert "Mehr als 3 Akteure gefunden für „Weltladen“" in response.content.decode()


def test_kind_filter(client):
    ActorFactory(name="Weltladen", kind=ActorKind.WORLD_SHOP)
    ActorFactory(name="Verein", kind=ActorKind.ASSOCIATION)
    assert listed(get_list(client, art="world_shop")) == ["Weltladen"]


def test_topic_filter_uses_the_topic_slug(client):
    ActorFactory(name="Kaffeeverein", tags=["Fairer Handel"])
    ActorFactory(name="Wasserverein", tags=["Wasser"])
    assert listed(get_list(client, thema="fairer-handel")) == ["Kaffeeverein"]


def test_sdg_filter_uses_the_official_number(client):
    ActorFactory(name="Klimaverein", sdgs=[13])
    ActorFactory(name="Bildungsverein", sdgs=[4])
    assert listed(get_list(client, sdg="13")) == ["Klimaverein"]


def test_district_filter(client):
    ActorFactory(name="In Oßweil", district=District.OSSWEIL)
    ActorFactory(name="In Mitte", district=District.MITTE)
    assert listed(get_list(client, stadtteil="ossweil")) == ["In Oßweil"]


def test_partner_country_filter(client):
    togo = RegionFactory(name="Togo", slug="togo")
    ActorFactory(name="Togo-Verein", regions=[togo])
    ActorFactory(name="Ohne Partnerland")
    assert listed(get_list(client, land="togo")) == ["Togo-Verein"]


def test_network_filter_lists_current_members_only(client):
    network = NetworkFactory(slug="ag-eine-welt")
    MembershipFactory(network=network, actor=ActorFactory(name="Mitglied"))
    MembershipFactory(
        network=network,
        actor=ActorFactory(name="Ehemaliges Mitglied"),
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    ActorFactory(name="Kein Mitglied")
    assert listed(get_list(client, netzwerk="ag-eine-welt")) == ["Mitglied"]


def test_filters_combine_with_each_other_and_with_search(client):
    ActorFactory(name="Weltladen Oßweil", kind=ActorKind.WORLD_SHOP, district=District.OSSWEIL)
    ActorFactory(name="Weltladen Mitte", kind=ActorKind.WORLD_SHOP, district=District.MITTE)
    ActorFactory(name="Verein Oßweil", kind=ActorKind.ASSOCIATION, district=District.OSSWEIL)
    response = get_list(client, art="world_shop", stadtteil="ossweil", q="Weltladen")
    assert listed(response) == ["Weltladen Oßweil"]
    assert "1 Akteur gefunden" in response.content.decode()


def test_filter_values_are_kept_in_the_form_and_in_page_links(client):
    for i in range(25):
        ActorFactory(name=f"Weltladen {i:02d}", kind=ActorKind.WORLD_SHOP)
    html = get_list(client, art="world_shop", q="Weltladen").content.decode()
    assert '<option value="world_shop" selected>' in html
    assert 'value="Weltladen"' in html
    assert 'href="?art=world_shop&amp;q=Weltladen&amp;page=2"' in html


def test_second_page_shows_the_rest(client):
    for i in range(25):
        ActorFactory(name=f"Akteur {i:02d}")
    response = get_list(client, page="2")
    assert listed(response) == [f"Akteur {i:02d}" for i in range(20, 25)]


@pytest.mark.parametrize(("page", "first"), [("abc", "Akteur 00"), ("99999", "Akteur 20")])
def test_bad_page_number_shows_a_real_page_instead_of_an_error(client, page, first):
    for i in range(25):
        ActorFactory(name=f"Akteur {i:02d}")
    response = get_list(client, page=page)
    assert listed(response)[0] == first


@pytest.mark.parametrize(
    ("params", "label"),
    [
        ({"art": "raumschiff"}, "Art"),
        ({"thema": "gibt-es-nicht"}, "Thema"),
        ({"sdg": "99"}, "Nachhaltigkeitsziel (SDG)"),
        ({"sdg": "abc"}, "Nachhaltigkeitsziel (SDG)"),
        ({"stadtteil": "atlantis"}, "Stadtteil"),
        ({"land": "nirgendwo"}, "Partnerland / Region"),
        ({"netzwerk": "'; DROP TABLE--"}, "Netzwerk"),
        ({"land": "a\x00b"}, "Partnerland / Region"),
    ],
)
def test_unknown_filter_value_is_ignored_with_a_clear_message(client, params, label):
    ActorFactory(name="Weltladen")
    response = get_list(client, **params)
    assert listed(response) == ["Weltladen"]
    html = response.content.decode()
    assert f"Filter „{label}“" in html
    assert "wurde nicht angewendet" in html


def test_unknown_filter_is_not_carried_into_page_links(client):
    for i in range(25):
        ActorFactory(name=f"Akteur {i:02d}")
    html = get_list(client, art="raumschiff").content.decode()
    assert 'href="?page=2"' in html


def test_ten_kilobyte_search_is_answered_and_cut(client):
    ActorFactory(name="Weltladen")
    response = get_list(client, q="Weltladen " + "x" * 10_000)
    assert len(response.context["search_text"]) <= 200
    assert len(response.content) < 100_000


ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "art", "thema", "sdg", "stadtteil", "land", "netzwerk", "page"]),
        ANY_TEXT,
    )
)
def test_any_query_parameters_are_answered_without_error(client, params):
    assert client.get(LIST_URL, params).status_code == 200


def test_html_in_the_search_text_is_shown_as_text(client):
    html = get_list(client, q='<script>alert("x")</script>').content.decode()
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;" in html


def test_empty_result_explains_and_links_to_reset(client):
    ActorFactory(name="Weltladen")
    html = get_list(client, q="Raumfahrt", art="company").content.decode()
    assert "Keine Akteure gefunden" in html
    assert f'href="{LIST_URL}">alle Akteure anzeigen' in html
    assert "Alle Filter zurücksetzen" in html


def test_every_form_control_has_a_label_and_the_filters_a_legend(client):
    ActorFactory(tags=["Bildung"])
    html = get_list(client).content.decode()
    assert "<legend>" in html
    controls = re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html)
    assert {"id_q", "id_art", "id_thema", "id_sdg", "id_stadtteil", "id_land"} <= set(controls)
    for control_id in controls:
        assert f'<label for="{control_id}"' in html, control_id


def test_only_published_topics_networks_and_countries_are_offered_as_filters(client):
    ActorFactory(tags=["Öffentlich"], regions=[RegionFactory(name="Ghana", slug="ghana")])
    ActorFactory(
        status="draft", tags=["Geheim"], regions=[RegionFactory(name="Geheimland", slug="x")]
    )
    NetworkFactory(name="Entwurfsnetzwerk", status="draft")
    html = get_list(client).content.decode()
    assert "Öffentlich" in html and "Ghana" in html
    assert "Geheim" not in html
    assert "Entwurfsnetzwerk" not in html


def test_directory_works_in_english(client):
    ActorFactory(name="Weltladen")
    response = client.get("/en" + LIST_URL)
    assert response.status_code == 200
    assert listed(response) == ["Weltladen"]


# --- actor page ------------------------------------------------------------------------


def test_actor_page_shows_public_fields_topics_sdgs_and_countries(client):
    actor = ActorFactory(
        name="Partnerschaftsverein Togo",
        teaser="Schulpartnerschaften mit Togo.",
        description="Seit 1990 unterstützen wir Schulen in Kpalimé.",
        kind=ActorKind.ASSOCIATION,
        district=District.HOHENECK,
        founded_year=1990,
        website="https://togo-verein.example.org/",
        street="Seestraße 1",
        postal_code="71638",
        tags=["Bildung"],
        sdgs=[4, 17],
        regions=[RegionFactory(name="Togo", slug="togo")],
    )
    response = client.get(actor.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "<h1>Partnerschaftsverein Togo</h1>",
        "Schulpartnerschaften mit Togo.",
        "Seit 1990 unterstützen wir Schulen in Kpalimé.",
        "Verein (e.V.)",
        "Hoheneck",
        "gegründet 1990",
        "https://togo-verein.example.org/",
        "Seestraße 1",
        "71638 Ludwigsburg",
        "Bildung",
        'Ziel 4</span>: <span class="sdg__name">Hochwertige Bildung',
        'Ziel 17</span>: <span class="sdg__name">Partnerschaften zur Erreichung der Ziele',
        "Togo",
    ]:
        assert text in html, text


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_actor_page_is_not_found(client, status):
    actor = ActorFactory(status=status)
    assert client.get(actor.get_absolute_url()).status_code == 404


def test_contact_details_appear_only_when_publishing_is_allowed(client):
    hidden = ActorFactory(
        contact_person="Erika Muster",
        email="erika@example.org",
        phone="07141 123",
        contact_public=False,
        website="https://verein.example.org/",
    )
    shown = ActorFactory(
        contact_person="Max Muster", email="max@example.org", phone="07141 456", contact_public=True
    )
    hidden_html = client.get(hidden.get_absolute_url()).content.decode()
    assert "Erika Muster" not in hidden_html
    assert "erika@example.org" not in hidden_html
    assert "07141 123" not in hidden_html
    assert "https://verein.example.org/" in hidden_html
    shown_html = client.get(shown.get_absolute_url()).content.decode()
    for text in ["Max Muster", "max@example.org", "07141 456"]:
        assert text in shown_html


def test_withheld_contact_is_explained_only_when_there_is_one(client):
    withheld = ActorFactory(email="x@example.org", contact_public=False)
    nothing = ActorFactory(contact_public=False)
    hint = "veröffentlicht keine persönlichen Kontaktdaten"
    assert hint in client.get(withheld.get_absolute_url()).content.decode()
    assert hint not in client.get(nothing.get_absolute_url()).content.decode()


def test_actor_page_links_to_its_upcoming_events(client):
    actor = ActorFactory(slug="weltladen")
    ParticipationFactory(actor=actor, event=EventFactory())
    html = client.get(actor.get_absolute_url()).content.decode()
    assert f'href="{reverse("events:list")}?akteur=weltladen"' in html


def test_actor_page_lists_networks_with_role_current_and_past(client):
    actor = ActorFactory()
    MembershipFactory(
        actor=actor, network=NetworkFactory(name="Jury Kommune"), role=MembershipRole.JURY_CHAIR
    )
    MembershipFactory(
        actor=actor,
        network=NetworkFactory(name="Alter Arbeitskreis"),
        role=MembershipRole.MEMBER,
        start_date=datetime.date(2012, 1, 1),
        end_date=datetime.date(2016, 6, 30),
    )
    MembershipFactory(actor=actor, network=NetworkFactory(name="Entwurfsgremium", status="draft"))
    response = client.get(actor.get_absolute_url())
    html = response.content.decode()
    assert "Jury Kommune</a> – Juryvorsitz" in html
    assert "Frühere Mitwirkung" in html
    assert "Alter Arbeitskreis</a> – Mitglied" in html and "2012–2016" in html
    assert "Entwurfsgremium" not in html


def test_actor_page_lists_published_events_with_role(client):
    actor = ActorFactory()
    ParticipationFactory(
        actor=actor, event=EventFactory(title="Eine-Welt-Tag"), role=ParticipationRole.ORGANISER
    )
    ParticipationFactory(
        actor=actor,
        event=EventFactory(
            title="Vortrag 2019",
            start=timezone.make_aware(datetime.datetime(2019, 5, 1, 19)),
        ),
        role=ParticipationRole.SPEAKER,
    )
    ParticipationFactory(actor=actor, event=EventFactory(title="Entwurfsfest", status="draft"))
    html = client.get(actor.get_absolute_url()).content.decode()
    assert "Eine-Welt-Tag" in html and "Veranstalter" in html
    assert "Vortrag 2019" in html and "Vortrag / Podium" in html
    assert 'datetime="2019-05-01T19:00:00+02:00"' in html
    assert "Entwurfsfest" not in html


def test_related_actors_share_topics_sdgs_or_networks_and_are_published(client):
    actor = ActorFactory(name="Hauptverein", tags=["Kaffee"], sdgs=[12])
    network = NetworkFactory()
    MembershipFactory(actor=actor, network=network)
    ActorFactory(name="Kaffeefreunde", tags=["Kaffee"])
    ActorFactory(name="Konsumkritik", sdgs=[12])
    MembershipFactory(actor=ActorFactory(name="Netzwerkpartner"), network=network)
    ActorFactory(name="Ganz anders", tags=["Wasser"], sdgs=[6])
    ActorFactory(name="Entwurf mit Kaffee", tags=["Kaffee"], status="draft")
    response = client.get(actor.get_absolute_url())
    related = [other.name for other in response.context["related_actors"]]
    assert related == ["Netzwerkpartner", "Kaffeefreunde", "Konsumkritik"]
    assert "Entwurf mit Kaffee" not in response.content.decode()


def test_a_shared_unpublished_network_does_not_make_actors_related(client):
    actor = ActorFactory(name="Hauptverein", tags=["Kaffee"])
    draft = NetworkFactory(status="draft")
    MembershipFactory(actor=actor, network=draft)
    MembershipFactory(actor=ActorFactory(name="Im Entwurfsnetzwerk"), network=draft)
    ActorFactory(name="Kaffeefreunde", tags=["Kaffee"])
    response = client.get(actor.get_absolute_url())
    assert [other.name for other in response.context["related_actors"]] == ["Kaffeefreunde"]


def test_organization_json_ld_parses_and_respects_contact_privacy(client):
    actor = ActorFactory(
        name='Verein "</script><script>alert(1)</script>',
        email="geheim@example.org",
        contact_public=False,
        website="https://verein.example.org/",
    )
    response = client.get(actor.get_absolute_url())
    (data,) = json_ld(response)
    assert data["@type"] == "Organization"
    assert data["@context"] == "https://schema.org"
    assert data["name"] == actor.name
    assert data["url"].endswith(actor.get_absolute_url())
    assert "email" not in data
    assert "</script><script>" not in response.content.decode()


def test_organization_json_ld_has_contact_when_allowed(client):
    actor = ActorFactory(email="info@example.org", phone="07141 1", contact_public=True)
    (data,) = json_ld(client.get(actor.get_absolute_url()))
    assert data["email"] == "info@example.org"
    assert data["telephone"] == "07141 1"
