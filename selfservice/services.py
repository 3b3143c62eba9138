"""Every self-service write with a side effect.

Keyword-only functions that validate, write inside ``transaction.atomic`` and
schedule their e-mails with ``transaction.on_commit`` (see :mod:`.mail`), so a
mail is never sent about data that was not stored, and data is never lost
because a mail could not be sent.
"""

from datetime import timedelta

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actors.models import Actor
from events.models import DatePrecision, Event, Participation
from ludwigsburg_portal.publication import PublicationStatus

from .duplicates import similar_actors
from .forms import PROFILE_FIELDS
from .mail import absolute, schedule_mail, schedule_staff_mail
from .models import (
    Claim,
    EditorInvitation,
    EventSubmission,
    ModerationState,
    ProfileReminder,
    Revision,
    Submission,
)
from .tokens import make_reminder_token

User = get_user_model()
M2M_FIELDS = ("tags", "sdgs", "regions")
SIMPLE_FIELDS = [name for name in PROFILE_FIELDS if name not in (*M2M_FIELDS, "logo")]


# --- Profile data as plain JSON (for revisions and the before/after diff) -------


def profile_snapshot(actor: Actor) -> dict:
    data = {name: getattr(actor, name) for name in SIMPLE_FIELDS}
    data["tags"] = sorted(actor.tags.names())
    data["sdgs"] = sorted(actor.sdgs.values_list("pk", flat=True))
    data["regions"] = sorted(actor.regions.values_list("pk", flat=True))
    data["logo"] = actor.logo.name or ""
    return data


def profile_data(*, cleaned: dict, current_logo: str = "") -> dict:
    """JSON-able profile from a validated :class:`~.forms.ActorProfileForm`.

    A new logo (already re-encoded by the form) is stored right away under a
    random name, so a pending revision can point to it."""
    empty = {"founded_year": None, "contact_public": False}
    data = {}
    for name in SIMPLE_FIELDS:
        value = cleaned.get(name)
        data[name] = empty.get(name, "") if value is None else value
    data["tags"] = sorted(cleaned.get("tags") or [])
    data["sdgs"] = sorted(goal.pk for goal in cleaned.get("sdgs") or [])
    data["regions"] = sorted(region.pk for region in cleaned.get("regions") or [])
    logo = cleaned.get("logo")
    if logo is False:
        data["logo"] = ""
    elif isinstance(logo, File) and not getattr(logo, "_committed", False):
        data["logo"] = default_storage.save(f"logos/{logo.name}", logo)
    else:
        data["logo"] = current_logo
    return data


def _apply_profile(actor: Actor, data: dict, *, fields=None) -> None:
    fields = list(fields if fields is not None else data)
    for name in fields:
        if name in SIMPLE_FIELDS:
            setattr(actor, name, data[name])
    if "logo" in fields:
        actor.logo.name = data["logo"] or ""
    actor.full_clean(exclude=["search_document"])
    actor.save()
    if "tags" in fields:
        actor.tags.set(data["tags"])
    if "sdgs" in fields:
        actor.sdgs.set(data["sdgs"])
    if "regions" in fields:
        actor.regions.set(data["regions"])


def unique_slug(model, text: str, *, fallback: str) -> str:
    base = slugify(text)[:180].strip("-") or fallback
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _decide(item, *, state: str, by, reason: str = "", now=None) -> None:
    if not item.is_pending:
        raise ValidationError(_("Darüber wurde schon entschieden."), code="decided")
    if state == ModerationState.REJECTED and not reason.strip():
        raise ValidationError(_("Bitte geben Sie eine Begründung an."), code="reason")
    item.state = state
    item.reason = reason.strip()
    item.decided_by = by
    item.decided_at = now or timezone.now()
    item.save()


def _admin_url(item) -> str:
    meta = item._meta
    return absolute(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk]))


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


def user_for_email(*, email: str, name: str = "") -> "User":
    """The account for a confirmed address; created (without password) if needed.

    The address was confirmed by the submitter clicking our link, so allauth
    may treat it as verified: they log in with a code or set a password."""
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address:
        if not address.verified:  # the double opt-in proved the address
            address.verified = True
            address.save(update_fields=["verified"])
        return address.user
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        username = get_adapter().generate_unique_username([name, email, "verein"])
        user = User(username=username, email=email.lower(), first_name=name[:150])
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def _account_links() -> dict:
    return {
        "login_url": absolute(reverse("account_login")),
        "code_url": absolute(reverse("account_request_login_code")),
        "reset_url": absolute(reverse("account_reset_password")),
        "my_profiles_url": absolute(reverse("selfservice:my_profiles")),
    }


