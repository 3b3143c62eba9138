"""Every self-service page: renders, one <h1>, German by default and English under
/en/, no resource from a third-party host, no inline script or style."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from selfservice.models import EditorInvitation
from selfservice.tokens import make_reminder_token
from tests.portal.html import Page, third_party_resources

OWN_HOSTS = ("testserver", urlsplit(settings.SITE_URL).hostname)


def page_urls(actor, editor):
    invitation = EditorInvitation.objects.create(actor=actor, email="neu@example.org")
    token = make_reminder_token(actor_id=actor.pk, user_id=editor.pk)
    slug = {"slug": actor.slug}
    return {
        "anonymous": [
            reverse("selfservice:submit"),
            reverse("selfservice:submit_thanks"),
            reverse("selfservice:reminder", kwargs={"token": token}),
            reverse("selfservice:invitation", kwargs={"token": invitation.token}),
            reverse("account_login"),
            reverse("account_signup"),
            reverse("account_request_login_code"),
            reverse("account_reset_password"),
        ],
        "editor": [
            reverse("selfservice:my_profiles"),
            reverse("selfservice:edit", kwargs=slug),
            reverse("selfservice:events", kwargs=slug),
            reverse("selfservice:editors", kwargs=slug),
            reverse("selfservice:my_data"),
            reverse("selfservice:claim", kwargs=slug),
            reverse("selfservice:invitation", kwargs={"token": invitation.token}),
            reverse("account_change_password"),
            reverse("account_email"),
        ],
    }


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_pages_render_with_one_h1_and_only_own_resources(client, editor, actor_a, who):
    urls = page_urls(actor_a, editor)[who]
    if who == "editor":
        client.force_login(editor)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        page = Page(html)
        assert len(page.find_all("h1")) == 1, url
        assert '<html lang="de">' in html, url
        assert third_party_resources(html, own_hosts=OWN_HOSTS) == [], url
        assert not any(attrs.get("style") for _, attrs in page.tags), url
        assert all(
            attrs.get("type") == "application/ld+json" or attrs.get("src")
            for tag, attrs in page.tags
            if tag == "script"
        ), url


def test_submission_form_in_english(client, db):
    # override() restores the language afterwards: the request activates English in this
    # thread, which would otherwise leak into the next test.
    with translation.override("en"):
        url = reverse("selfservice:submit")
        response = client.get(url)
    assert url.startswith("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_account_mails_greet_with_the_portal_name(client, editor, mailoutbox, committed):
    with committed():
        client.post(reverse("account_request_login_code"), {"email": editor.email})
    (message,) = [m for m in mailoutbox if editor.email in m.to]
    assert "Eine-Welt-Portal Ludwigsburg" in message.body
    assert "von !" not in message.body
