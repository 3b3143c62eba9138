"""A citizen looks for a school that works on education (SDG 4) in Eglosheim, finds it with a
different word form, follows its network to a member and saves that member's event in their
own calendar: in German on a desktop, in English after switching language, and on a 360 px
phone.

Elements are found by role and accessible name, by data (actor names) or, in the shared
steps, by form field names, so one walk serves both languages.
"""

import re
from pathlib import Path

from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_no_horizontal_scroll


def find_school_and_save_event(page: Page, data, *, language: str, check_width=None) -> None:
    """From the directory to the .ics download, clicking like a visitor. ``check_width``
    is called on every page (the phone run checks for sideways scrolling)."""
    check = check_width or (lambda: None)
    with translation.override(language):
        directory_path = reverse("actors:list")
        event_path = data.event.get_absolute_url()

    # Search a different inflection of the word in the data ("Schule" -> "Schulen").
    # The directory's own search box (the header has the site-wide one).
    search = page.locator("form.filters").get_by_role("searchbox")
    search.fill("Schulen")
    search.press("Enter")
    page.wait_for_url(re.compile(re.escape(directory_path) + r"\?.*q=Schulen"))
    results = page.locator("main .card-list")
    for school in (data.school, data.west, data.lake):
        expect(results.get_by_role("link", name=school.name)).to_be_visible()
    # The world shop is found too, by the network it belongs to ("Netzwerk Faire Schulen"),
    # but after the three schools whose names match.
    expect(results.get_by_role("link").first).to_have_text(re.compile("Schule"))
    check()

    # Narrow by SDG and district; both filters stay in the (shareable) URL.
    page.locator("select[name=sdg]").select_option("4")
    page.locator("select[name=stadtteil]").select_option("eglosheim")
    page.locator("form.filters [type=submit]").click()
    page.wait_for_url(re.compile(r"sdg=4.*stadtteil=eglosheim|stadtteil=eglosheim.*sdg=4"))
    expect(page.locator("form.filters").get_by_role("searchbox")).to_have_value("Schulen")
    expect(results.get_by_role("link", name=data.school.name)).to_be_visible()
    expect(results.get_by_role("link", name=data.west.name)).to_have_count(0)
    expect(results.get_by_role("link", name=data.lake.name)).to_have_count(0)
    check()

    # The actor, its network, a fellow member, that member's event.
    results.get_by_role("link", name=data.school.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(data.school.name)
    check()
    page.get_by_role("link", name=data.network.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(data.network.name)
    check()
    page.locator("main").get_by_role("link", name=data.shop.name, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(data.shop.name)
    check()
    page.locator("main").get_by_role("link", name=data.event.title, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(data.event.title)
    expect(page).to_have_url(re.compile(re.escape(event_path) + "$"))
    check()

    # The calendar entry arrives as a download, in iCalendar format, for this event.
    with page.expect_download() as download_info:
        page.locator("main a[href$='.ics']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    content = Path(download.path()).read_text(encoding="utf-8")
    assert content.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in content
    assert data.event.title in content.replace("\r\n ", "")


def test_citizen_finds_school_by_inflected_word_filters_and_saves_event(page, portal_data):
    page.goto(reverse("pages:home"))
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Akteure"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Akteure in Ludwigsburg")
    find_school_and_save_event(page, portal_data, language="de")


def test_citizen_switches_to_english_and_stays_in_english_through_the_journey(page, portal_data):
    page.goto(reverse("pages:home"))
    # The visible switcher names the language in itself.
    page.get_by_role("navigation", name="Sprache wählen").get_by_role(
        "link", name="English"
    ).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith("/en/")
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Actors"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actors in Ludwigsburg")
    find_school_and_save_event(page, portal_data, language="en")
    # Every page on the way was the English version.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "/en/" in page.url


def test_citizen_on_a_phone_uses_the_menu_and_never_scrolls_sideways(phone_page, portal_data):
    page = phone_page
    page.goto(reverse("pages:home"))
    assert_no_horizontal_scroll(page, PHONE["width"])
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    directory_link = nav.get_by_role("link", name="Akteure")
    # On a narrow screen the navigation folds behind a menu button (without JavaScript it
    # is simply shown: see the next test).
    menu = nav.get_by_role("button")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(directory_link).to_be_hidden()
    menu.tap()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(directory_link).to_be_visible()
    box = directory_link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    directory_link.tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Akteure in Ludwigsburg")
    find_school_and_save_event(
        page,
        portal_data,
        language="de",
        check_width=lambda: assert_no_horizontal_scroll(page, PHONE["width"]),
    )


def test_phone_without_javascript_shows_the_navigation_and_fits_the_screen(
    new_context, portal_data
):
    page = new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False).new_page()
    page.goto(reverse("pages:home"))
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(nav.get_by_role("button")).to_have_count(0)
    nav.get_by_role("link", name="Akteure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Akteure in Ludwigsburg")
    assert_no_horizontal_scroll(page, PHONE["width"])
    page.goto(portal_data.school.get_absolute_url())
    assert_no_horizontal_scroll(page, PHONE["width"])
