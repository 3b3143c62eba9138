"""Layout checks axe does not make: the menu button and the site name at 320 px, long words
with enlarged text spacing (WCAG 1.4.10, 1.4.12), headings at 200 % zoom (1.4.4), "current"
markers in forced colours, the month on a phone without a hidden weekend, and landmarks
that are unique."""

import datetime

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_no_horizontal_scroll, describe_violations

NARROW = {"width": 320, "height": 640}

# WCAG 1.4.12's text spacing, applied to everything (the bookmarklet testers use).
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

OVERLAP = """([a, b]) => {
  const r = a.getBoundingClientRect(), s = b.getBoundingClientRect();
  return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
}"""


def narrow_page(new_context, **kwargs):
    # bypass_csp: the text-spacing style is injected inline, which the portal's CSP forbids.
    return new_context(viewport=NARROW, is_mobile=True, bypass_csp=True, **kwargs).new_page()


def test_menu_button_never_covers_the_site_name_at_320_px(new_context, portal_data):
    page = narrow_page(new_context)
    for spacing in (False, True):
        page.goto(reverse("pages:home"))
        if spacing:
            page.add_style_tag(content=TEXT_SPACING)
        name = page.locator(".brand__text")
        button = page.get_by_role("navigation", name="Hauptnavigation").get_by_role("button")
        expect(button).to_be_visible()
        for state in ("closed", "open"):
            overlap = page.evaluate(OVERLAP, [name.element_handle(), button.element_handle()])
            assert not overlap, f"the menu button covers the site name ({state}, {spacing=})"
            assert_no_horizontal_scroll(page, NARROW["width"])
            if state == "closed":
                button.click()
                expect(button).to_have_attribute("aria-expanded", "true")


def test_long_words_in_an_actor_heading_wrap_with_enlarged_text_spacing(new_context, portal_data):
    from tests.factories import ActorFactory

    actor = ActorFactory(
        name="Entwicklungszusammenarbeitsförderverein Ludwigsburg-Oßweil",
        slug="entwicklungszusammenarbeit",
    )
    page = narrow_page(new_context)
    page.goto(actor.get_absolute_url())
    page.add_style_tag(content=TEXT_SPACING)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(actor.name)
    # Nothing of the heading runs out of its box or out of the page.
    assert heading.evaluate("h => h.scrollWidth <= h.clientWidth"), "the <h1> overflows"
    box = heading.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    assert_no_horizontal_scroll(page, NARROW["width"])


def test_headings_grow_with_the_zoom(new_context, portal_data):
    """200 % zoom of a 1280 px window is a 640 CSS px viewport: the heading keeps its CSS
    size there, so on screen it is twice as large (a vw-based size would shrink)."""
    sizes = {}
    for width in (1280, 640):
        page = new_context(viewport={"width": width, "height": 800}).new_page()
        page.goto(portal_data.school.get_absolute_url())
        sizes[width] = page.evaluate(
            "['h1', 'h2'].map(t => parseFloat(getComputedStyle(document.querySelector("
            "'main ' + t)).fontSize))"
        )
    assert sizes[640] == sizes[1280], sizes


# The properties forced colours keep (backgrounds and shadows are replaced).
SHAPE = """el => {
  const s = getComputedStyle(el);
  return [s.textDecorationLine, s.textDecorationThickness, s.borderTopWidth,
          s.borderBottomWidth, s.borderTopStyle, s.borderBottomStyle,
          s.outlineStyle, s.outlineWidth].join(' ');
}"""


def test_current_markers_keep_a_shape_in_forced_colours(page, portal_data):
    """Current page in the navigation, the current language, the current page number and
    today in the calendar look different from their neighbours without any colour."""
    from tests.factories import ActorFactory

    ActorFactory.create_batch(30)  # a second directory page, for the pagination
    page.emulate_media(forced_colors="active")
    markers = {
        reverse("actors:list"): [
            (".main-nav a[aria-current=page]", ".main-nav a:not([aria-current])"),
            (".language-switcher a[aria-current]", ".language-switcher a:not([aria-current])"),
            (".pagination a[aria-current]", ".pagination li > a:not([aria-current]):not([rel])"),
        ],
        reverse("events:calendar"): [
            (".calendar__day--today", ".calendar__day:not(.calendar__day--today)"),
            (".subnav a[aria-current=page]", ".subnav a:not([aria-current])"),
        ],
    }
    problems = []
    for url, pairs in markers.items():
        page.goto(url)
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        for current, other in pairs:
            expect(page.locator(current).first).to_be_visible()
            shape = page.locator(current).first.evaluate(SHAPE)
            if shape == page.locator(other).first.evaluate(SHAPE):
                problems.append(f"{url}: {current} looks like {other} ({shape})")
    assert not problems, "\n".join(problems)


def test_month_on_a_phone_is_a_list_that_shows_the_weekend(new_context, portal_data):
    from tests.factories import EventFactory

    today = timezone.localdate()
    first = today.replace(day=1)
    saturday = first + datetime.timedelta(days=(5 - first.weekday()) % 7)
    sunday = saturday + datetime.timedelta(days=1)
    for day, title in ((saturday, "Weltladen-Samstag"), (sunday, "Sonntagsbrunch fair")):
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))
        EventFactory(title=title, start=start, end=start + datetime.timedelta(hours=2))

    page = new_context(viewport=PHONE, is_mobile=True).new_page()
    page.goto(reverse("events:calendar"))
    expect(page.locator("table.calendar")).to_be_hidden()
    days = page.locator(".calendar-list")
    expect(days).to_be_visible()
    for title in ("Weltladen-Samstag", "Sonntagsbrunch fair"):
        expect(days.get_by_role("link", name=title)).to_be_visible()
    expect(days.get_by_role("heading", level=3).first).to_contain_text(", ")  # "Samstag, …"
    assert_no_horizontal_scroll(page, PHONE["width"])

    # On a wide screen the week table is back and the list is gone.
    wide = new_context().new_page()
    wide.goto(reverse("events:calendar"))
    expect(wide.locator("table.calendar")).to_be_visible()
    expect(wide.locator(".calendar-list")).to_be_hidden()


def test_landmarks_are_unique_on_every_kind_of_page(page, portal_data):
    """axe's landmark rules are best practice, outside the WCAG tags the audit runs: here
    they run on their own. The home page also has no named regions left at all."""
    axe = Axe()
    options = {
        "runOnly": {"type": "rule", "values": ["landmark-unique", "landmark-no-duplicate-main"]}
    }
    problems = []
    for url in (
        reverse("pages:home"),
        portal_data.school.get_absolute_url(),
        portal_data.event.get_absolute_url(),
        reverse("events:calendar"),
        reverse("pages:accessibility"),
    ):
        page.goto(url)
        violations = axe.run(page, options=options).response["violations"]
        if violations:
            problems.append(f"{url}:\n{describe_violations(violations)}")
    page.goto(reverse("pages:home"))
    expect(page.get_by_role("region")).to_have_count(0)
    assert not problems, "\n".join(problems)
