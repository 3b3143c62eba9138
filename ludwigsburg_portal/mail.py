"""Scheduling of every e-mail the portal sends (ours, allauth's, the feedback form's).

:func:`schedule_mail` stores the rendered message as an :class:`~.models.OutgoingMail`
row, its text sealed, inside the caller's transaction, and hands only the row's id to
the background worker once that transaction commits: a mail is only ever sent about
data that is really stored, and no task row, log line or admin page holds its text.
"""

from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import OutgoingMail
from .tasks import deliver_mail


def render_mail(template: str, context: dict) -> tuple[str, str]:
    """Subject and text from ``<template>_subject.txt`` and ``<template>_body.txt``; the
    subject in one line behind the portal's prefix."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"{template}_subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    return subject, render_to_string(f"{template}_body.txt", context)


def schedule_mail(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    html: str = "",
    reply_to: Iterable[str] = (),
    user=None,
) -> OutgoingMail | None:
    """Queue one message to ``to``; ``user`` is the account it concerns (its mails are
    deleted with it). Returns the stored mail, or None when nobody is to get it."""
    recipients = [address for address in to if address]
    if not recipients:
        return None
    mail = OutgoingMail(
        recipients=recipients,
        reply_to=[address for address in reply_to if address],
        subject=" ".join(subject.split()),
        user=user,
    )
    mail.seal_content(body=body, html=html)
    # Addresses are not validated here: one the mail server refuses must not roll back
    # the data the mail is about; the worker records the refusal on the row.
    mail.full_clean(exclude=["recipients", "reply_to", "user"])
    mail.save()
    transaction.on_commit(partial(deliver_mail.enqueue, mail_id=mail.pk))
    return mail


def _tasks_for(mail_ids):
    """The queue's rows for these mails (they hold nothing but the id). A row a worker
    is running stays: the worker still writes its outcome into it."""
    return DBTaskResult.objects.filter(
        task_path=deliver_mail.module_path, args_kwargs__kwargs__mail_id__in=list(mail_ids)
    ).exclude(status=TaskResultStatus.RUNNING)


@transaction.atomic
def outgoing_mail_forget(*, user, addresses: Iterable[str] = ()) -> int:
    """Delete every mail about ``user`` or to one of ``addresses`` and the queue's task
    rows for them (for the deletion of an account). Returns how many mails."""
    ids = list(
        OutgoingMail.objects.concerning(user=user, addresses=addresses).values_list("pk", flat=True)
    )
    _tasks_for(ids).delete()
    OutgoingMail.objects.filter(pk__in=ids).delete()
    return len(ids)


@transaction.atomic
def outgoing_mail_prune(*, older_than_days: int, now=None) -> int:
    """Delete sent and given-up mails older than ``older_than_days`` (who got which
    subject is kept only as long as staff need it to answer questions)."""
    limit = (now or timezone.now()) - timedelta(days=older_than_days)
    old = OutgoingMail.objects.finished().filter(created__lt=limit)
    ids = list(old.values_list("pk", flat=True))
    _tasks_for(ids).delete()
    OutgoingMail.objects.filter(pk__in=ids).delete()
    return len(ids)
