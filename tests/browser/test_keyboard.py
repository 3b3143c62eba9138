"""Keyboard only: the skip link, a visible focus indicator on everything that takes focus,
and the directory filters and the submission form reached with Tab and used without a
mouse (typing, Space on checkboxes, the file chooser, Enter on the button)."""

import io
import re

from django.core import mail
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Page, expect

# Marks the controls of a container with their position, so each Tab press can tell which
# one holds focus. Controls are what a keyboard user must be able to reach: enabled,
# rendered and not taken out of the tab order on purpose (the honeypot).
MARK_CONTROLS = """container => {
  const controls = [...container.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea'
  )].filter(el => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length
                  && !el.closest('[aria-hidden=true]'));
  controls.forEach((el, index) => { el.dataset.kbd = String(index); });
  return controls.map(el => el.name || el.textContent.trim() || el.type);
}"""

# How the focused element looks: an outline or a ring (box-shadow), on the element or on
# its ::after box (card links draw the ring around the whole card).
FOCUS_STATE = """() => {
  const el = document.activeElement;
  const shows = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                     || (s.boxShadow && s.boxShadow !== 'none');
  return {
    kbd: el.dataset.kbd ?? null,
    name: el.name || el.id || el.textContent.trim().slice(0, 40),
    tag: el.tagName,
    focusVisible: el.matches(':focus-visible'),
    indicated: shows(getComputedStyle(el)) || shows(getComputedStyle(el, '::after')),
  };
}"""


def focus_state(page: Page) -> dict:
    return page.evaluate(FOCUS_STATE)


def assert_focus_visible(state: dict) -> None:
    assert state["focusVisible"], f"{state['tag']} {state['name']!r} is not :focus-visible"
    assert state["indicated"], f"{state['tag']} {state['name']!r} has no visible focus"


def tab_through(page: Page, container: str, *, max_presses: int = 200) -> list[str]:
    """Press Tab from the top of the page until every control in ``container`` had focus
    (each showing a visible focus indicator); returns the controls' names."""
    names = page.locator(container).evaluate(MARK_CONTROLS)
    assert names, f"no controls in {container}"
    reached = set()
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        state = focus_state(page)
        if state["tag"] != "BODY":
            assert_focus_visible(state)
        if state["kbd"] is not None:
            reached.add(int(state["kbd"]))
            if len(reached) == len(names):
                return names
    missing = [name for index, name in enumerate(names) if index not in reached]
    raise AssertionError(f"not reachable with Tab in {container}: {missing}")


