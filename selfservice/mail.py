"""Rendering and scheduling of every self-service e-mail."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from .tasks import deliver_mail


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def schedule_mail(*, template: str, to: list[str], context: dict) -> None:
    """Render ``selfservice/mail/<template>_subject.txt`` and ``_body.txt`` now and
    hand them to the background queue once the surrounding transaction commits,
    so a mail is only ever sent about data that is really stored."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"selfservice/mail/{template}_subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    body = render_to_string(f"selfservice/mail/{template}_body.txt", context)
    recipients = [address for address in to if address]
    if not recipients:
        return
    transaction.on_commit(lambda: deliver_mail.enqueue(subject=subject, body=body, to=recipients))


def schedule_staff_mail(*, template: str, context: dict) -> None:
    schedule_mail(template=template, to=list(settings.STAFF_NOTIFICATION_EMAILS), context=context)
