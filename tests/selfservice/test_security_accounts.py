"""Addresses are trusted only where their account proved them; invitations bind to
the invited address; personal pages are never cached; reminder grants expire with
their link."""

import datetime
import re
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from ludwigsburg_portal.publication import PublicationStatus
from selfservice import services
from selfservice.models import (
    Claim,
    EditorInvitation,
    EventSubmission,
    ModerationState,
    Submission,
)
from selfservice.tokens import make_reminder_token
from tests.factories import ActorFactory, EventFactory, UserFactory

from .conftest import link_in, mails_to, submission_data, verified_user

User = get_user_model()
VICTIM = "victim@example.org"
PASSWORD = "sicheres-passwort-123"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def decide(staff_client, item, committed, **data):
    url = reverse(f"admin:selfservice_{item._meta.model_name}_decide", args=[item.pk])
    with committed():
        return staff_client.post(url, data)


def submit_confirm_approve(staff_client, committed, *, email) -> Submission:
    """The victim's own double opt-in submission, approved by staff."""
    visitor = Client()
    with committed():
        visitor.post(reverse("selfservice:submit"), submission_data(submitter_email=email))
    confirm_url = link_in(mails_to(email)[-1], "/mitmachen/bestaetigen/")
    with committed():
        visitor.post(confirm_url)
    submission = Submission.objects.get(submitter_email=email)
    assert submission.state == ModerationState.PENDING
    decide(staff_client, submission, committed, approve="1")
    submission.refresh_from_db()
    assert submission.state == ModerationState.APPROVED
    return submission


def log_in_with_code(email, committed) -> Client:
    client = Client()
    with committed():
        client.post(reverse("account_request_login_code"), {"email": email})
    body = mails_to(email)[-1].body
    code = re.search(r"^\s*([A-Z0-9][A-Z0-9-]{4,14})\s*$", body, re.MULTILINE).group(1)
    assert client.post(reverse("account_confirm_login_code"), {"code": code}).status_code == 302
    return client


def session_user(client):
    return User.objects.get(pk=client.session["_auth_user_id"])


# --- Attackers who typed the victim's address into their own account -------------------


def add_as_unverified_second_address(committed):
    attacker = verified_user(email="angreifer@example.org")
    with committed():
        response = logged_in(attacker).post(
            reverse("account_email"), {"action_add": "", "email": VICTIM}
        )
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=attacker, email=VICTIM).verified is False
    return attacker


def sign_up_and_never_confirm(committed):
    with committed():
        Client().post(
            reverse("account_signup"),
            {"email": VICTIM, "password1": PASSWORD, "password2": PASSWORD},
        )
    return EmailAddress.objects.get(email=VICTIM, verified=False).user


def set_only_user_email(committed):
    # No EmailAddress at all, the address in another case: User.email alone.
    return UserFactory(username="angreifer", email="Victim@Example.ORG")


def hold_in_other_case(committed):
    attacker = verified_user(email="angreifer@example.org")
    EmailAddress.objects.create(user=attacker, email="VICTIM@example.org", verified=False)
    attacker.email = "VICTIM@example.org"
    attacker.save()
    return attacker


@pytest.mark.parametrize(
    "attack",
    [
        add_as_unverified_second_address,
        sign_up_and_never_confirm,
        set_only_user_email,
        hold_in_other_case,
    ],
)
@pytest.mark.parametrize("submitted_as", [VICTIM, "Victim@Example.org"])
def test_unverified_address_on_other_account_never_becomes_editor(
    staff_client, committed, attack, submitted_as
):
    attacker = attack(committed)

    submission = submit_confirm_approve(staff_client, committed, email=submitted_as)

    actor = Actor.objects.get(pk=submission.actor_id)
    assert not actor.editors.filter(pk=attacker.pk).exists()
    assert not EmailAddress.objects.filter(user=attacker, email__iexact=VICTIM, verified=True)
    # A fresh account holds the confirmed address, verified, and edits the profile.
    owner = submission.user
    assert owner != attacker
    assert list(actor.editors.all()) == [owner]
    assert EmailAddress.objects.get(user=owner, verified=True).email == VICTIM
    # No copy is left to verify later, in whatever case it was typed.
    assert not EmailAddress.objects.filter(user=attacker, email__iexact=VICTIM).exists()
    # The approval mail went to the submitter, whose code login lands in the new account.
    assert "freigeschaltet" in mails_to(submitted_as)[-1].subject
    victim = log_in_with_code(VICTIM, committed)
    assert session_user(victim) == owner
    assert actor.name in victim.get(reverse("selfservice:my_profiles")).content.decode()