@transaction.atomic
def submission_approve(*, submission: Submission, by, now=None) -> None:
    now = now or timezone.now()
    _decide(submission, state=ModerationState.APPROVED, by=by, now=now)
    actor = submission.actor
    actor.status = PublicationStatus.PUBLISHED
    actor.last_confirmed_at = now
    actor._history_user = by
    actor.save()
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
    _decide(submission, state=ModerationState.REJECTED, by=by, reason=reason, now=now)
    actor = submission.actor
    actor.status = PublicationStatus.DRAFT
    # The rejected draft keeps its texts for the record; its logo file, public under
    # /media/ like every upload, is deleted after commit (see signals: logo files).
    actor.logo.name = ""
    actor._history_user = by
    actor.save()
    schedule_mail(
        template="submission_rejected",
        to=[submission.submitter_email],
        context={"submission": submission},
    )


# --- Changes by editors ---------------------------------------------------------


@transaction.atomic
def actor_update(*, actor: Actor, profile: dict, by) -> Revision | None:
    """Apply an editor's change, or keep it as a pending revision.

    Published profiles of actors that are not trusted stay as they are until
    staff approve; drafts, pending and trusted profiles change at once."""
    actor = Actor.objects.select_for_update().get(pk=actor.pk)
    actor._history_user = by
    if actor.trusted or actor.status != PublicationStatus.PUBLISHED:
        _apply_profile(actor, profile)
        return None
    before = profile_snapshot(actor)
    pending = Revision.objects.pending().filter(actor=actor).first()
    if profile == before:
        if pending:
            pending.delete()
        return None
    is_new = pending is None
    revision = pending or Revision(actor=actor)
    revision.author = by
    revision.before = before
    revision.after = profile
    revision.created = timezone.now()
    revision.save()
    if is_new:
        schedule_staff_mail(
            template="staff_revision",
            context={"revision": revision, "admin_url": _admin_url(revision)},
        )
    return revision


@transaction.atomic
def revision_approve(*, revision: Revision, by, now=None) -> None:
    _decide(revision, state=ModerationState.APPROVED, by=by, now=now)
    actor = Actor.objects.select_for_update().get(pk=revision.actor_id)
    actor._history_user = by
    # Only what the editor changed: staff edits to other fields in between survive.
    _apply_profile(actor, revision.after, fields=revision.changed_fields())
    if revision.author:
        schedule_mail(
            template="revision_approved",
            to=[revision.author.email],
            context={"revision": revision, "actor_url": absolute(actor.get_absolute_url())},
        )


@transaction.atomic
def revision_reject(*, revision: Revision, by, reason: str, now=None) -> None:
    _decide(revision, state=ModerationState.REJECTED, by=by, reason=reason, now=now)
    # The proposed logo file is deleted after commit by the logo receivers (signals).
    if revision.author:
        schedule_mail(
            template="revision_rejected", to=[revision.author.email], context={"revision": revision}
        )


# --- Claims of existing profiles --------------------------------------------------


@transaction.atomic
def claim_create(*, actor: Actor, user, name: str, message: str) -> Claim:
    if actor.editors.filter(pk=user.pk).exists():
        raise ValidationError(_("Sie bearbeiten dieses Profil bereits."), code="editor")
    claim = Claim(actor=actor, user=user, name=name, message=message)
    claim.full_clean()
    claim.save()
    schedule_staff_mail(
        template="staff_claim", context={"claim": claim, "admin_url": _admin_url(claim)}
    )
    return claim


@transaction.atomic
def claim_approve(*, claim: Claim, by, now=None) -> None:
    _decide(claim, state=ModerationState.APPROVED, by=by, now=now)
    claim.actor.editors.add(claim.user)
    schedule_mail(
        template="claim_approved",
        to=[claim.user.email],
        context={"claim": claim, **_account_links()},
    )


@transaction.atomic
def claim_reject(*, claim: Claim, by, reason: str, now=None) -> None:
    _decide(claim, state=ModerationState.REJECTED, by=by, reason=reason, now=now)
    schedule_mail(template="claim_rejected", to=[claim.user.email], context={"claim": claim})


# --- Editors invite editors -------------------------------------------------------


@transaction.atomic
def invitation_create(*, actor: Actor, email: str, by) -> EditorInvitation:
    if actor.editors.filter(email__iexact=email).exists():
        raise ValidationError(_("Diese Person bearbeitet das Profil bereits."), code="editor")
    invitation = EditorInvitation(actor=actor, email=email.lower(), invited_by=by)
    invitation.full_clean()
    invitation.save()
    schedule_mail(
        template="invitation",
        to=[invitation.email],
        context={
            "invitation": invitation,
            "accept_url": absolute(
                reverse("selfservice:invitation", kwargs={"token": invitation.token})
            ),
            "days": settings.SELFSERVICE_TOKEN_DAYS,
        },
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: EditorInvitation, user, now=None) -> None:
    now = now or timezone.now()
    invitation = EditorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open(now=now):
        raise ValidationError(
            _("Diese Einladung ist abgelaufen oder schon benutzt."), code="closed"
        )
    invitation.actor.editors.add(user)
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save()


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
    _decide(submission, state=ModerationState.APPROVED, by=by, now=now)
    event = submission.event
    event.status = PublicationStatus.PUBLISHED
    event._history_user = by
    event.save()
    if submission.submitted_by:
        schedule_mail(
            template="event_approved",
            to=[submission.submitted_by.email],
            context={"submission": submission, "event_url": absolute(event.get_absolute_url())},
        )


