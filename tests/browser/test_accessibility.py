"""axe-core on every public page type and every public form (also after a failed submit),
in German and English: zero violations of WCAG 2.1 A/AA rules (BITV 2.0). Every page is
also loaded under the third-party request guard (conftest)."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, broken_id_references, describe_violations

LANGUAGES = ["de", "en"]

# Page type -> URL, built inside the language so English pages get their /en/ prefix.
PAGES = {
    "home": lambda d: reverse("pages:home"),
    "directory": lambda d: reverse("actors:list"),
    "directory-results": lambda d: reverse("actors:list") + "?q=Schulen&sdg=4",
    "directory-empty": lambda d: reverse("actors:list") + "?q=Quantenchromodynamik",
    "actor": lambda d: d.school.get_absolute_url(),
    "networks": lambda d: reverse("networks:list"),
    "network": lambda d: d.network.get_absolute_url(),
    "events": lambda d: reverse("events:list"),
    "event-archive": lambda d: reverse("events:archive"),
    "calendar": lambda d: reverse("events:calendar"),
    "event": lambda d: d.event.get_absolute_url(),
    "office": lambda d: reverse("pages:office"),
    "imprint": lambda d: reverse("pages:imprint"),
    "privacy": lambda d: reverse("pages:privacy"),
    "accessibility-statement": lambda d: reverse("pages:accessibility"),
    "easy-language": lambda d: reverse("pages:easy_language"),
    "network-picture": lambda d: reverse("atlas:network"),
    "network-picture-filtered": lambda d: reverse("atlas:network") + f"?netzwerk={d.network.slug}",
    "network-picture-empty": lambda d: reverse("atlas:network") + "?stadtteil=poppenweiler",
    "world-map": lambda d: reverse("atlas:world_map"),
    "submission-form": lambda d: reverse("selfservice:submit"),
    "login": lambda d: reverse("account_login"),
    "login-code": lambda d: reverse("account_request_login_code"),
    "password-reset": lambda d: reverse("account_reset_password"),
}

# Forms that validate on the server (GET filters explain values they did not understand).
INVALID_FILTERS = {
    "directory-invalid-filters": lambda d: reverse("actors:list") + "?sdg=99&stadtteil=atlantis",
    "events-invalid-filters": lambda d: reverse("events:list") + "?ebene=mond&thema=%3Cb%3E",
    "network-invalid-filters": lambda d: reverse("atlas:network") + "?ebene=mond&sdg=99",
    "world-map-invalid-filters": lambda d: reverse("atlas:world_map") + "?sdg=99&thema=%3Cb%3E",
}
# POST forms submitted empty; the page must then show its errors accessibly too.
EMPTY_SUBMITS = {
    "accessibility-feedback": lambda d: reverse("pages:accessibility"),
    "submission-form": lambda d: reverse("selfservice:submit"),
    "login": lambda d: reverse("account_login"),
    "login-code": lambda d: reverse("account_request_login_code"),
    "password-reset": lambda d: reverse("account_reset_password"),
}

# An association's pages after login (editor of the school), and their forms sent with a
# required field left empty: (URL, CSS selector of the form, field to empty first).
EDITOR_PAGES = {
    "my-profiles": lambda d: reverse("selfservice:my_profiles"),
    "edit-profile": lambda d: reverse("selfservice:edit", kwargs={"slug": d.school.slug}),
    "propose-event": lambda d: reverse("selfservice:events", kwargs={"slug": d.school.slug}),
    "editors": lambda d: reverse("selfservice:editors", kwargs={"slug": d.school.slug}),
    "claim-form": lambda d: reverse("selfservice:claim", kwargs={"slug": d.shop.slug}),
    "my-data": lambda d: reverse("selfservice:my_data"),
    "e-mail-addresses": lambda d: reverse("account_email"),
}
EDITOR_EMPTY_SUBMITS = {
    "edit-profile": ("edit-profile", "main form:has([name=teaser])", "[name=name]"),
    "propose-event": ("propose-event", "main form:has([name=title])", None),
    "editors": ("editors", "main form:has([name=email])", None),
    "claim-form": ("claim-form", "main form:has([name=message])", None),
    "my-data": ("my-data", "main form:has([name=confirm])", None),
}


def url_in(language, build, data) -> str:
    with translation.override(language):
        return build(data)


# One test per language walks all pages (instead of one test per page): each browser test
# pays for a database flush and fresh data, and a failure lists every page at once.


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_has_no_wcag_violations(page, portal_data, language):
    problems = []
    for page_type, build in PAGES.items():
        response = page.goto(url_in(language, build, portal_data))
        if response.status != 200:
            problems.append(f"{page_type}: HTTP {response.status} for {page.url}")
            continue
        expect(page.locator("html")).to_have_attribute("lang", language)
        problems += axe_problems(page, page_type)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_form_in_its_error_state_has_no_wcag_violations(page, portal_data, language):
    problems = []
    for form, build in INVALID_FILTERS.items():
        page.goto(url_in(language, build, portal_data))
        # The notice that names the filter values that were not understood.
        expect(page.locator("main [role=status]").first).to_be_visible()
        problems += axe_problems(page, form)
    for form, build in EMPTY_SUBMITS.items():
        page.goto(url_in(language, build, portal_data))
        post_form = page.locator("main form[method=post]").first
        # Whether or not a form carries `novalidate`, the server must answer it empty.
        post_form.evaluate("form => { form.noValidate = true; }")
        with page.expect_navigation():
            post_form.locator("[type=submit]").first.click()
        expect(page.locator("main [role=alert], main .errorlist").first).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", language)
        problems += axe_problems(page, f"{form} after an empty submit")
    assert not problems, "\n".join(problems)


def log_in(context, live_server, user) -> None:
    """Give the browser the session cookie of a logged-in ``user`` (the login form itself
    is covered by the association journey)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


