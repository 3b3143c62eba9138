import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Participation
from ludwigsburg_portal.publication import PublicationStatus
from selfservice.models import EditorInvitation, EventSubmission, ModerationState

from .conftest import link_in, verified_user


def event_data(**overrides):
    start = timezone.localtime() + datetime.timedelta(days=20)
    data = {
        "title": "Faire Woche: Kaffeeverkostung",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Weltladen, Marktplatz",
        "level": "city",
        "organiser": "Weltladen Ludwigsburg",
        "description": "Probieren Sie fair gehandelten Kaffee.",
        "website": "",
        "role": "organiser",
    }
    data.update(overrides)
    return data


def test_invited_person_becomes_editor(client, editor, actor_a, committed):
    client.force_login(editor)
    with committed():
        client.post(
            reverse("selfservice:editors", kwargs={"slug": actor_a.slug}),
            {"email": "neu@example.org"},
        )
    invitation = EditorInvitation.objects.get()
    url = link_in(mail.outbox[-1], "/einladung/")

    newcomer = verified_user(email="neu@example.org")
    other = Client()
    assert "Anmeldecode" in other.get(url).content.decode()  # log in or sign up first
    other.force_login(newcomer)
    assert other.post(url).status_code == 302
    assert actor_a.editors.filter(pk=newcomer.pk).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == newcomer

    # Used once: a second person cannot reuse the link.
    third = Client()
    third.force_login(verified_user(email="dritte@example.org"))
    third.post(url)
    assert actor_a.editors.count() == 2


def test_expired_invitation_is_refused(client, editor, actor_a, committed, settings):
    invitation = EditorInvitation.objects.create(
        actor=actor_a,
        email="spaet@example.org",
        invited_by=editor,
        created=timezone.now() - datetime.timedelta(days=settings.SELFSERVICE_TOKEN_DAYS + 1),
    )
    newcomer = verified_user(email="spaet@example.org")
    client.force_login(newcomer)
    response = client.post(reverse("selfservice:invitation", kwargs={"token": invitation.token}))
    assert response.status_code == 302
    assert not actor_a.editors.filter(pk=newcomer.pk).exists()


def test_inviting_an_existing_editor_is_explained(client, editor, actor_a, committed):
    client.force_login(editor)
    response = client.post(
        reverse("selfservice:editors", kwargs={"slug": actor_a.slug}), {"email": editor.email}
    )
    assert "bearbeitet das Profil bereits" in response.content.decode()
    assert not EditorInvitation.objects.exists()