def test_confirmed_address_already_verified_on_an_account_joins_that_account(
    staff_client, committed
):
    member = verified_user(email=VICTIM, username="mitglied")

    submission = submit_confirm_approve(staff_client, committed, email="Victim@Example.org")

    assert submission.user == member
    assert list(Actor.objects.get(pk=submission.actor_id).editors.all()) == [member]
    assert User.objects.filter(email__iexact=VICTIM).count() == 1


def test_unverified_user_email_receives_no_claim_mail(staff_client, committed):
    # The attacker's account proved only its own address; its User.email names the victim's.
    attacker = verified_user(email="angreifer@example.org")
    EmailAddress.objects.filter(user=attacker).update(primary=False)
    EmailAddress.objects.create(user=attacker, email=VICTIM, primary=True, verified=False)
    attacker.email = VICTIM
    attacker.save()
    actor = ActorFactory()
    with committed():
        logged_in(attacker).post(
            reverse("selfservice:claim", kwargs={"slug": actor.slug}),
            {"name": "A", "message": "Vorstand"},
        )
    decide(staff_client, Claim.objects.get(), committed, approve="1")

    assert mails_to(VICTIM) == []
    assert "bearbeiten" in mails_to("angreifer@example.org")[-1].subject


def test_unverified_user_email_gets_no_reminder_link(editor, actor_a, committed):
    EmailAddress.objects.filter(user=editor).update(verified=False)  # typed in, never proved
    actor_a.last_confirmed_at = timezone.now() - datetime.timedelta(days=400)
    actor_a.save()
    with committed():
        sent = services.reminders_send()
    assert sent == 0
    assert mail.outbox == []


def test_unverified_user_email_does_not_show_others_submissions(db, committed):
    with committed():
        Client().post(reverse("selfservice:submit"), submission_data(submitter_email=VICTIM))
    attacker = hold_in_other_case(committed)
    client = logged_in(attacker)

    page = client.get(reverse("selfservice:my_profiles")).content.decode()
    assert "Partnerschaft Ludwigsburg" not in page
    export = client.get(reverse("selfservice:my_data_export")).json()
    assert export["submissions"] == []
    client.post(reverse("selfservice:my_data"), {"confirm": "on"})
    assert Submission.objects.get().submitter_email == VICTIM  # not blanked by a stranger


def test_editor_with_unverified_address_does_not_block_the_invitation(
    client, editor, actor_a, committed
):
    other = UserFactory(email="neu@example.org")
    EmailAddress.objects.create(user=other, email="neu@example.org", primary=True)
    actor_a.editors.add(other)
    client.force_login(editor)
    with committed():
        client.post(
            reverse("selfservice:editors", kwargs={"slug": actor_a.slug}),
            {"email": "neu@example.org"},
        )
    assert EditorInvitation.objects.filter(email="neu@example.org").exists()


# --- Invitations bind to the invited address -------------------------------------------


@pytest.fixture
def invitation(actor_a, editor):
    return EditorInvitation.objects.create(
        actor=actor_a, email="neu@example.org", invited_by=editor
    )


def invitation_url(invitation):
    return reverse("selfservice:invitation", kwargs={"token": invitation.token})


def test_invitation_cannot_be_accepted_by_an_account_without_the_invited_address(invitation):
    stranger = logged_in(verified_user(email="fremd@example.org"))
    response = stranger.post(invitation_url(invitation), follow=True)
    assert not invitation.actor.editors.filter(email="fremd@example.org").exists()
    assert "gilt für die E-Mail-Adresse neu@example.org" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.parametrize("verified", [False, None], ids=["unverified-row", "user-email-only"])
def test_invitation_needs_the_invited_address_verified(invitation, verified):
    user = UserFactory(email="Neu@Example.org")
    if verified is not None:
        EmailAddress.objects.create(user=user, email="neu@example.org", primary=True)
    client = logged_in(user)
    page = client.get(invitation_url(invitation)).content.decode()
    assert "noch nicht bestätigt" in page
    assert "Einladung annehmen" not in page
    client.post(invitation_url(invitation))
    assert not invitation.actor.editors.filter(pk=user.pk).exists()