@pytest.fixture
def editor_page(context, live_server, portal_data):
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    user = UserFactory(username="vorstand", email="vorstand@schule.example")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    portal_data.school.editors.add(user)
    log_in(context, live_server, user)
    return context.new_page()


@pytest.mark.parametrize("language", LANGUAGES)
def test_association_pages_and_their_forms_have_no_wcag_violations(
    editor_page, portal_data, language
):
    page = editor_page
    problems = []
    for name, build in EDITOR_PAGES.items():
        response = page.goto(url_in(language, build, portal_data))
        if response.status != 200 or "/konto/login" in page.url:
            problems.append(f"{name}: HTTP {response.status} at {page.url}")
            continue
        problems += axe_problems(page, name)
    for form, (name, selector, emptied) in EDITOR_EMPTY_SUBMITS.items():
        page.goto(url_in(language, EDITOR_PAGES[name], portal_data))
        post_form = page.locator(selector).first
        if emptied:
            post_form.locator(emptied).fill("")
        post_form.evaluate("form => { form.noValidate = true; }")
        with page.expect_navigation():
            post_form.locator("[type=submit]").last.click()
        expect(page.locator("main [role=alert], main .errorlist").first).to_be_visible()
        problems += axe_problems(page, f"{form} after submitting it incomplete")
    assert not problems, "\n".join(problems)


def test_not_found_page_has_no_wcag_violations(page, portal_data):
    response = page.goto(reverse("actors:detail", kwargs={"slug": "gibt-es-nicht"}))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert not axe_problems(page, "404"), axe_problems(page, "404")


def axe_problems(page, label) -> list[str]:
    problems = []
    violations = axe_violations(page)
    if violations:
        problems.append(f"{label} ({page.url}):\n{describe_violations(violations)}")
    problems += [f"{label} ({page.url}): {broken}" for broken in broken_id_references(page)]
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_reflows_at_320_px_without_sideways_scrolling(
    new_context, portal_data, language
):
    """WCAG 1.4.10 Reflow: content at 320 CSS px wide needs no horizontal scrolling."""
    page = new_context(viewport={"width": 320, "height": 640}, is_mobile=True).new_page()
    too_wide = []
    for page_type, build in PAGES.items():
        page.goto(url_in(language, build, portal_data))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            culprits = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > 321)
                    .slice(0, 3).map(el => el.outerHTML.slice(0, 100))"""
            )
            too_wide.append(f"{page_type}: {width}px wide; e.g. {culprits}")
    assert not too_wide, "\n".join(too_wide)
