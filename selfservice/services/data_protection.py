"""Data protection: the purge of unconfirmed submissions, export and deletion of
personal data, and the purge of a deleted actor's history."""

from datetime import timedelta
from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from actors.models import Actor
from events.models import Participation
from ludwigsburg_portal.history import delete_history
from ludwigsburg_portal.mail import outgoing_mail_forget
from ludwigsburg_portal.publication import PublicationStatus
from networks.models import ExpertExchange, Membership

from ..mail import absolute
from ..models import Claim, EditorInvitation, EventSubmission, ModerationState, Revision, Submission
from .accounts import submissions_of, trusted_emails

# --- Data protection ----------------------------------------------------------------


class Purged(NamedTuple):
    submissions: int
    actors: int


def unconfirmed_submissions_purge(*, now=None) -> Purged:
    """Delete submissions whose e-mail was never confirmed within the link's lifetime,
    with their draft actor: nobody consented to keeping them (double opt-in).

    Returns what was really deleted: an actor staff took out of draft stays, and so
    does its submission."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.SELFSERVICE_TOKEN_DAYS)
    expired = Submission.objects.filter(state=ModerationState.UNCONFIRMED, created__lt=limit)
    with transaction.atomic():
        # The draft actors cascade to their submissions; the signal purges history.
        _total, per_model = Actor.objects.filter(
            pk__in=expired.values("actor_id"), status=PublicationStatus.DRAFT
        ).delete()
    return Purged(
        submissions=per_model.get(Submission._meta.label, 0),
        actors=per_model.get(Actor._meta.label, 0),
    )


def _iso(value):
    return value.isoformat() if value else None


def personal_data_export(*, user) -> dict:
    """Everything the portal stores about ``user`` (Art. 15 / 20 GDPR): what hangs on the
    account and on the addresses it proved, not on an address it merely typed in."""
    email = user.email
    own = trusted_emails(user)
    submissions = submissions_of(user)
    return {
        "account": {
            "username": user.username,
            "email": email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
        },
        "edited_profiles": [
            {"name": a.name, "url": absolute(a.get_absolute_url()), "status": a.status}
            for a in user.edited_actors.order_by("name")
        ],
        "submissions": [
            {
                "actor": s.actor.name,
                "submitter_name": s.submitter_name,
                "submitter_email": s.submitter_email,
                "consent_at": _iso(s.consent_at),
                "confirmed_at": _iso(s.confirmed_at),
                "state": s.state,
                "reason": s.reason,
                "created": _iso(s.created),
            }
            for s in submissions.select_related("actor")
        ],
        "claims": [
            {
                "actor": c.actor.name,
                "name": c.name,
                "message": c.message,
                "state": c.state,
                "created": _iso(c.created),
            }
            for c in user.claims.select_related("actor")
        ],
        "revisions": [
            {"actor": r.actor.name, "state": r.state, "after": r.after, "created": _iso(r.created)}
            for r in user.revisions.select_related("actor")
        ],
        "events": [
            {
                "title": e.event.title,
                "actor": e.actor.name,
                "state": e.state,
                "created": _iso(e.created),
            }
            for e in user.event_submissions.select_related("event", "actor")
        ],
        "invitations_received": [
            {"actor": i.actor.name, "created": _iso(i.created), "accepted_at": _iso(i.accepted_at)}
            for i in EditorInvitation.objects.for_addresses(own).select_related("actor")
        ],
        "reminders": [_iso(r.sent_at) for r in user.profile_reminders.all()],
    }


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the account and the personal data that hangs on it and its own addresses.

    Profiles stay (they belong to the association); what the person typed about
    themselves is blanked, including in the history of their submissions."""
    own = trusted_emails(user)
    submissions = submissions_of(user)
    ids = list(submissions.values_list("pk", flat=True))
    outgoing_mail_forget(
        user=user,
        # Only addresses this person verified: an address merely typed in may be someone else's.
        addresses=[
            *own,
            *Submission.objects.filter(pk__in=ids).values_list("submitter_email", flat=True),
        ],
    )
    Submission.objects.filter(pk__in=ids).update(submitter_name="", submitter_email="")
    Submission.history.filter(id__in=ids).update(submitter_name="", submitter_email="")
    Claim.history.filter(user_id=user.pk).delete()
    EditorInvitation.objects.for_addresses(own).delete()
    user.delete()


def actor_history_purge(*, actor_id: int) -> None:
    """Remove history rows of a deleted actor and of its submissions, revisions,
    claims, event proposals, memberships, participations and expert exchanges: they
    hold contact and submitter data and the names of mandate holders."""
    delete_history(Actor.history.filter(id=actor_id))
    for model in (Membership, Participation, ExpertExchange):
        delete_history(model.history.filter(actor_id=actor_id))
    for model in (Submission, Revision, Claim, EventSubmission):
        model.history.filter(actor_id=actor_id).delete()
