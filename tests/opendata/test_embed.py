"""Iframe embeds: pre-filtered by URL, the only framable routes; the snippet page."""

import pytest
from django.test import override_settings
from django.urls import reverse

from actors.models import ActorKind, District
from ludwigsburg_portal.publication import Level
from tests.factories import ActorFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_actor_embed_is_prefiltered_by_the_directory_parameters(client):
    ActorFactory(name="Weltladen West", kind=ActorKind.WORLD_SHOP, district=District.WEST)
    ActorFactory(name="Weltladen Ost", kind=ActorKind.WORLD_SHOP, district=District.OST)
    ActorFactory(name="Verein West", district=District.WEST)
    ActorFactory(name="Entwurf", kind=ActorKind.WORLD_SHOP, status="draft")

    response = client.get(
        reverse("opendata:embed_actors"), {"art": ActorKind.WORLD_SHOP, "stadtteil": "west"}
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "Weltladen West" in html
    assert "Weltladen Ost" not in html and "Verein West" not in html and "Entwurf" not in html


def test_event_embed_shows_upcoming_events_of_a_level(client):
    EventFactory(title="Stadtfest", level=Level.CITY)
    EventFactory(title="Bundeskonferenz", level=Level.FEDERAL)
    html = client.get(reverse("opendata:embed_events"), {"ebene": Level.CITY}).content.decode()
    assert "Stadtfest" in html and "Bundeskonferenz" not in html


def test_bad_embed_parameters_are_explained_not_fatal(client):
    response = client.get(reverse("opendata:embed_actors"), {"art": "<script>", "page": "abc"})
    assert response.status_code == 200
    assert "nicht angewendet" in response.content.decode()


def test_embeds_may_be_framed_and_other_pages_may_not(client):
    embed = client.get(reverse("opendata:embed_actors"))
    page = client.get(reverse("actors:list"))
    snippet = client.get(reverse("opendata:embed_snippet"))

    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    for response in (page, snippet):
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors *" not in response.get("Content-Security-Policy", "")


@override_settings(EMBED_FRAME_ANCESTORS=["https://www.ludwigsburg.de", "'self'"])
def test_frame_ancestors_come_from_the_setting(client):
    csp = client.get(reverse("opendata:embed_events"))["Content-Security-Policy"]
    assert "frame-ancestors https://www.ludwigsburg.de 'self'" in csp


def test_embed_links_open_the_portal_outside_the_iframe(client):
    actor = ActorFactory(name="Weltladen")
    html = client.get(reverse("opendata:embed_actors")).content.decode()
    assert '<base target="_blank">' in html
    assert actor.get_absolute_url() in html


def test_snippet_page_writes_the_iframe_code(client):
    response = client.get(
        reverse("opendata:embed_snippet"),
        {"what": "actors", "kind": ActorKind.WORLD_SHOP, "sdg": "12", "height": "500"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;iframe src=&quot;" in html or '&lt;iframe src="' in html
    assert reverse("opendata:embed_actors") + "?art=world_shop&amp;sdg=12" in html
    assert 'height="500"' in html or "height=&quot;500&quot;" in html


def test_snippet_page_rerenders_with_errors(client):
    response = client.get(reverse("opendata:embed_snippet"), {"what": "actors", "height": "5"})
    assert response.status_code == 200
    assert "iframe src" not in response.content.decode()
    assert "errorlist" in response.content.decode()
