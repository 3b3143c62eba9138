"""How every public form reads after a submit: the error summary and "Fehler: " in the title
after a failure, the status message as the target after a success, unique ids, autofill
tokens, words instead of dashes in selects, and the account pages in the portal's markup."""

import datetime
import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import ActorFactory, UserFactory
from tests.portal.html import Page

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(r'<div class="error-summary".*?</ul>', re.S)


@pytest.fixture(autouse=True)
def _no_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor_client(client):
    from allauth.account.models import EmailAddress

    user = UserFactory(email="vorstand@schule.example")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    actor = ActorFactory(slug="schule-am-see")
    actor.editors.add(user)
    client.force_login(user)
    client.actor = actor
    return client


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def summary_of(html: str) -> dict:
    block = SUMMARY.search(html)
    assert block, "no error summary on the page"
    heading = re.search(r'class="error-summary__title">(.*?)</h2>', block.group(0)).group(1)
    return {
        "count": int(re.search(r"\d+", heading).group(0)),
        "items": re.findall(r"<li>", block.group(0)),
        "targets": re.findall(r'<a href="#([^"]+)"', block.group(0)),
    }


def field_error_count(html: str) -> int:
    """The error messages next to the fields (outside the summary)."""
    rest = SUMMARY.sub("", html)
    lists = re.findall(r'<ul class="errorlist" id="[^"]+">(.*?)</ul>', rest, re.S)
    return sum(item.count("<li>") for item in lists)


def ids(html: str) -> Counter:
    return Counter(attrs["id"] for _tag, attrs in Page(html).tags if attrs.get("id"))


PUBLIC_FORMS = {
    "feedback": lambda: reverse("pages:accessibility"),
    "submission": lambda: reverse("selfservice:submit"),
    "login": lambda: reverse("account_login"),
    "login-code": lambda: reverse("account_request_login_code"),
    "password-reset": lambda: reverse("account_reset_password"),
    "signup": lambda: reverse("account_signup"),
}
EDITOR_FORMS = {
    "edit-profile": lambda a: reverse("selfservice:edit", kwargs={"slug": a.slug}),
    "propose-event": lambda a: reverse("selfservice:events", kwargs={"slug": a.slug}),
    "editors": lambda a: reverse("selfservice:editors", kwargs={"slug": a.slug}),
    "claim": lambda a: reverse("selfservice:claim", kwargs={"slug": ActorFactory().slug}),
    "my-data": lambda a: reverse("selfservice:my_data"),
}


def failed_pages(editor_client):
    anonymous = Client()
    for name, url in PUBLIC_FORMS.items():
        yield name, anonymous.post(url(), {}).content.decode()
    for name, url in EDITOR_FORMS.items():
        yield name, editor_client.post(url(editor_client.actor), {}).content.decode()


# --- after a failed submit ------------------------------------------------------------


def test_every_failed_form_opens_with_a_summary_linking_each_error_to_its_input(editor_client):
    for name, html in failed_pages(editor_client):
        summary = summary_of(html)
        errors = field_error_count(html)
        assert errors > 0, name
        assert summary["count"] == len(summary["items"]) == errors, name
        assert len(summary["targets"]) == errors, name
        present = ids(html)
        missing = [target for target in summary["targets"] if not present[target]]
        assert missing == [], f"{name}: summary links to nothing: {missing}"
        # The summary is the first thing in the form: before its first field.
        assert html.index('class="error-summary"') < html.index('class="form-field'), name


def test_every_failed_form_says_error_first_in_the_page_title(editor_client):
    for name, html in failed_pages(editor_client):
        assert title(html).startswith("Fehler: "), f"{name}: {title(html)}"


def test_english_failed_form_title_starts_with_the_english_error_prefix(client):
    with translation.override("en"):
        url = reverse("account_login")
        prefix = gettext("Fehler:") + " "
    html = client.post(url, {}).content.decode()
    assert title(html).startswith(prefix)
    assert '<html lang="en">' in html