def test_event_proposal_is_moderated(client, staff_client, editor, actor_a, committed, settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["koordination@ludwigsburg.example"]
    editor_client = Client()
    editor_client.force_login(editor)
    with committed():
        response = editor_client.post(
            reverse("selfservice:events", kwargs={"slug": actor_a.slug}), event_data()
        )
    assert response.status_code == 302
    event = Event.objects.get(title="Faire Woche: Kaffeeverkostung")
    assert event.status == PublicationStatus.PENDING
    assert event.submitted_by == editor
    assert Participation.objects.get(event=event).actor == actor_a
    anonymous = Client()
    assert anonymous.get(event.get_absolute_url()).status_code == 404
    assert any("koordination@ludwigsburg.example" in m.to for m in mail.outbox)

    submission = EventSubmission.objects.get()
    with committed():
        staff_client.post(
            reverse("admin:selfservice_eventsubmission_decide", args=[submission.pk]),
            {"approve": "1"},
        )
    event.refresh_from_db()
    assert event.status == PublicationStatus.PUBLISHED
    assert anonymous.get(event.get_absolute_url()).status_code == 200


def test_rejected_event_stays_private_and_reason_is_shown(staff_client, editor, actor_a, committed):
    editor_client = Client()
    editor_client.force_login(editor)
    with committed():
        editor_client.post(
            reverse("selfservice:events", kwargs={"slug": actor_a.slug}), event_data()
        )
        staff_client.post(
            reverse(
                "admin:selfservice_eventsubmission_decide", args=[EventSubmission.objects.get().pk]
            ),
            {"reject": "1", "reason": "Findet außerhalb Ludwigsburgs statt."},
        )
    submission = EventSubmission.objects.get()
    assert submission.state == ModerationState.REJECTED
    assert submission.event.status == PublicationStatus.DRAFT
    assert Client().get(submission.event.get_absolute_url()).status_code == 404
    page = editor_client.get(reverse("selfservice:events", kwargs={"slug": actor_a.slug}))
    assert "Findet außerhalb Ludwigsburgs statt." in page.content.decode()
    assert "Findet außerhalb Ludwigsburgs statt." in mail.outbox[-1].body


def test_trusted_actor_event_is_published_at_once(client, editor, actor_a, committed):
    actor_a.trusted = True
    actor_a.save()
    client.force_login(editor)
    with committed():
        client.post(reverse("selfservice:events", kwargs={"slug": actor_a.slug}), event_data())
    assert Event.objects.get().status == PublicationStatus.PUBLISHED


def test_event_form_explains_bad_dates(client, editor, actor_a):
    client.force_login(editor)
    url = reverse("selfservice:events", kwargs={"slug": actor_a.slug})
    data = event_data()
    response = client.post(url, {**data, "end": "2020-01-01T10:00"})
    assert "end" in response.context["form"].errors
    response = client.post(url, {**data, "start": "gestern"})
    assert "start" in response.context["form"].errors
    response = client.post(url, {**data, "role": "kaiser", "level": "galaxis"})
    assert {"role", "level"} <= set(response.context["form"].errors)
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "start", ["0001-01-01T00:00", "9999-12-31T23:59", "2026-13-45T99:99", "\x00", "1" * 500]
)
def test_absurd_dates_never_cause_an_error_page(client, editor, actor_a, start):
    client.force_login(editor)
    url = reverse("selfservice:events", kwargs={"slug": actor_a.slug})
    response = client.post(url, {**event_data(), "start": start, "end": ""})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "start" in response.context["form"].errors


def test_garbage_in_every_profile_field_never_causes_an_error_page(client, editor, actor_a):
    client.force_login(editor)
    url = reverse("selfservice:edit", kwargs={"slug": actor_a.slug})
    garbage = {
        "name": "\x00",
        "kind": ["a", "b"],
        "sdgs": ["x", "-1"],
        "regions": ["x"],
        "founded_year": "9" * 40,
        "logo": "kein-bild",
        "contact_public": "vielleicht",
        "website": "http://" + "a" * 300 + ".de",
        "tags": '"' * 300,
    }
    response = client.post(url, garbage)
    assert response.status_code == 200
    assert {"name", "sdgs", "regions", "founded_year"} <= set(response.context["form"].errors)


def test_editor_corrects_pending_proposal_but_not_a_decided_one(
    client, editor, actor_a, actor_b, committed
):
    client.force_login(editor)
    with committed():
        client.post(reverse("selfservice:events", kwargs={"slug": actor_a.slug}), event_data())
    submission = EventSubmission.objects.get()
    url = reverse("selfservice:event_edit", kwargs={"slug": actor_a.slug, "pk": submission.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, event_data(title="Faire Woche: Teeverkostung", role="speaker"))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.title == "Faire Woche: Teeverkostung"
    assert event.status == PublicationStatus.PENDING
    assert Participation.objects.get(event=event).role == "speaker"
    # Through another actor's URL: not found.
    other = reverse("selfservice:event_edit", kwargs={"slug": actor_b.slug, "pk": submission.pk})
    assert client.get(other).status_code == 404
    # After the decision the proposal is closed.
    EventSubmission.objects.filter(pk=submission.pk).update(state=ModerationState.APPROVED)
    assert client.get(url).status_code == 404
