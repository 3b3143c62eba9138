"""Events editors propose for their actor, and staff's decision on them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actors.models import Actor
from events.models import DatePrecision, Event, Participation
from ludwigsburg_portal.publication import PublicationStatus, set_status

from ..mail import absolute, schedule_mail, schedule_staff_mail
from ..models import EventSubmission, ModerationState
from .accounts import account_email
from .moderation import _admin_url, _decide
from .slugs import unique_slug

# --- Events from editors ----------------------------------------------------------


@transaction.atomic
def event_propose(*, actor: Actor, by, fields: dict, role: str) -> EventSubmission:
    event = Event(
        **fields,
        slug=unique_slug(Event, fields["title"], fallback="veranstaltung"),
        date_precision=DatePrecision.DATETIME,
        submitted_by=by,
        status=PublicationStatus.PUBLISHED if actor.trusted else PublicationStatus.PENDING,
    )
    event._history_user = by
    event.full_clean()
    event.save()
    participation = Participation(actor=actor, event=event, role=role)
    participation.full_clean()
    participation.save()
    submission = EventSubmission(
        event=event,
        actor=actor,
        submitted_by=by,
        state=ModerationState.APPROVED if actor.trusted else ModerationState.PENDING,
    )
    submission.save()
    if not actor.trusted:
        schedule_staff_mail(
            template="staff_event",
            context={"submission": submission, "admin_url": _admin_url(submission)},
            user=by,
        )
    return submission


@transaction.atomic
def event_proposal_update(*, submission: EventSubmission, by, fields: dict, role: str) -> None:
    """Editors may correct their proposal until staff decided on it."""
    if not submission.is_pending:
        raise ValidationError(_("Darüber wurde schon entschieden."), code="decided")
    event = submission.event
    for name, value in fields.items():
        setattr(event, name, value)
    event._history_user = by
    event.full_clean()
    event.save()
    Participation.objects.filter(event=event, actor=submission.actor).update(role=role)


@transaction.atomic
def event_approve(*, submission: EventSubmission, by, now=None) -> None:
    event = Event.objects.select_for_update().get(pk=submission.event_id)
    _decide(submission, state=ModerationState.APPROVED, by=by, now=now)
    set_status(
        obj_or_queryset=event,
        status=PublicationStatus.PUBLISHED,
        by=by,
        reason=_("Veranstaltungsvorschlag angenommen"),
    )
    if submission.submitted_by:
        schedule_mail(
            template="event_approved",
            to=[account_email(submission.submitted_by)],
            context={"submission": submission, "event_url": absolute(event.get_absolute_url())},
        )


@transaction.atomic
def event_reject(*, submission: EventSubmission, by, reason: str, now=None) -> None:
    event = Event.objects.select_for_update().get(pk=submission.event_id)
    _decide(submission, state=ModerationState.REJECTED, by=by, reason=reason, now=now)
    if event.status == PublicationStatus.PUBLISHED:
        # Published in the meantime (its change form): a rejection would hide it again.
        raise ValidationError(
            _(
                "„%(title)s“ ist schon veröffentlicht. Bitte nehmen Sie den Vorschlag an "
                "oder ändern Sie zuerst den Status der Veranstaltung."
            )
            % {"title": event.title},
            code="published",
        )
    set_status(
        obj_or_queryset=event,
        status=PublicationStatus.DRAFT,
        by=by,
        reason=_("Veranstaltungsvorschlag abgelehnt"),
    )
    if submission.submitted_by:
        schedule_mail(
            template="event_rejected",
            to=[account_email(submission.submitted_by)],
            context={"submission": submission},
        )
