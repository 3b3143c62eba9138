"""Staff change a status outside the queue (admin bulk actions, the change form) while a
proposal about the same record is still open: nothing is lost, nobody is misinformed."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from events.models import Event
from ludwigsburg_portal.publication import PublicationStatus
from selfservice.models import EventSubmission, ModerationState, Submission
from selfservice.services import profile_data, submission_confirm, submission_create
from tests.factories import ActorFactory, EventFactory

from .conftest import mails_to

SUBMITTER = "amara@example.org"


def new_entry(*, confirmed=True) -> Submission:
    submission = submission_create(
        profile=profile_data(cleaned={"name": "Kongo-Partnerschaft", "kind": "association"}),
        submitter_name="Amara Diallo",
        submitter_email=SUBMITTER,
    )
    if confirmed:
        submission_confirm(submission=submission)
    return submission


def bulk(staff_client, model: str, action: str, pks):
    return staff_client.post(
        reverse(f"admin:{model}_changelist"),
        {"action": action, "_selected_action": list(pks)},
        follow=True,
    )


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def proposed_event(editor, actor_a):
    event = EventFactory(title="Faire Woche", status=PublicationStatus.PENDING, submitted_by=editor)
    return EventSubmission.objects.create(event=event, actor=actor_a, submitted_by=editor)


def test_bulk_publishing_a_new_entry_approves_it_and_the_submitter_becomes_editor(
    staff_client, staff_user, committed
):
    submission = new_entry()

    with committed():
        response = bulk(staff_client, "actors_actor", "publish", [submission.actor_id])

    submission.refresh_from_db()
    assert submission.state == ModerationState.APPROVED
    assert submission.decided_by == staff_user
    actor = submission.actor
    assert actor.status == PublicationStatus.PUBLISHED
    assert actor.editors.filter(email=SUBMITTER).exists()
    assert "freigeschaltet" in mails_to(SUBMITTER)[-1].subject
    assert "1 Eintrag ist jetzt „Veröffentlicht“." in texts(response)
    latest = actor.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        staff_user,
        "Neueintrag angenommen",
    )


def test_bulk_publishing_an_unconfirmed_new_entry_is_refused_and_it_is_still_purged(
    staff_client, settings
):
    submission = new_entry(confirmed=False)
    other = ActorFactory(status=PublicationStatus.DRAFT)

    response = bulk(staff_client, "actors_actor", "publish", [submission.actor_id, other.pk])

    assert Actor.objects.get(pk=submission.actor_id).status == PublicationStatus.DRAFT
    assert Actor.objects.get(pk=other.pk).status == PublicationStatus.PUBLISHED
    assert "1 Eintrag ist jetzt „Veröffentlicht“." in texts(response)
    assert (
        "„Kongo-Partnerschaft“ ist unverändert: Die einreichende Person hat ihre "
        "E-Mail-Adresse noch nicht bestätigt." in texts(response)
    )
    # Without consent it goes, as every unconfirmed entry does.
    expired = timezone.now() - datetime.timedelta(days=settings.SELFSERVICE_TOKEN_DAYS + 1)
    Submission.objects.filter(pk=submission.pk).update(created=expired)
    call_command("purge_unconfirmed_submissions", verbosity=0)
    assert not Actor.objects.filter(pk=submission.actor_id).exists()


def test_bulk_archiving_a_new_entry_waiting_for_review_is_refused(staff_client):
    submission = new_entry()

    response = bulk(staff_client, "actors_actor", "archive", [submission.actor_id])

    submission.refresh_from_db()
    assert submission.is_pending
    assert submission.actor.status == PublicationStatus.PENDING
    assert any("bitte entscheiden Sie ihn zuerst" in text for text in texts(response))


def test_rejecting_a_new_entry_staff_published_meanwhile_keeps_the_profile_public(
    staff_client, committed
):
    submission = new_entry()
    actor = submission.actor
    actor.status = PublicationStatus.PUBLISHED  # what the actor's change form does
    actor.save()
    sent = len(mails_to(SUBMITTER))

    url = reverse("admin:selfservice_submission_decide", args=[submission.pk])
    with committed():
        response = staff_client.post(url, {"reject": "1", "reason": "Doppelt."}, follow=True)

    actor.refresh_from_db()
    submission.refresh_from_db()
    assert actor.status == PublicationStatus.PUBLISHED
    assert submission.is_pending  # still to be decided: approving makes the submitter editor
    assert len(mails_to(SUBMITTER)) == sent  # no rejection mail about a public profile
    assert any("ist schon veröffentlicht" in text for text in texts(response))


def test_bulk_publishing_a_proposed_event_approves_the_proposal(
    staff_client, staff_user, proposed_event, editor, committed
):
    with committed():
        bulk(staff_client, "events_event", "publish", [proposed_event.event_id])

    proposed_event.refresh_from_db()
    assert proposed_event.state == ModerationState.APPROVED
    assert proposed_event.decided_by == staff_user
    assert Event.objects.published().filter(pk=proposed_event.event_id).exists()
    assert mails_to(editor.email)


def test_rejecting_an_event_staff_published_meanwhile_keeps_it_public(
    staff_client, proposed_event, editor, committed
):
    event = proposed_event.event
    event.status = PublicationStatus.PUBLISHED
    event.save()

    url = reverse("admin:selfservice_eventsubmission_decide", args=[proposed_event.pk])
    with committed():
        response = staff_client.post(url, {"reject": "1", "reason": "Zu spät."}, follow=True)

    event.refresh_from_db()
    proposed_event.refresh_from_db()
    assert event.status == PublicationStatus.PUBLISHED
    assert proposed_event.is_pending
    assert not mails_to(editor.email)
    assert any("ist schon veröffentlicht" in text for text in texts(response))
