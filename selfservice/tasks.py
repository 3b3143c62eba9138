"""Background e-mail with retries (django-tasks, durable database backend).

The message is rendered when it is scheduled and stored with the task, so a
mail server that is down only delays it: the worker retries after the delays in
``MAIL_RETRY_DELAYS`` and the data that caused the mail is already saved.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def deliver_mail(
    *, subject: str, body: str, to: list[str], html: str = "", attempt: int = 0
) -> str:
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        delays = settings.MAIL_RETRY_DELAYS
        if attempt >= len(delays):
            logger.error("Giving up on mail %r to %s: %s", subject, to, exc)
            raise
        logger.warning("Mail %r to %s failed (%s), retry %d", subject, to, exc, attempt + 1)
        retry = deliver_mail
        if deliver_mail.get_backend().supports_defer:
            retry = deliver_mail.using(
                run_after=timezone.now() + timedelta(seconds=delays[attempt])
            )
        retry.enqueue(subject=subject, body=body, to=to, html=html, attempt=attempt + 1)
        return "retry scheduled"
    return "sent"
