"""Screenshots of the main pages at desktop (1280×800) and phone (360×740) size.

``actor-en`` is the office's page on the English site: its English texts, and the German
ones (without an English version yet) marked as German.

``make screenshots`` sets SCREENSHOTS_DIR=docs/screenshots and keeps the files for the
README (``<page>-desktop.png``, ``<page>-phone.png``, the viewport only). In
``make test-browser`` they go to a temporary directory; the test still checks that each
page renders, fits the width and yields a real image.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image
from playwright.sync_api import expect

from actors.models import Actor
from seeding.demo import generate_demo
from seeding.seed import OFFICE
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import assert_no_horizontal_scroll
from tests.factories import EventFactory

# File name stems; they differ from the design engineer's home-*.png and directory-*.png in
# the same folder (taken at another height), so neither overwrites the other.


def in_english(url_of):
    def build(data):
        with translation.override("en"):
            return url_of(data)

    return build


PAGES = {
    "start": lambda d: reverse("pages:home"),
    "actors": lambda d: reverse("actors:list"),
    "actor": lambda d: d.school.get_absolute_url(),
    "actor-en": in_english(lambda d: Actor.objects.get(slug=OFFICE).get_absolute_url()),
    "events": lambda d: reverse("events:list"),
    "network": lambda d: reverse("atlas:network"),
    "partner-countries": lambda d: reverse("atlas:world_map"),
    "submission": lambda d: reverse("selfservice:submit"),
    # The month: a week table on the desktop, a list of the days with events on the phone.
    "calendar": lambda d: reverse("events:calendar"),
}
SIZES = {"desktop": DESKTOP, "phone": PHONE}
# Pages whose picture is the point of the screenshot start there, not at the page's top.
SCROLL_TO = {"network": "#network-heading", "partner-countries": "main .results-count"}


@pytest.fixture
def screenshots_dir(tmp_path) -> Path:
    target = os.environ.get("SCREENSHOTS_DIR")
    directory = Path(target) if target else tmp_path
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def events_this_month() -> None:
    """A few events in the current month, one of them at the weekend, for the calendar."""
    today = timezone.localdate()
    first = today.replace(day=1)
    saturday = first + datetime.timedelta(days=(5 - first.weekday()) % 7)
    for offset, title in (
        (0, "Weltladen-Samstag: Kaffee verkosten"),
        (1, "Sonntagscafé mit fair gehandeltem Kuchen"),
        (10, "Vortrag: Lieferketten verstehen"),
    ):
        start = timezone.make_aware(
            datetime.datetime.combine(saturday + datetime.timedelta(days=offset), datetime.time(15))
        )
        EventFactory(title=title, start=start, end=start + datetime.timedelta(hours=2))


def check_screenshot(path: Path, viewport: dict) -> None:
    with Image.open(path) as image:
        assert image.size == (viewport["width"], viewport["height"])
        # Not a blank page: more than a handful of colours are on it.
        assert len(image.convert("RGB").getcolors(maxcolors=100_000) or range(100_000)) > 16


@pytest.mark.parametrize("size", SIZES)
def test_main_pages_screenshots(new_context, portal_data, screenshots_dir, size):
    # Some fictional actors and events (seeded, so the pictures are stable) fill the lists.
    generate_demo(actors=24, events=12)
    events_this_month()
    viewport = SIZES[size]
    page = new_context(viewport=viewport, is_mobile=size == "phone").new_page()
    for name, build in PAGES.items():
        response = page.goto(build(portal_data))
        assert response.status == 200, f"{name}: HTTP {response.status}"
        page.wait_for_load_state("networkidle")
        assert_no_horizontal_scroll(page, viewport["width"])
        if name == "calendar":
            # The month itself, not the filters above it.
            page.locator("#calendar-heading").evaluate(
                "h => h.scrollIntoView({block: 'start', behavior: 'instant'})"
            )
        elif name in SCROLL_TO:
            page.locator(SCROLL_TO[name]).first.evaluate(
                "el => window.scrollTo({top: el.getBoundingClientRect().top + window.scrollY - 16,"
                " behavior: 'instant'})"
            )
        path = screenshots_dir / f"{name}-{size}.png"
        page.screenshot(path=path, animations="disabled", caret="hide")
        check_screenshot(path, viewport)


@pytest.mark.parametrize("size", SIZES)
def test_failed_form_screenshot(new_context, portal_data, screenshots_dir, size):
    """The submission form sent with its name and e-mail address missing: the error summary
    (focused, in view) and the marked fields, as the reader sees them after the submit."""
    viewport = SIZES[size]
    page = new_context(viewport=viewport, is_mobile=size == "phone").new_page()
    page.goto(reverse("selfservice:submit"))
    page.locator("[name=kind]").select_option("association")
    page.locator("[name=teaser]").fill("Fairer Handel und Schulpartnerschaften in Hoheneck.")
    with page.expect_navigation():
        page.get_by_role("button", name="Eintrag absenden").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert_no_horizontal_scroll(page, viewport["width"])
    path = screenshots_dir / f"submission-errors-{size}.png"
    page.screenshot(path=path, animations="disabled", caret="hide")
    check_screenshot(path, viewport)
