"""E-mail never loses data: with the mail server down the submission is kept,
and the durable worker delivers the mail on a later attempt."""

import smtplib

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from selfservice.models import Submission

from .conftest import submission_data


class FlakySMTP:
    """Refuses the first ``failures`` messages, then delivers into mail.outbox."""

    failures = 1

    def __init__(self, *args, **kwargs):
        from django.core.mail.backends.locmem import EmailBackend

        self.inner = EmailBackend()

    def send_messages(self, messages):
        if FlakySMTP.failures > 0:
            FlakySMTP.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return self.inner.send_messages(messages)


def test_smtp_down_keeps_submission_and_worker_retries(
    client, db, settings, committed, monkeypatch
):
    # The real worker command runs the queue. Between tasks it drops connections that
    # are not in autocommit mode, which would end this test's transaction: skip that.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAIL_RETRY_DELAYS = [0]  # retry at once; production waits minutes
    settings.EMAIL_BACKEND = "tests.selfservice.test_mail_retry.FlakySMTP"
    FlakySMTP.failures = 1
    assert task_backends["default"].supports_defer  # django-tasks re-reads TASKS

    with committed():
        response = client.post(reverse("selfservice:submit"), submission_data())
    assert response.status_code == 302
    assert Submission.objects.count() == 1  # stored before any mail
    assert DBTaskResult.objects.count() == 1  # the mail waits in the queue

    call_command("db_worker", "--batch", "--max-tasks", "1", "--no-startup-delay", verbosity=0)
    assert mail.outbox == []  # first attempt failed …
    assert DBTaskResult.objects.count() == 2  # … and scheduled a retry

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.to for m in mail.outbox] == [["amara@example.org"]]
    assert "/mitmachen/bestaetigen/" in mail.outbox[0].body
    assert Submission.objects.count() == 1