@transaction.atomic
def event_reject(*, submission: EventSubmission, by, reason: str, now=None) -> None:
    _decide(submission, state=ModerationState.REJECTED, by=by, reason=reason, now=now)
    event = submission.event
    event.status = PublicationStatus.DRAFT
    event._history_user = by
    event.save()
    if submission.submitted_by:
        schedule_mail(
            template="event_rejected",
            to=[submission.submitted_by.email],
            context={"submission": submission},
        )


# --- Keeping profiles current -----------------------------------------------------


def reminders_send(*, now=None) -> int:
    """One "is your profile still current?" mail per editor and period.

    Safe to run as often as wanted (daily from cron or a systemd timer): an
    editor who got a reminder within ``PROFILE_REMINDER_DAYS`` gets none."""
    now = now or timezone.now()
    period = timedelta(days=settings.PROFILE_REMINDER_DAYS)
    due = Actor.objects.confirmation_overdue(days=settings.PROFILE_REMINDER_DAYS, now=now)
    sent = 0
    for user_id in (
        User.objects.filter(edited_actors__in=due, is_active=True)
        .distinct()
        .values_list("pk", flat=True)
    ):
        with transaction.atomic():
            # The row lock makes two overlapping runs send one mail, not two.
            user = User.objects.select_for_update().get(pk=user_id)
            if ProfileReminder.objects.filter(user=user, sent_at__gt=now - period).exists():
                continue
            actors = list(due.filter(editors=user).order_by("name"))
            reminder = ProfileReminder.objects.create(user=user, sent_at=now)
            reminder.actors.set(actors)
            links = []
            for actor in actors:
                token = make_reminder_token(actor_id=actor.pk, user_id=user.pk)
                links.append(
                    {
                        "actor": actor,
                        "url": absolute(reverse("selfservice:reminder", kwargs={"token": token})),
                    }
                )
            schedule_mail(
                template="reminder",
                to=[user.email],
                context={
                    "user": user,
                    "links": links,
                    "link_days": settings.PROFILE_REMINDER_LINK_DAYS,
                },
            )
            sent += 1
    return sent


@transaction.atomic
def profile_confirm(*, actor: Actor, by, now=None) -> None:
    actor.last_confirmed_at = now or timezone.now()
    actor._history_user = by
    actor.save()


@transaction.atomic
def profile_archive(*, actor: Actor, by) -> None:
    actor.status = PublicationStatus.ARCHIVED
    actor._history_user = by
    actor.save()
    schedule_staff_mail(
        template="staff_archived", context={"actor": actor, "admin_url": _admin_url(actor)}
    )


# --- Data protection ----------------------------------------------------------------


def unconfirmed_submissions_purge(*, now=None) -> int:
    """Delete submissions whose e-mail was never confirmed within the link's lifetime,
    with their draft actor: nobody consented to keeping them (double opt-in)."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.SELFSERVICE_TOKEN_DAYS)
    expired = Submission.objects.filter(state=ModerationState.UNCONFIRMED, created__lt=limit)
    actor_ids = list(expired.values_list("actor_id", flat=True))
    with transaction.atomic():
        # The draft actors cascade to their submissions; the signal purges history.
        deleted = Actor.objects.filter(pk__in=actor_ids, status=PublicationStatus.DRAFT).delete()
    return len(actor_ids) if deleted else 0


def _iso(value):
    return value.isoformat() if value else None


def personal_data_export(*, user) -> dict:
    """Everything the portal stores about ``user`` (Art. 15 / 20 GDPR)."""
    email = user.email
    submissions = Submission.objects.filter(Q(user=user) | Q(submitter_email__iexact=email))
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
            for i in EditorInvitation.objects.filter(email__iexact=email).select_related("actor")
        ],
        "reminders": [_iso(r.sent_at) for r in user.profile_reminders.all()],
    }


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the account and the personal data that hangs on its address.

    Profiles stay (they belong to the association); what the person typed about
    themselves is blanked, including in the history of their submissions."""
    email = user.email
    submissions = Submission.objects.filter(Q(user=user) | Q(submitter_email__iexact=email))
    ids = list(submissions.values_list("pk", flat=True))
    Submission.objects.filter(pk__in=ids).update(submitter_name="", submitter_email="")
    Submission.history.filter(id__in=ids).update(submitter_name="", submitter_email="")
    Claim.history.filter(user_id=user.pk).delete()
    EditorInvitation.objects.filter(email__iexact=email).delete()
    user.delete()


def actor_history_purge(*, actor_id: int) -> None:
    """Remove history rows of a deleted actor and of its submissions, revisions,
    claims and event proposals: they hold contact and submitter data."""
    Actor.history.filter(id=actor_id).delete()
    for model in (Submission, Revision, Claim, EventSubmission):
        model.history.filter(actor_id=actor_id).delete()
