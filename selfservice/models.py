"""Self-service records: what associations propose and staff decide.

Every proposal (a new profile, a change to a published profile, a claim of an
existing profile, an event) is a row with a moderation state, so the admin can
show one queue per kind and simple-history keeps who decided what and when.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ludwigsburg_portal.text_limits import (
    NOTE_MAX_LENGTH,
    limited_text_field,
    text_length_constraint,
)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def any_case(field: str, values) -> Q:
    """``field`` equals one of ``values`` in any case (addresses are compared so);
    matches nothing for no values."""
    condition = Q(pk__in=[])
    for value in values:
        condition |= Q(**{f"{field}__iexact": value})
    return condition


class ModerationState(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("E-Mail nicht bestätigt")
    PENDING = "pending", _("Zur Prüfung")
    APPROVED = "approved", _("Angenommen")
    REJECTED = "rejected", _("Abgelehnt")


class ModerationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=ModerationState.PENDING)


class Moderated(models.Model):
    """Fields every moderated proposal shares."""

    state = models.CharField(
        _("Status"),
        max_length=20,
        choices=ModerationState.choices,
        default=ModerationState.PENDING,
        db_index=True,
    )
    reason = limited_text_field(
        _("Begründung"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("Bei einer Ablehnung: wird der einreichenden Person per E-Mail geschickt."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    created = models.DateTimeField(_("eingegangen"), default=timezone.now, db_index=True)

    objects = ModerationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created"]
        constraints = [
            text_length_constraint(
                "reason",
                max_length=NOTE_MAX_LENGTH,
                label=_("Begründung"),
                name="%(app_label)s_%(class)s_reason_length",
            ),
        ]

    @property
    def is_pending(self) -> bool:
        return self.state == ModerationState.PENDING


class Submission(Moderated):
    """A new actor proposed through the public form (double opt-in).

    The proposed actor itself is stored as an unpublished :class:`actors.Actor`
    (draft until the e-mail is confirmed, then pending), so staff review it with
    the admin they know and approving only flips its status.
    """

    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("Akteur"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    submitter_name = models.CharField(_("Name der einreichenden Person"), max_length=200)
    submitter_email = models.EmailField(_("E-Mail der einreichenden Person"))
    consent_at = models.DateTimeField(_("Einwilligung Datenschutz am"))
    token = models.CharField(_("Bestätigungscode"), max_length=64, unique=True, default=new_token)
    confirmed_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True)
    similar_actors = models.ManyToManyField(
        "actors.Actor",
        verbose_name=_("mögliche Dubletten"),
        blank=True,
        related_name="similar_submissions",
        help_text=_("Bestehende Akteure mit ähnlichem Namen, gleicher Website oder E-Mail."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta(Moderated.Meta):
        verbose_name = _("Neueintrag")
        verbose_name_plural = _("Neueinträge")
        constraints = [
            *Moderated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(state=ModerationState.UNCONFIRMED) | Q(confirmed_at__isnull=False),
                name="submission_confirmed_before_review",
                violation_error_message=_("Erst nach bestätigter E-Mail zur Prüfung."),
            ),
        ]

    def __str__(self):
        return f"{self.actor.name} ({self.submitter_email})"

    def get_confirm_url(self) -> str:
        return reverse("selfservice:confirm", kwargs={"token": self.token})


class Revision(Moderated):
    """A change an editor proposed to a published profile, stored as before/after."""

    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("Akteur"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vorgeschlagen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
    )
    before = models.JSONField(_("vorher"), default=dict)
    after = models.JSONField(_("nachher"), default=dict)

    history = HistoricalRecords()

    class Meta(Moderated.Meta):
        verbose_name = _("Profiländerung")
        verbose_name_plural = _("Profiländerungen")
        constraints = [
            *Moderated.Meta.constraints,
            models.UniqueConstraint(
                fields=["actor"],
                condition=Q(state=ModerationState.PENDING),
                name="revision_one_pending_per_actor",
                violation_error_message=_("Für dieses Profil wartet schon eine Änderung."),
            ),
        ]

    def __str__(self):
        return f"{self.actor.name} – {timezone.localtime(self.created):%d.%m.%Y %H:%M}"

    def changed_fields(self) -> list[str]:
        return [key for key, value in self.after.items() if self.before.get(key) != value]


class Claim(Moderated):
    """An account asks to become editor of an actor the office already listed."""

    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("Akteur"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    name = models.CharField(_("Name"), max_length=200)
    message = limited_text_field(
        _("Ihre Verbindung zum Akteur"),
        max_length=NOTE_MAX_LENGTH,
        help_text=_("Zum Beispiel: „Ich bin im Vorstand und pflege unsere Website.“"),
    )

    history = HistoricalRecords()

    class Meta(Moderated.Meta):
        verbose_name = _("Profilübernahme")
        verbose_name_plural = _("Profilübernahmen")
        constraints = [
            *Moderated.Meta.constraints,
            text_length_constraint(
                "message",
                max_length=NOTE_MAX_LENGTH,
                label=_("Ihre Verbindung zum Akteur"),
                name="claim_message_length",
            ),
            models.UniqueConstraint(
                fields=["actor", "user"],
                condition=Q(state=ModerationState.PENDING),
                name="claim_one_pending_per_user_and_actor",
                violation_error_message=_("Sie haben dieses Profil schon angefragt."),
            ),
        ]

    def __str__(self):
        return f"{self.actor.name} ← {self.user.email}"


class EventSubmission(Moderated):
    """An event an editor proposed for their actor (the event itself is pending)."""

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("Veranstaltung"),
        on_delete=models.CASCADE,
        related_name="submission",
    )
    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("Akteur"),
        on_delete=models.CASCADE,
        related_name="event_submissions",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingereicht von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_submissions",
    )

    history = HistoricalRecords()

    class Meta(Moderated.Meta):
        verbose_name = _("Veranstaltungsvorschlag")
        verbose_name_plural = _("Veranstaltungsvorschläge")

    def __str__(self):
        return f"{self.event.title} ({self.actor.name})"


def invitation_lifetime() -> timedelta:
    return timedelta(days=settings.SELFSERVICE_TOKEN_DAYS)


class EditorInvitationQuerySet(models.QuerySet):
    def open(self, *, now=None):
        """Not yet accepted and younger than ``SELFSERVICE_TOKEN_DAYS`` (as ``is_open``)."""
        since = (now or timezone.now()) - invitation_lifetime()
        return self.filter(accepted_at__isnull=True, created__gt=since)

    def for_addresses(self, emails):
        """Invitations to any of ``emails`` (in any case)."""
        return self.filter(any_case("email", emails))


class EditorInvitation(models.Model):
    """An editor invites another person by e-mail to edit the same actor."""

    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("Akteur"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("E-Mail"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    token = models.CharField(_("Code"), max_length=64, unique=True, default=new_token)
    created = models.DateTimeField(_("angelegt"), default=timezone.now)
    accepted_at = models.DateTimeField(_("angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angenommen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = EditorInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.actor.name} → {self.email}"

    def get_absolute_url(self):
        return reverse("selfservice:invitation", kwargs={"token": self.token})

    def is_open(self, *, now=None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and now < self.created + invitation_lifetime()


class ProfileReminder(models.Model):
    """One "is your profile still current?" e-mail sent to an editor."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        related_name="profile_reminders",
    )
    actors = models.ManyToManyField(
        "actors.Actor", verbose_name=_("Akteure"), related_name="reminders"
    )
    sent_at = models.DateTimeField(_("verschickt am"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.user.email} – {self.sent_at:%d.%m.%Y}"