def test_invitation_is_accepted_by_the_account_that_verified_the_address(invitation):
    invitee = verified_user(email="Neu@Example.org")  # the case of the address does not matter
    client = logged_in(invitee)
    assert "Einladung annehmen" in client.get(invitation_url(invitation)).content.decode()
    # Back on "Meine Profile", opened at the confirmation message.
    assert (
        client.post(invitation_url(invitation)).url
        == reverse("selfservice:my_profiles") + "#meldung"
    )
    assert invitation.actor.editors.filter(pk=invitee.pk).exists()


def test_anonymous_visitor_learns_about_the_invitation_and_logs_in_back_to_it(
    invitation, committed
):
    invitee = verified_user(email="neu@example.org")
    visitor = Client()
    url = invitation_url(invitation)
    response = visitor.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert invitation.actor.name in page
    assert "neu@example.org" in page
    back = f"?next={url.replace('/', '%2F')}"
    for name in ("account_login", "account_request_login_code", "account_signup"):
        assert f'href="{reverse(name)}{back}"' in page
    # Anonymous pressing the button is sent to the login, not accepted.
    assert visitor.post(url).url.startswith(reverse("account_login"))

    with committed():
        response = visitor.post(
            reverse("account_request_login_code") + back, {"email": "neu@example.org"}
        )
    confirm_url = response.url  # the code form, still carrying the way back
    code = re.search(
        r"^\s*([A-Z0-9][A-Z0-9-]{4,14})\s*$", mails_to("neu@example.org")[-1].body, re.MULTILINE
    ).group(1)
    response = visitor.post(confirm_url, {"code": code})
    assert response.url == url + "#meldung"  # back at the invitation, at its message
    visitor.post(url)
    assert invitation.actor.editors.filter(pk=invitee.pk).exists()


# --- Personal pages are never cached ------------------------------------------------------


def private_urls(actor, editor):
    slug = {"slug": actor.slug}
    proposal = EventSubmission.objects.create(
        event=EventFactory(status=PublicationStatus.PENDING), actor=actor, submitted_by=editor
    )
    invitation = EditorInvitation.objects.create(actor=actor, email=editor.email)
    submission = Submission.objects.create(
        actor=ActorFactory(status=PublicationStatus.DRAFT),
        submitter_name="Amara",
        submitter_email="amara@example.org",
        consent_at=timezone.now(),
        state=ModerationState.UNCONFIRMED,
    )
    token = make_reminder_token(actor_id=actor.pk, user_id=editor.pk)
    return [
        reverse("selfservice:my_profiles"),
        reverse("selfservice:edit", kwargs=slug),
        reverse("selfservice:events", kwargs=slug),
        reverse("selfservice:event_edit", kwargs={**slug, "pk": proposal.pk}),
        reverse("selfservice:editors", kwargs=slug),
        reverse("selfservice:claim", kwargs=slug),
        reverse("selfservice:invitation", kwargs={"token": invitation.token}),
        reverse("selfservice:reminder", kwargs={"token": token}),
        reverse("selfservice:reminder", kwargs={"token": "abgelaufen"}),
        reverse("selfservice:confirm", kwargs={"token": submission.token}),
        reverse("selfservice:submit_thanks"),
        reverse("selfservice:my_data"),
        reverse("selfservice:my_data_export"),
    ]


@pytest.mark.parametrize("who", ["editor", "anonymous"])
def test_personal_pages_are_never_cached(client, editor, actor_a, who):
    if who == "editor":
        client.force_login(editor)
    for url in private_urls(actor_a, editor):
        response = client.get(url)
        directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= directives, (url, response.status_code)


# --- Reminder grants end with their link -------------------------------------------------


def test_edit_permission_from_reminder_link_ends_when_the_link_expires(
    client, editor, actor_a, settings
):
    # A link mailed 29 of its 30 days ago, used today: the session (two weeks) outlives it.
    settings.PROFILE_REMINDER_LINK_DAYS = 30
    mailed = timezone.now() - datetime.timedelta(days=29)
    stamp = signing.b62_encode(int(mailed.timestamp()))
    with mock.patch.object(signing.TimestampSigner, "timestamp", return_value=stamp):
        token = make_reminder_token(actor_id=actor_a.pk, user_id=editor.pk)
    client.post(reverse("selfservice:reminder", kwargs={"token": token}), {"action": "edit"})
    edit = reverse("selfservice:edit", kwargs={"slug": actor_a.slug})
    assert client.get(edit).status_code == 200

    two_days_later = timezone.now() + datetime.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=two_days_later):
        response = client.get(edit)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    # The session forgot the grant: back in the present, the form stays closed.
    assert client.get(edit).status_code == 302
