"""Status changes from elsewhere (admin bulk actions) meet an open moderation.

Registered with :func:`~ludwigsburg_portal.publication.set_status` in
:meth:`selfservice.apps.SelfserviceConfig.ready`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from actors.models import Actor
from events.models import Event
from ludwigsburg_portal.publication import PublicationStatus

from ..models import EventSubmission, ModerationState, Submission
from .events import event_approve
from .submissions import submission_approve

# --- Status changes elsewhere (admin bulk actions) meet an open moderation ---------


def actor_status_guard(actor: Actor, *, status: str, by) -> None:
    """Registered with :func:`~ludwigsburg_portal.publication.set_status` for actors.

    Publishing a profile whose new entry waits in the queue *is* the approval, so
    it goes through :func:`submission_approve`: the submitter becomes editor and
    is told, and the queue does not keep an item that was decided elsewhere.
    Everything else is refused and leaves all as it was: an unconfirmed entry has
    no consent yet (publishing it would show data nobody agreed to; archiving it
    would keep it from the purge), and archiving a pending entry would leave a
    queue item whose approval publishes an archived profile."""
    submission = (
        Submission.objects.filter(
            actor=actor, state__in=[ModerationState.UNCONFIRMED, ModerationState.PENDING]
        )
        .order_by("-created")
        .first()
    )
    if submission is None:
        return
    if submission.state == ModerationState.UNCONFIRMED:
        raise ValidationError(
            _("Die einreichende Person hat ihre E-Mail-Adresse noch nicht bestätigt."),
            code="unconfirmed",
        )
    if status == PublicationStatus.PUBLISHED:
        submission_approve(submission=submission, by=by)
        return
    raise ValidationError(
        _("Der Neueintrag wartet auf Prüfung; bitte entscheiden Sie ihn zuerst."),
        code="pending",
    )


def event_status_guard(event: Event, *, status: str, by) -> None:
    """The same for events an editor proposed: publishing approves the proposal
    (the editor is told), anything else waits for the decision."""
    submission = EventSubmission.objects.pending().filter(event=event).first()
    if submission is None:
        return
    if status == PublicationStatus.PUBLISHED:
        event_approve(submission=submission, by=by)
        return
    raise ValidationError(
        _("Der Veranstaltungsvorschlag wartet auf Prüfung; bitte entscheiden Sie ihn zuerst."),
        code="pending",
    )
