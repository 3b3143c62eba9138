"""Outgoing e-mail: one row per message, the ground under every mail the portal sends.

A mail's text often carries a secret (password-reset link, login code, confirmation
link). It is therefore stored sealed (see :mod:`.sealing`), only as long as the mail
is on its way, and is never shown in the admin; the background task carries nothing
but the row's id. What stays visible to staff is who got which subject and whether it
went out.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .sealing import seal, unseal

# HKDF purpose of the key that seals mail texts (see .sealing).
SEAL_PURPOSE = "ludwigsburg_portal.outgoingmail.text"


class MailState(models.TextChoices):
    QUEUED = "queued", _("In der Warteschlange")
    RETRYING = "retrying", _("Neuer Versuch geplant")
    SENT = "sent", _("Versendet")
    FAILED = "failed", _("Fehlgeschlagen")


OPEN_STATES = (MailState.QUEUED, MailState.RETRYING)


class OutgoingMailQuerySet(models.QuerySet):
    def open(self):
        """Mails still on their way (their text is still stored)."""
        return self.filter(state__in=OPEN_STATES)

    def finished(self):
        return self.exclude(state__in=OPEN_STATES)

    def addressed_to(self, addresses):
        """Mails with one of ``addresses`` among their recipients (case-insensitive)."""
        wanted = {address.strip().lower() for address in addresses if address and address.strip()}
        if not wanted:
            return self.none()
        # "\n<a>\n<b>\n" in lower case: an address never contains a line break, so a
        # substring test with the delimiters matches whole addresses only.
        listing = Concat(
            Value("\n"),
            Lower(
                models.Func(
                    F("recipients"),
                    Value("\n"),
                    function="array_to_string",
                    output_field=TextField(),
                )
            ),
            Value("\n"),
            output_field=TextField(),
        )
        match = Q()
        for address in wanted:
            match |= Q(recipient_listing__contains=f"\n{address}\n")
        return self.alias(recipient_listing=listing).filter(match)

    def concerning(self, *, user, addresses=()):
        """Mails about ``user`` or sent to one of ``addresses``."""
        return self.filter(Q(user=user) | Q(pk__in=self.addressed_to(addresses).values("pk")))


class OutgoingMail(models.Model):
    recipients = ArrayField(models.EmailField(max_length=254), verbose_name=_("Empfänger"))
    reply_to = ArrayField(
        models.EmailField(max_length=254),
        blank=True,
        default=list,
        verbose_name=_("Antwort an"),
    )
    subject = models.TextField(_("Betreff"), blank=True)
    # Fernet tokens; empty once the mail was sent or given up.
    body_sealed = models.TextField(_("Text (verschlüsselt)"), blank=True, editable=False)
    html_sealed = models.TextField(_("HTML (verschlüsselt)"), blank=True, editable=False)
    state = models.CharField(
        _("Status"), max_length=10, choices=MailState.choices, default=MailState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("Zustellversuche"), default=0)
    last_error = models.TextField(_("Letzter Fehler"), blank=True)
    created = models.DateTimeField(_("Erstellt"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("Nächster Versuch"), null=True, blank=True)
    sent_at = models.DateTimeField(_("Versendet am"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,  # the person's mails go with their account
        null=True,
        blank=True,
        related_name="outgoing_mails",
        verbose_name=_("Betrifft Konto"),
    )

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("E-Mail")
        verbose_name_plural = _("Versendete E-Mails")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipients__len__gt=0), name="outgoingmail_has_recipient"
            ),
            models.CheckConstraint(
                condition=Q(state__in=MailState.values), name="outgoingmail_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state=MailState.SENT, sent_at__isnull=False)
                | (~Q(state=MailState.SENT) & Q(sent_at__isnull=True)),
                name="outgoingmail_sent_at_iff_sent",
            ),
            # The text (and any secret in it) exists only while the mail is on its way.
            models.CheckConstraint(
                condition=Q(state__in=OPEN_STATES) | Q(body_sealed="", html_sealed=""),
                name="outgoingmail_text_only_while_open",
            ),
        ]

    def __str__(self):
        return self.subject or str(_("(ohne Betreff)"))

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def seal_content(self, *, body: str, html: str = "") -> None:
        self.body_sealed = seal(body, purpose=SEAL_PURPOSE)
        self.html_sealed = seal(html, purpose=SEAL_PURPOSE) if html else ""

    def content(self) -> tuple[str, str]:
        """Text and HTML of a mail still on its way; raises
        :class:`~.sealing.InvalidToken` when SECRET_KEY changed without a fallback."""
        body = unseal(self.body_sealed, purpose=SEAL_PURPOSE) if self.body_sealed else ""
        html = unseal(self.html_sealed, purpose=SEAL_PURPOSE) if self.html_sealed else ""
        return body, html

    def forget_content(self) -> None:
        self.body_sealed = self.html_sealed = ""


class Tally(models.Model):
    """One delta of a count the database keeps up to date (see :mod:`.tallies`).

    Written only by triggers and by the compaction; nobody edits it, so it has no admin
    and no history (it is derived from records that have both)."""

    name = models.CharField(_("Zählung"), max_length=60)
    key = models.BigIntegerField(_("Schlüssel"), default=0)
    delta = models.BigIntegerField(_("Änderung"))

    class Meta:
        db_table = "portal_tally"
        verbose_name = _("Zählungseintrag")
        verbose_name_plural = _("Zählungseinträge")
        indexes = [models.Index(fields=["name", "key"], name="portal_tally_name_key")]

    def __str__(self):
        return f"{self.name}[{self.key}] {self.delta:+d}"
