"""Markup that screen-reader and zoom users rely on, checked in the HTML and CSS (the browser
tests in tests/browser/test_layout.py check the same on screen): few, uniquely named
landmarks, card headings before their date, the month also as a list of days, rem-based
heading sizes and forced-colour "current" markers."""

import datetime
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import ActorFactory, EventFactory, NetworkFactory
from tests.portal.html import Page

pytestmark = pytest.mark.django_db

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_text()
LANDMARK_TAGS = {"nav": "navigation", "aside": "complementary", "main": "main"}


@pytest.fixture
def pages(client):
    actor = ActorFactory(slug="weltladen", name="Weltladen Ludwigsburg", email="info@w.example")
    network = NetworkFactory(slug="ag-eine-welt")
    event = EventFactory(slug="fairer-fruehstueck")

    def routes():
        return [
            reverse("pages:home"),
            actor.get_absolute_url(),
            network.get_absolute_url(),
            event.get_absolute_url(),
            reverse("actors:list"),
            reverse("networks:list"),
            reverse("events:list"),
            reverse("events:calendar"),
            reverse("events:archive"),
            reverse("pages:office"),
            reverse("pages:accessibility"),
        ]

    rendered = {}
    for language in ("de", "en"):
        with translation.override(language):
            urls = routes()
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            rendered[url] = response.content.decode()
    return rendered


def landmarks(html: str) -> list[tuple[str, str]]:
    """(role, name) of the landmarks a screen reader lists; sections and forms count only
    when they are named. Names given by aria-labelledby are resolved to the heading text."""
    page = Page(html)
    texts = dict(re.findall(r'id="([^"]+)"[^>]*>([^<]*)<', html))
    found = []
    for tag, attrs in page.tags:
        name = attrs.get("aria-label") or texts.get(attrs.get("aria-labelledby", ""), "")
        role = attrs.get("role") or LANDMARK_TAGS.get(tag)
        if tag in ("section", "form") and not role and name:
            role = "region" if tag == "section" else "form"
        if role in ("navigation", "complementary", "main", "region", "form", "search"):
            found.append((role, name.strip()))
    return found


def test_no_two_landmarks_of_a_page_share_role_and_name(pages):
    for where, html in pages.items():
        doubled = [pair for pair, count in Counter(landmarks(html)).items() if count > 1]
        assert doubled == [], f"{where}: {doubled}"


def test_sections_are_plain_sections_not_named_regions(pages):
    for where, html in pages.items():
        regions = [name for role, name in landmarks(html) if role == "region"]
        assert regions == [], f"{where}: named regions {regions}"


def test_home_cards_start_with_their_heading(client):
    ActorFactory(name="Weltladen Ludwigsburg")
    EventFactory(title="Fairer Pausenverkauf")
    html = client.get(reverse("pages:home")).content.decode()
    cards = re.findall(r'<li class="card[^"]*">\s*<(\w+)', html)
    assert cards and set(cards) == {"h3"}, cards


def test_the_month_is_also_a_list_of_its_days_with_events(client):
    today = timezone.localdate()
    first = today.replace(day=1)
    sunday = first + datetime.timedelta(days=(6 - first.weekday()) % 7)
    start = timezone.make_aware(datetime.datetime.combine(sunday, datetime.time(15)))
    EventFactory(title="Sonntagscafé fair", start=start, end=start + datetime.timedelta(hours=2))
    html = client.get(reverse("events:calendar")).content.decode()
    listing = re.search(r'<ol class="calendar-list">(.*?)</ol>', html, re.S)
    assert listing, "no list layout of the month"
    assert "Sonntagscafé fair" in listing.group(1)
    assert f'<time datetime="{sunday.isoformat()}"' in listing.group(1)
    assert "Sonntag" in listing.group(1)  # the weekday is written out in the list


def test_heading_sizes_are_in_rem_and_never_depend_on_the_viewport_width():
    rules = re.findall(r"(h[1-4][^{]*)\{([^}]*)\}", CSS)
    sizes = [body for selector, body in rules if "font-size" in body]
    assert sizes
    assert not [body for body in sizes if "vw" in body], "a heading size follows the viewport"


def test_forced_colours_give_every_current_marker_a_shape():
    block = re.search(r"@media \(forced-colors: active\) \{(.*?)\n\}", CSS, re.S).group(1)
    for marker in (
        '.main-nav a[aria-current="page"]',
        '.language-switcher a[aria-current="true"]',
        '.pagination [aria-current="page"]',
        ".calendar__day--today",
    ):
        assert marker in block, marker
