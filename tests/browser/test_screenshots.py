"""Screenshots of the main pages at desktop (1280×800) and phone (360×740) size.

``make screenshots`` sets SCREENSHOTS_DIR=docs/screenshots and keeps the files for the
README (``<page>-desktop.png``, ``<page>-phone.png``, the viewport only). In
``make test-browser`` they go to a temporary directory; the test still checks that each
page renders, fits the width and yields a real image.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from seeding.demo import generate_demo
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import assert_no_horizontal_scroll

# File name stems; they differ from the design engineer's home-*.png and directory-*.png in
# the same folder (taken at another height), so neither overwrites the other.
PAGES = {
    "start": lambda d: reverse("pages:home"),
    "actors": lambda d: reverse("actors:list"),
    "actor": lambda d: d.school.get_absolute_url(),
    "events": lambda d: reverse("events:list"),
    "network": lambda d: reverse("atlas:network"),
    "partner-countries": lambda d: reverse("atlas:world_map"),
    "submission": lambda d: reverse("selfservice:submit"),
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


@pytest.mark.parametrize("size", SIZES)
def test_main_pages_screenshots(new_context, portal_data, screenshots_dir, size):
    # Some fictional actors and events (seeded, so the pictures are stable) fill the lists.
    generate_demo(actors=24, events=12)
    viewport = SIZES[size]
    page = new_context(viewport=viewport, is_mobile=size == "phone").new_page()
    for name, build in PAGES.items():
        response = page.goto(build(portal_data))
        assert response.status == 200, f"{name}: HTTP {response.status}"
        page.wait_for_load_state("networkidle")
        assert_no_horizontal_scroll(page, viewport["width"])
        if name in SCROLL_TO:
            page.locator(SCROLL_TO[name]).first.evaluate(
                "el => window.scrollTo({top: el.getBoundingClientRect().top + window.scrollY - 16,"
                " behavior: 'instant'})"
            )
        path = screenshots_dir / f"{name}-{size}.png"
        page.screenshot(path=path, animations="disabled", caret="hide")
        with Image.open(path) as image:
            assert image.size == (viewport["width"], viewport["height"])
            # Not a blank page: more than a handful of colours are on it.
            assert len(image.convert("RGB").getcolors(maxcolors=100_000) or range(100_000)) > 16
