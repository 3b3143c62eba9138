"""No secret ever reaches the staff admin.

Real secrets are created the way an attacker would trigger them (password reset and
login code for a superuser and for an association, through allauth's own views, with
the durable queue of production), a user has a live session, and then a member of the
Koordinationsstelle walks every admin page they can open. None of them may show a
reset key, a login code or a session key: with any of these, staff could log in as
somebody else (a superuser included).
"""

import re

import pytest
from django.contrib import admin
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET_KEY = re.compile(r"/password/reset/key/(?P<uid>[0-9a-z]+)-(?P<key>[0-9a-z]+-[0-9a-f]+)/")
LOGIN_CODE = re.compile(r"^\s*([A-Z0-9][A-Z0-9-]{4,14})\s*$", re.MULTILINE)


@pytest.fixture
def fresh_cache():
    cache.clear()  # allauth's own request limits live in the cache
    yield
    cache.clear()


def request_secrets(email: str, capture) -> None:
    """Ask for a password reset and a login code for ``email``, each from a fresh browser."""
    with capture(execute=True):
        response = Client().post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302
    with capture(execute=True):
        response = Client().post(reverse("account_request_login_code"), {"email": email})
    assert response.status_code == 302


def reachable_admin_pages(client) -> dict[str, str]:
    """Body of every admin page ``client`` may open: the index, each registered model's
    changelist, and the change and history view of every existing row."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        changelist = reverse(f"{prefix}_changelist")
        urls.append(changelist)
        if client.get(changelist).status_code != 200:
            continue  # not for this user (403): nothing to walk
        for pk in model._default_manager.values_list("pk", flat=True):
            urls.append(reverse(f"{prefix}_change", args=[pk]))
            urls.append(reverse(f"{prefix}_history", args=[pk]))
    pages = {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            pages[url] = response.content.decode()
    return pages


def secrets_in(outbox) -> list[str]:
    found = []
    for message in outbox:
        for match in RESET_KEY.finditer(message.body):
            key = match.group("key")
            found += [key, key.rsplit("-", 1)[-1]]  # the key, and its hash on its own
        if "code" in message.subject.lower() or "Code" in message.body:
            found += LOGIN_CODE.findall(message.body)
    return found


def test_staff_never_see_a_reset_key_login_code_or_session_key_in_the_admin(
    worker, fresh_cache, staff_client, django_capture_on_commit_callbacks
):
    superuser = UserFactory(
        username="it-administration",
        email="it-administration@ludwigsburg.example",
        is_staff=True,
        is_superuser=True,
    )
    association = UserFactory(username="weltladen", email="vorstand@weltladen.example")
    request_secrets(superuser.email, django_capture_on_commit_callbacks)
    request_secrets(association.email, django_capture_on_commit_callbacks)
    browser = Client()
    browser.force_login(association)
    session_key = browser.session.session_key

    # While the mails wait in the queue …
    pages = {f"queued {url}": body for url, body in reachable_admin_pages(staff_client).items()}
    worker()
    # … and after the worker delivered them.
    pages |= {f"sent {url}": body for url, body in reachable_admin_pages(staff_client).items()}

    secrets = secrets_in(mail.outbox)
    resets = [m for m in mail.outbox if RESET_KEY.search(m.body)]
    assert len(resets) == 2, [m.subject for m in mail.outbox]
    assert len(secrets) == 2 * 2 + 2, secrets  # two keys (with their hashes), two codes
    secrets.append(session_key)
    assert len(pages) > 20  # the walk really reached the admin
    leaks = [(page, secret) for page, body in pages.items() for secret in secrets if secret in body]
    assert leaks == []


def test_staff_never_see_an_invitation_or_confirmation_link_in_the_admin(staff_client):
    """The link in an invitation or a sign-up confirmation mail is the secret that
    opens it: staff see who was invited and whether it was accepted, never the code."""
    from actors.models import Actor
    from selfservice.models import EditorInvitation, Submission
    from selfservice.services import invitation_create
    from tests.factories import ActorFactory

    actor = ActorFactory(name="Weltladen Oßweil")
    invitation = invitation_create(actor=actor, email="neu@weltladen.example", by=None)
    submission = Submission.objects.create(
        actor=ActorFactory(status="pending"),
        submitter_name="Amara",
        submitter_email="amara@example.org",
        consent_at=actor.created,
        confirmed_at=actor.created,
    )
    pages = reachable_admin_pages(staff_client)
    for model in (EditorInvitation, Submission, Actor):
        add = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        response = staff_client.get(add)
        if response.status_code == 200:
            pages[add] = response.content.decode()
    assert reverse("admin:selfservice_editorinvitation_change", args=[invitation.pk]) in pages
    assert reverse("admin:selfservice_submission_change", args=[submission.pk]) in pages
    leaks = [
        page
        for page, body in pages.items()
        for secret in (invitation.token, submission.token)
        if secret in body
    ]
    assert leaks == []
    # Nor a freshly made code on the empty invitation form, which would become the
    # link of the invitation staff are about to send.
    add_page = pages[reverse("admin:selfservice_editorinvitation_add")]
    assert not re.search(r'class="readonly">[A-Za-z0-9_-]{40,}<', add_page)
