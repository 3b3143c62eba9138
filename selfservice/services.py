"""Every self-service write with a side effect.

Keyword-only functions that validate, write inside ``transaction.atomic`` and
schedule their e-mails with ``transaction.on_commit`` (see :mod:`.mail`), so a
mail is never sent about data that was not stored, and data is never lost
because a mail could not be sent.
"""

from datetime import timedelta
from typing import NamedTuple

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actors.models import Actor
from events.models import DatePrecision, Event, Participation
from ludwigsburg_portal.mail import outgoing_mail_forget
from ludwigsburg_portal.publication import PublicationStatus, set_status

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
    """Record staff's decision on ``item``, once.

    The row is re-read under a lock, so of two staff members deciding at the same
    moment the second waits for the first and is then told it is decided: one
    decision, one mail. Callers lock the public record (actor, event) first, then
    the proposal here; one lock order everywhere, so decisions and bulk actions
    never deadlock. ``item`` is refreshed in place."""
    if state == ModerationState.REJECTED and not reason.strip():
        raise ValidationError(_("Bitte geben Sie eine Begründung an."), code="reason")
    item.refresh_from_db(from_queryset=type(item)._default_manager.select_for_update())
    if item.state == ModerationState.UNCONFIRMED:
        raise ValidationError(
            _("Die E-Mail-Adresse dazu ist noch nicht bestätigt."), code="unconfirmed"
        )
    if not item.is_pending:
        raise ValidationError(
            _("Darüber wurde schon entschieden: „%(state)s“ von %(by)s.")
            % {
                "state": item.get_state_display(),
                "by": item.decided_by.get_username() if item.decided_by else _("unbekannt"),
            },
            code="decided",
        )
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


# --- Accounts and the addresses they proved -------------------------------------
#
# An address is trusted for an account only where that account verified it
# (allauth's EmailAddress.verified: a link or code mailed to it came back). An
# address typed in without proof – a second address never confirmed, a sign-up
# never finished, a bare User.email – links nothing: no profile, no invitation,
# no mail, no submissions or invitations in "Meine Profile", the export or the
# deletion.


def verified_address(*, user, email: str) -> EmailAddress | None:
    """The row by which ``user`` proved ``email`` (any case), or None."""
    if not user.is_authenticated or not email:
        return None
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).first()


def trusted_emails(user) -> list[str]:
    """The addresses the account verified, lower-cased, the primary one first."""
    rows = EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk")
    return list(dict.fromkeys(row.email.lower() for row in rows))


def account_email(user) -> str:
    """Where mail about this account goes; "" when it has verified no address."""
    emails = trusted_emails(user)
    return emails[0] if emails else ""


def _iexact_any(field: str, emails: list[str]) -> Q:
    """``field`` equals one of ``emails`` in any case; matches nothing for no emails."""
    condition = Q(pk__in=[])
    for email in emails:
        condition |= Q(**{f"{field}__iexact": email})
    return condition


def submissions_of(user):
    """Submissions approved into this account or sent from an address it verified."""
    return Submission.objects.filter(
        Q(user=user) | _iexact_any("submitter_email", trusted_emails(user))
    )


def _new_account(*, email: str, name: str) -> "User":
    username = get_adapter().generate_unique_username([name, email, "verein"])
    try:
        with transaction.atomic():
            user = User(username=username, email=email, first_name=name[:150])
            user.set_unusable_password()
            user.save()
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    except IntegrityError:
        # A concurrent approval verified the address first (one verified copy per address).
        owner = EmailAddress.objects.filter(email__iexact=email, verified=True).first()
        if owner is None:
            raise
        return owner.user
    return user


def user_for_email(*, email: str, name: str = "") -> "User":
    """The account that verified a confirmed address; a new one (without password) if none did.

    The submitter proved the address by clicking our double opt-in link, so the new
    account's address is verified: they log in with a code or set a password, and
    allauth's lookups (code login, password reset), which prefer the verified owner,
    find this account. Someone else who typed the same address into their account
    without proving it gets nothing, and their unverified copy is removed: allauth
    refuses to verify a second copy only in the same spelling, so a copy in another
    case could otherwise be verified later and make code login ambiguous. A bare
    User.email elsewhere is left alone; nothing trusts it."""
    email = email.strip().lower()
    owner = EmailAddress.objects.filter(email__iexact=email, verified=True).first()
    user = owner.user if owner else _new_account(email=email, name=name)
    for copy in EmailAddress.objects.filter(email__iexact=email, verified=False).exclude(user=user):
        copy.remove()  # also points that account's User.email to another of its addresses
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
            user=by,
        )
    return revision