def test_forms_shown_for_the_first_time_and_forgiving_filters_have_no_error_title(client):
    assert not title(client.get(reverse("account_login")).content.decode()).startswith("Fehler")
    # Unknown filter values are explained in a notice, never treated as a failed form.
    html = client.get(reverse("actors:list") + "?sdg=99&stadtteil=atlantis").content.decode()
    assert not title(html).startswith("Fehler")
    assert 'class="error-summary"' not in html


def test_errors_about_the_whole_form_are_in_the_summary_too(client, settings):
    settings.SELFSERVICE_RATE_LIMIT = 1
    client.post(reverse("selfservice:submit"), {})
    response = client.post(reverse("selfservice:submit"), {})  # over the limit: form-wide
    assert response.status_code == 429
    html = response.content.decode()
    summary = summary_of(html)
    errors = field_error_count(html)
    assert "sehr viele Einsendungen" in SUMMARY.search(html).group(0)
    # The form-wide error is listed (as text: it has no field) besides every field error.
    assert summary["count"] == len(summary["items"]) == errors + 1
    assert len(summary["targets"]) == errors
    assert title(html).startswith("Fehler: ")


def test_no_id_appears_twice_on_any_failed_form(editor_client):
    for name, html in failed_pages(editor_client):
        doubled = [value for value, count in ids(html).items() if count > 1]
        assert doubled == [], f"{name}: duplicate ids {doubled}"


def test_inputs_point_to_their_error_and_help_texts_that_exist(editor_client):
    for name, html in failed_pages(editor_client):
        page = Page(html)
        present = ids(html)
        for _tag, attrs in page.tags:
            for target in attrs.get("aria-describedby", "").split():
                assert present[target] == 1, f"{name}: aria-describedby -> #{target}"


# --- after a successful submit --------------------------------------------------------


