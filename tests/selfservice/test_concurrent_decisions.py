"""Two staff members deciding the same proposal at the same moment: one decision counts.

Real concurrency: every decision runs in its own thread with its own database
connection, as two admin requests would. Each thread loads the item first (both see
it pending, like two open decide pages), then all act together at a barrier.
"""

import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from events.models import Event
from ludwigsburg_portal.publication import PublicationStatus
from selfservice import services
from selfservice.models import Claim, EventSubmission, ModerationState, Revision, Submission
from tests.factories import ActorFactory, EventFactory, StaffUserFactory

from .conftest import mails_to, verified_user

# Committed data, so the other connections see it. Serialized rollback brings back
# what data migrations created (the staff group) before each test.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migration_data_afterwards"),
]

SUBMITTER = "amara@example.org"


def at_once(*steps):
    """Run every ``(load, act)`` in its own thread; return each outcome (None or the error)."""
    barrier = threading.Barrier(len(steps))
    outcomes = [None] * len(steps)

    def run(index, load, act):
        try:
            item = load()
            barrier.wait(timeout=20)
            act(item)
        except Exception as error:  # every outcome is asserted on below
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, *step)) for index, step in enumerate(steps)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def one_winner(outcomes) -> int:
    """Index of the one decision that counted; the others were told it is decided."""
    winners = [index for index, outcome in enumerate(outcomes) if outcome is None]
    assert len(winners) == 1, outcomes
    for outcome in outcomes:
        if outcome is not None:
            assert isinstance(outcome, ValidationError), repr(outcome)
            assert outcome.messages[0].startswith("Darüber wurde schon entschieden"), outcome
    return winners[0]


def pending_submission() -> Submission:
    submission = services.submission_create(
        profile=services.profile_data(
            cleaned={"name": "Kongo-Partnerschaft", "kind": "association"}
        ),
        submitter_name="Amara Diallo",
        submitter_email=SUBMITTER,
    )
    services.submission_confirm(submission=submission)
    mail.outbox.clear()  # the confirmation and staff mails
    return submission


def loader(model, pk):
    return lambda: model.objects.get(pk=pk)


def test_three_staff_approving_one_new_entry_at_once_send_one_mail():
    submission = pending_submission()
    staff = [StaffUserFactory(username=f"koordination-{n}") for n in range(3)]

    outcomes = at_once(
        *[
            (
                loader(Submission, submission.pk),
                lambda item, by=by: services.submission_approve(submission=item, by=by),
            )
            for by in staff
        ]
    )

    winner = staff[one_winner(outcomes)]
    submission.refresh_from_db()
    assert submission.state == ModerationState.APPROVED
    assert submission.decided_by == winner
    assert len(mails_to(SUBMITTER)) == 1
    assert submission.actor.editors.count() == 1


def test_approve_and_reject_at_once_never_leave_a_rejected_submitter_as_editor():
    submission = pending_submission()
    approver, rejecter = StaffUserFactory(username="anna"), StaffUserFactory(username="ben")

    outcomes = at_once(
        (
            loader(Submission, submission.pk),
            lambda item: services.submission_approve(submission=item, by=approver),
        ),
        (
            loader(Submission, submission.pk),
            lambda item: services.submission_reject(
                submission=item, by=rejecter, reason="Kein Bezug zu Ludwigsburg."
            ),
        ),
    )

    approved = one_winner(outcomes) == 0
    submission.refresh_from_db()
    actor = submission.actor
    mails = mails_to(SUBMITTER)
    assert len(mails) == 1
    if approved:
        assert submission.state == ModerationState.APPROVED
        assert actor.status == PublicationStatus.PUBLISHED
        assert actor.editors.filter(email=SUBMITTER).exists()
        assert "freigeschaltet" in mails[0].subject
    else:
        assert submission.state == ModerationState.REJECTED
        assert actor.status == PublicationStatus.DRAFT
        assert not actor.editors.exists()
        assert "Kein Bezug zu Ludwigsburg." in mails[0].body


def _revision():
    author = verified_user(username="redaktion", email="redaktion@example.org")
    actor = ActorFactory(teaser="Alte Kurzbeschreibung.")
    actor.editors.add(author)
    before = services.profile_snapshot(actor)
    revision = Revision.objects.create(
        actor=actor, author=author, before=before, after={**before, "teaser": "Neu."}
    )
    return revision, author.email, lambda: Revision.objects.get().actor.teaser == "Neu."


def _claim():
    claimant = verified_user(username="vorstand", email="vorstand@example.org")
    claim = Claim.objects.create(
        actor=ActorFactory(), user=claimant, name="Eva", message="Vorstand"
    )
    return claim, claimant.email, lambda: claim.actor.editors.filter(pk=claimant.pk).exists()


def _event():
    editor = verified_user(username="redaktion", email="redaktion@example.org")
    event = EventFactory(status=PublicationStatus.PENDING, submitted_by=editor)
    proposal = EventSubmission.objects.create(
        event=event, actor=ActorFactory(), submitted_by=editor
    )
    published = Event.objects.published().filter(pk=event.pk).exists
    return proposal, editor.email, published


PROPOSALS = {
    "revision": (_revision, services.revision_approve, services.revision_reject, "revision"),
    "claim": (_claim, services.claim_approve, services.claim_reject, "claim"),
    "event": (_event, services.event_approve, services.event_reject, "submission"),
}


@pytest.mark.parametrize("kind", PROPOSALS)
def test_approve_and_reject_at_once_decide_a_proposal_once(kind):
    make, approve, reject, argument = PROPOSALS[kind]
    item, person, took_effect = make()
    mail.outbox.clear()
    approver, rejecter = StaffUserFactory(username="anna"), StaffUserFactory(username="ben")
    model = type(item)

    outcomes = at_once(
        (loader(model, item.pk), lambda obj: approve(**{argument: obj}, by=approver)),
        (
            loader(model, item.pk),
            lambda obj: reject(**{argument: obj}, by=rejecter, reason="Passt nicht."),
        ),
    )

    approved = one_winner(outcomes) == 0
    item.refresh_from_db()
    assert item.state == (ModerationState.APPROVED if approved else ModerationState.REJECTED)
    assert item.decided_by == (approver if approved else rejecter)
    assert len(mails_to(person)) == 1
    assert took_effect() is approved
