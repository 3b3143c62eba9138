"""New profiles: submit → confirm the e-mail address → staff decide."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Actor
from ludwigsburg_portal.publication import PublicationStatus, set_status

from ..duplicates import similar_actors
from ..mail import absolute, schedule_mail, schedule_staff_mail
from ..models import ModerationState, Submission
from .accounts import _account_links, user_for_email
from .moderation import _admin_url, _decide
from .profiles import _apply_profile
from .slugs import unique_slug

# --- New profiles: submit → confirm e-mail → staff decide -----------------------


@transaction.atomic
def submission_create(
    *, profile: dict, submitter_name: str, submitter_email: str, now=None
) -> Submission:
    now = now or timezone.now()
    actor = Actor(
        status=PublicationStatus.DRAFT, slug=unique_slug(Actor, profile["name"], fallback="akteur")
    )
    _apply_profile(actor, profile)
    submission = Submission(
        actor=actor,
        submitter_name=submitter_name,
        submitter_email=submitter_email,
        consent_at=now,
        created=now,
        state=ModerationState.UNCONFIRMED,
    )
    submission.full_clean()
    submission.save()
    similar = list(
        similar_actors(
            name=actor.name, website=actor.website, email=actor.email, exclude_pk=actor.pk
        )
    )
    submission.similar_actors.set(similar)
    schedule_mail(
        template="submission_confirm",
        to=[submitter_email],
        context={
            "submission": submission,
            "confirm_url": absolute(submission.get_confirm_url()),
            "days": settings.SELFSERVICE_TOKEN_DAYS,
            "similar": [
                (a.name, absolute(reverse("selfservice:claim", kwargs={"slug": a.slug})))
                for a in similar
            ],
        },
    )
    return submission


def submission_token_expired(submission: Submission, *, now=None) -> bool:
    now = now or timezone.now()
    return now > submission.created + timedelta(days=settings.SELFSERVICE_TOKEN_DAYS)


@transaction.atomic
def submission_confirm(*, submission: Submission, now=None) -> None:
    if submission.state != ModerationState.UNCONFIRMED:
        return  # confirming twice is harmless
    if submission_token_expired(submission, now=now):
        raise ValidationError(_("Der Bestätigungslink ist abgelaufen."), code="expired")
    submission.state = ModerationState.PENDING
    submission.confirmed_at = now or timezone.now()
    submission.save()
    actor = submission.actor
    actor.status = PublicationStatus.PENDING
    actor.save()
    schedule_staff_mail(
        template="staff_submission",
        context={
            "submission": submission,
            "similar": list(submission.similar_actors.all()),
            "admin_url": _admin_url(submission),
        },
    )


@transaction.atomic
def submission_approve(*, submission: Submission, by, now=None) -> None:
    now = now or timezone.now()
    actor = Actor.objects.select_for_update().get(pk=submission.actor_id)
    _decide(submission, state=ModerationState.APPROVED, by=by, now=now)
    actor.last_confirmed_at = now
    set_status(
        obj_or_queryset=actor,
        status=PublicationStatus.PUBLISHED,
        by=by,
        reason=_("Neueintrag angenommen"),
    )
    user = user_for_email(email=submission.submitter_email, name=submission.submitter_name)
    actor.editors.add(user)
    submission.user = user
    submission.save(update_fields=["user"])
    schedule_mail(
        template="submission_approved",
        to=[submission.submitter_email],
        context={
            "submission": submission,
            "actor_url": absolute(actor.get_absolute_url()),
            **_account_links(),
        },
    )


@transaction.atomic
def submission_reject(*, submission: Submission, by, reason: str, now=None) -> None:
    actor = Actor.objects.select_for_update().get(pk=submission.actor_id)
    _decide(submission, state=ModerationState.REJECTED, by=by, reason=reason, now=now)
    if actor.status == PublicationStatus.PUBLISHED:
        # Staff published the profile in the meantime (its change form); rejecting
        # would hide it again. The transaction rolls the decision back.
        raise ValidationError(
            _(
                "„%(name)s“ ist schon veröffentlicht. Bitte nehmen Sie den Neueintrag an "
                "oder ändern Sie zuerst den Status des Profils."
            )
            % {"name": actor.name},
            code="published",
        )
    # The rejected draft keeps its texts for the record; its logo file, public under
    # /media/ like every upload, is deleted after commit (see signals: logo files).
    actor.logo.name = ""
    set_status(
        obj_or_queryset=actor,
        status=PublicationStatus.DRAFT,
        by=by,
        reason=_("Neueintrag abgelehnt"),
    )
    schedule_mail(
        template="submission_rejected",
        to=[submission.submitter_email],
        context={"submission": submission},
    )