def tab_to(page: Page, expression: str, expected: str, *, max_presses: int = 100) -> None:
    """Press Tab until ``expression`` (about the focused element) gives ``expected``."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if page.evaluate(expression) == expected:
            return
    raise AssertionError(f"Tab never reached an element with {expression} == {expected!r}")


def test_skip_link_is_first_visible_on_focus_and_jumps_to_the_content(page, portal_data):
    page.goto(reverse("actors:list"))
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert_focus_visible(focus_state(page))
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_header_navigation_shows_focus_on_every_link(page, portal_data):
    page.goto(reverse("pages:home"))
    tab_through(page, "header")


def test_directory_filters_work_with_the_keyboard_alone(page, portal_data):
    page.goto(reverse("actors:list"))
    tab_through(page, "form.filters")

    # Start again from the top and use each control on the way.
    page.goto(reverse("actors:list"))
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Enter")
    tab_to(page, "document.activeElement.name", "q")
    page.keyboard.type("Schulen")
    tab_to(page, "document.activeElement.name", "sdg")
    page.keyboard.type("4")  # type-ahead on the closed select: "4. Hochwertige Bildung"
    expect(page.locator("select[name=sdg]")).to_have_value("4")
    tab_to(page, "document.activeElement.name", "stadtteil")
    page.keyboard.type("Egl")
    expect(page.locator("select[name=stadtteil]")).to_have_value("eglosheim")
    tab_to(page, "document.activeElement.type", "submit")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"q=Schulen"))
    results = page.locator("main .card-list")
    expect(results.get_by_role("link", name=portal_data.school.name)).to_be_visible()
    expect(results.get_by_role("link", name=portal_data.lake.name)).to_have_count(0)
    expect(results.get_by_role("link", name=portal_data.west.name)).to_have_count(0)

    # Tab on to the result and open it with Enter.
    tab_to(page, "document.activeElement.textContent.trim()", portal_data.school.name)
    assert_focus_visible(focus_state(page))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(portal_data.school.name)


def test_submission_form_can_be_filled_and_sent_with_the_keyboard_alone(page, portal_data):
    # Playwright intercepts file dialogs only once someone listens; listen from the start so
    # the interception is on long before Space opens the dialog (under load it raced).
    page.on("filechooser", lambda chooser: None)
    page.goto(reverse("selfservice:submit"))
    controls = tab_through(page, "main form[method=post]")
    assert {"name", "submitter_email", "consent", "logo"} <= set(controls)

    buffer = io.BytesIO()
    Image.new("RGB", (80, 80), (168, 67, 11)).save(buffer, format="PNG")
    typed = {
        "name": "Weltgarten Poppenweiler",
        "teaser": "Gemeinschaftsgarten mit Saatgut aus Partnerländern.",
        "submitter_name": "Ben Beispiel",
        "submitter_email": "garten@poppenweiler.example",
    }
    page.goto(reverse("selfservice:submit"))
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Enter")
    for _ in range(300):
        page.keyboard.press("Tab")
        element = page.evaluate(
            "() => ({name: document.activeElement.name, type: document.activeElement.type,"
            " value: document.activeElement.value})"
        )
        name = element["name"]
        if name in typed:
            page.keyboard.type(typed[name])
        elif name == "kind":
            page.keyboard.type("Verein")  # type-ahead on the closed select: "Verein (e.V.)"
        elif (name == "sdgs" and element["value"] == "15") or name == "consent":
            page.keyboard.press("Space")
        elif name == "logo":
            with page.expect_file_chooser() as chooser:
                page.keyboard.press("Space")
            chooser.value.set_files(
                {"name": "garten.png", "mimeType": "image/png", "buffer": buffer.getvalue()}
            )
        elif element["type"] == "submit":
            break
    expect(page.locator("select[name=kind]")).to_have_value("association")
    expect(page.locator("input[name=consent]")).to_be_checked()
    expect(page.locator("input[name=sdgs][value='15']")).to_be_checked()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(reverse("selfservice:submit_thanks"))))
    assert any("garten@poppenweiler.example" in message.to for message in mail.outbox)


def test_network_picture_nodes_are_reached_with_tab_and_opened_with_enter(page, portal_data):
    page.goto(reverse("atlas:network"))
    tab_through(page, "figure.graph svg[data-graph]")

    page.goto(reverse("atlas:network"))
    node = f"a{portal_data.school.pk}"
    tab_to(page, "document.activeElement.getAttribute('data-node')", node)
    assert_focus_visible(focus_state(page))
    # The neighbours light up (optional script) and the label shows while focused.
    expect(page.locator(f"[data-node={node}] .graph__label")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(portal_data.school.name)
    # The actor's own neighbourhood picture takes the keyboard the same way.
    tab_through(page, ".neighbourhood svg[data-graph]")


def test_world_map_country_opens_the_filtered_directory_with_the_keyboard(page, portal_data):
    page.goto(reverse("atlas:world_map"))
    tab_to(page, "document.activeElement.getAttribute('aria-label')", "Mosambik: 1 Akteur")
    assert_focus_visible(focus_state(page))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"land=mosambik"))
    results = page.locator("main .card-list")
    expect(results.get_by_role("link", name=portal_data.school.name)).to_be_visible()