def test_successful_feedback_opens_the_page_at_the_focusable_status_message(client):
    response = client.post(
        reverse("pages:accessibility"), {"message": "Der Kontrast ist zu schwach.", "homepage": ""}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#meldung")
    html = client.get(response["Location"]).content.decode()
    region = Page(html).find_all("div", id="meldung")
    assert region and region[0]["tabindex"] == "-1" and region[0]["role"] == "status"
    assert "Vielen Dank!" in html


def test_every_successful_post_with_a_message_redirects_to_the_message(editor_client):
    actor = editor_client.actor
    response = editor_client.post(
        reverse("selfservice:editors", kwargs={"slug": actor.slug}), {"email": "neu@example.org"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("selfservice:editors", kwargs={"slug": actor.slug}) + (
        "#meldung"
    )


def test_redirects_without_a_message_and_admin_redirects_keep_their_address(client, staff_user):
    # A GET redirect (login required) names no message.
    response = client.get(reverse("selfservice:my_profiles"))
    assert response.status_code == 302 and "#" not in response["Location"]
    # The admin shows its messages in its own list.
    client.force_login(staff_user)
    staff_user.is_superuser = True
    staff_user.save()
    actor = ActorFactory()
    response = client.post(reverse("admin:actors_actor_delete", args=[actor.pk]), {"post": "yes"})
    assert response.status_code == 302 and "#" not in response["Location"]


# --- autofill, selects, account pages ---------------------------------------------------


def test_personal_data_fields_carry_their_autofill_tokens(editor_client):
    claim = Client()
    claim.force_login(UserFactory())
    claim_html = claim.get(
        reverse("selfservice:claim", kwargs={"slug": ActorFactory().slug})
    ).content.decode()
    submit_html = Client().get(reverse("selfservice:submit")).content.decode()
    feedback_html = Client().get(reverse("pages:accessibility")).content.decode()

    def token(html, name):
        inputs = [attrs for tag, attrs in Page(html).tags if attrs.get("name") == name]
        return inputs[0].get("autocomplete")

    assert token(claim_html, "name") == "name"
    assert token(submit_html, "street") == "address-line1"  # one line: never street-address
    assert token(submit_html, "postal_code") == "postal-code"
    assert token(submit_html, "city") == "address-level2"
    assert token(submit_html, "submitter_name") == "name"
    assert token(submit_html, "submitter_email") == "email"
    assert token(submit_html, "contact_person") == "name"
    assert token(submit_html, "name") == "organization"
    assert token(feedback_html, "name") == "name"
    assert token(feedback_html, "email") == "email"
    invitation = editor_client.get(
        reverse("selfservice:editors", kwargs={"slug": editor_client.actor.slug})
    ).content.decode()
    # Someone else's address: the browser must not fill in the user's own.
    assert token(invitation, "email") == "off"


def first_option(html: str, name: str) -> str:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.search(r"<option[^>]*>(.*?)</option>", select, re.S).group(1)


def test_selects_offer_words_instead_of_dashes_as_their_empty_choice(editor_client):
    submit_html = Client().get(reverse("selfservice:submit")).content.decode()
    events_html = editor_client.get(
        reverse("selfservice:events", kwargs={"slug": editor_client.actor.slug})
    ).content.decode()
    assert first_option(submit_html, "kind") == "Bitte wählen"  # required
    assert first_option(submit_html, "district") == "Keine Angabe"  # optional
    assert first_option(events_html, "level") == "Bitte wählen"
    assert "---------" not in submit_html + events_html


def test_login_keeps_password_label_and_input_together_and_links_the_reset_after_the_form(
    client,
):
    html = client.get(reverse("account_login")).content.decode()
    reset = reverse("account_reset_password")
    between = html[html.index('id="id_login"') : html.index('name="password"')]
    assert reset not in between
    assert html.index(f'href="{reset}"') > html.index("</form>", html.index('name="password"'))


@pytest.mark.parametrize(
    "route", ["account_reset_password", "account_signup", "account_request_login_code"]
)
def test_account_forms_use_the_portal_field_partial_and_error_summary(client, route):
    html = client.post(reverse(route), {}).content.decode()
    assert 'class="error-summary"' in html
    assert 'class="form-field form-field--error"' in html
    # Visible labels, not only allauth's placeholders.
    for _tag, attrs in Page(html).tags:
        if _tag == "input" and attrs.get("type") in ("email", "password", "text"):
            assert Page(html).find_all("label", **{"for": attrs["id"]}), attrs["name"]


def test_lockout_page_links_to_the_password_reset_it_recommends(client, settings, staff_user):
    settings.AXES_ENABLED = True
    for _ in range(5):  # axes locks at the fifth failure
        response = client.post(
            reverse("account_login"), {"login": staff_user.email, "password": "falsch"}
        )
    assert response.status_code == 429
    html = response.content.decode()
    assert "setzen Sie Ihr Passwort zurück" in html
    assert f'<a href="{reverse("account_reset_password")}">' in html


# --- machine-readable dates --------------------------------------------------------------


def test_time_elements_carry_no_microseconds(client):
    from events.models import DatePrecision
    from pages.models import Page as PageText
    from pages.models import PageKey
    from tests.factories import EventFactory

    start = datetime.datetime(2031, 5, 4, 10, 0, 0, 123456, tzinfo=datetime.UTC)
    event = EventFactory(start=start, end=start + datetime.timedelta(hours=2))
    assert event.date_precision == DatePrecision.DATETIME
    PageText.objects.filter(key=PageKey.IMPRINT).update(
        updated=datetime.datetime(2031, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.UTC)
    )
    pages = [
        client.get(event.get_absolute_url()).content.decode(),
        client.get(reverse("pages:imprint")).content.decode(),
    ]
    values = [v for html in pages for v in re.findall(r'<time datetime="([^"]+)"', html)]
    assert values
    assert all(not re.search(r"\.\d{4,}", value) for value in values), values
