"""Background delivery of outgoing mail with retries (django-tasks, database backend).

The task carries only the id of an :class:`~.models.OutgoingMail`; the worker opens
the sealed text, sends it and records the outcome on the row. When the mail server
refuses, the mail is retried after the delays in ``MAIL_RETRY_DELAYS`` and then given
up. The text is dropped as soon as the mail was sent or given up.

Log lines name the mail by id and state only: no address, no subject, no server
reply (an SMTP refusal quotes the address).
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import MailState, OutgoingMail
from .sealing import InvalidToken

logger = logging.getLogger(__name__)

# What the server said, for staff in the admin; long replies are cut.
ERROR_LENGTH = 1000


class MailNotDelivered(Exception):
    """The mail was given up; the reason is on its row ("Versendete E-Mails")."""


@task()
def deliver_mail(*, mail_id: int) -> str:
    # The row stays locked while it is sent, so two workers never send it twice.
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None:  # deleted with the account it concerned
            logger.info("Mail %s no longer exists, nothing to send", mail_id)
            return "deleted"
        if not mail.is_open:
            logger.info("Mail %s is already %s", mail_id, mail.state)
            return mail.state
        state = _attempt(mail)
    if state == MailState.FAILED:
        # Raised without the SMTP error as its cause: the task row's traceback and the
        # worker's log then hold no address either.
        raise MailNotDelivered(f"Mail {mail_id} given up after {mail.attempts} attempts")
    return state


def _attempt(mail: OutgoingMail) -> str:
    now = timezone.now()
    mail.attempts += 1
    try:
        body, html = mail.content()
    except InvalidToken:
        return _give_up(mail, error="The text cannot be decrypted (SECRET_KEY changed).")
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=body,
        to=list(mail.recipients),
        reply_to=list(mail.reply_to) or None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        return _failed_attempt(mail, exc, now=now)
    except Exception as exc:  # a malformed message: no retry can help
        return _give_up(mail, error=_describe(exc), reason=type(exc).__name__)
    mail.state = MailState.SENT
    mail.sent_at = now
    mail.next_attempt_at = None
    mail.forget_content()
    mail.save()
    logger.info("Mail %s sent (attempt %d)", mail.pk, mail.attempts)
    return MailState.SENT


def _failed_attempt(mail: OutgoingMail, exc: Exception, *, now) -> str:
    delays = settings.MAIL_RETRY_DELAYS
    retries_done = mail.attempts - 1
    if retries_done >= len(delays):
        return _give_up(mail, error=_describe(exc), reason=type(exc).__name__)
    mail.state = MailState.RETRYING
    mail.last_error = _describe(exc)
    mail.next_attempt_at = now + timedelta(seconds=delays[retries_done])
    mail.save()
    logger.warning(
        "Mail %s: attempt %d failed (%s), state %s, next attempt in %d s",
        mail.pk,
        mail.attempts,
        type(exc).__name__,
        mail.state,
        delays[retries_done],
    )
    retry = deliver_mail
    if deliver_mail.get_backend().supports_defer:
        retry = deliver_mail.using(run_after=mail.next_attempt_at)
    retry.enqueue(mail_id=mail.pk)
    return MailState.RETRYING


def _give_up(mail: OutgoingMail, *, error: str, reason: str = "") -> str:
    mail.state = MailState.FAILED
    mail.last_error = error
    mail.next_attempt_at = None
    mail.forget_content()
    mail.save()
    logger.error(
        "Mail %s: attempt %d failed (%s), state %s, giving up",
        mail.pk,
        mail.attempts,
        reason or "undecryptable",
        mail.state,
    )
    return MailState.FAILED


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH]