@transaction.atomic
def revision_approve(*, revision: Revision, by, now=None) -> None:
    actor = Actor.objects.select_for_update().get(pk=revision.actor_id)
    _decide(revision, state=ModerationState.APPROVED, by=by, now=now)
    actor._history_user = by
    # Only what the editor changed: staff edits to other fields in between survive.
    _apply_profile(actor, revision.after, fields=revision.changed_fields())
    if revision.author:
        schedule_mail(
            template="revision_approved",
            to=[account_email(revision.author)],
            context={"revision": revision, "actor_url": absolute(actor.get_absolute_url())},
        )


@transaction.atomic
def revision_reject(*, revision: Revision, by, reason: str, now=None) -> None:
    _decide(revision, state=ModerationState.REJECTED, by=by, reason=reason, now=now)
    # The proposed logo file is deleted after commit by the logo receivers (signals).
    if revision.author:
        schedule_mail(
            template="revision_rejected",
            to=[account_email(revision.author)],
            context={"revision": revision},
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
        template="staff_claim",
        context={"claim": claim, "admin_url": _admin_url(claim)},
        user=user,
    )
    return claim


@transaction.atomic
def claim_approve(*, claim: Claim, by, now=None) -> None:
    _decide(claim, state=ModerationState.APPROVED, by=by, now=now)
    claim.actor.editors.add(claim.user)
    schedule_mail(
        template="claim_approved",
        to=[account_email(claim.user)],
        context={"claim": claim, **_account_links()},
    )


@transaction.atomic
def claim_reject(*, claim: Claim, by, reason: str, now=None) -> None:
    _decide(claim, state=ModerationState.REJECTED, by=by, reason=reason, now=now)
    schedule_mail(
        template="claim_rejected", to=[account_email(claim.user)], context={"claim": claim}
    )


# --- Editors invite editors -------------------------------------------------------


@transaction.atomic
def invitation_create(*, actor: Actor, email: str, by) -> EditorInvitation:
    if any(email.lower() in trusted_emails(editor) for editor in actor.editors.all()):
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
    # The link went to one address; whoever holds it must also hold that address.
    if verified_address(user=user, email=invitation.email) is None:
        raise ValidationError(
            _(
                "Diese Einladung gilt für die E-Mail-Adresse %(email)s. Bitte melden Sie sich "
                "mit dieser Adresse an – oder fügen Sie sie unter „E-Mail-Adressen“ Ihrem Konto "
                "hinzu und bestätigen Sie sie über den Link, den wir Ihnen dann schicken."
            ),
            code="address",
            params={"email": invitation.email},
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
            # Its links open the profile without a password: only to the account's own address.
            email = account_email(user)
            if (
                not email
                or ProfileReminder.objects.filter(user=user, sent_at__gt=now - period).exists()
            ):
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
                to=[email],
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
    set_status(
        obj_or_queryset=actor,
        status=PublicationStatus.ARCHIVED,
        by=by,
        reason=_("Von der Redaktion archiviert"),
    )
    schedule_staff_mail(
        template="staff_archived", context={"actor": actor, "admin_url": _admin_url(actor)}
    )


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
            for i in EditorInvitation.objects.filter(_iexact_any("email", own)).select_related(
                "actor"
            )
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
    EditorInvitation.objects.filter(_iexact_any("email", own)).delete()
    user.delete()


def actor_history_purge(*, actor_id: int) -> None:
    """Remove history rows of a deleted actor and of its submissions, revisions,
    claims and event proposals: they hold contact and submitter data."""
    Actor.history.filter(id=actor_id).delete()
    for model in (Submission, Revision, Claim, EventSubmission):
        model.history.filter(actor_id=actor_id).delete()
