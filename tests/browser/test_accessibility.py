"""axe-core on every public page type and every public form (also after a failed submit),
in German and English: zero violations of WCAG 2.1 A/AA rules (BITV 2.0). Every page is
also loaded under the third-party request guard (conftest)."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, describe_violations

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
    "submission-form": lambda d: reverse("selfservice:submit"),
    "claim-form": lambda d: reverse("selfservice:claim", kwargs={"slug": d.shop.slug}),
    "login": lambda d: reverse("account_login"),
    "password-reset": lambda d: reverse("account_reset_password"),
}

# Forms that validate on the server (GET filters explain values they did not understand).
INVALID_FILTERS = {
    "directory-invalid-filters": lambda d: reverse("actors:list") + "?sdg=99&stadtteil=atlantis",
    "events-invalid-filters": lambda d: reverse("events:list") + "?ebene=mond&thema=%3Cb%3E",
}
# POST forms submitted empty; the page must then show its errors accessibly too.
EMPTY_SUBMITS = {
    "accessibility-feedback": lambda d: reverse("pages:accessibility"),
    "submission-form": lambda d: reverse("selfservice:submit"),
    "claim-form": lambda d: reverse("selfservice:claim", kwargs={"slug": d.shop.slug}),
    "login": lambda d: reverse("account_login"),
    "password-reset": lambda d: reverse("account_reset_password"),
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


def axe_problems(page, label) -> list[str]:
    violations = axe_violations(page)
    if not violations:
        return []
    return [f"{label} ({page.url}):\n{describe_violations(violations)}"]
