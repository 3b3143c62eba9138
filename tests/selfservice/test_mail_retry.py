"""E-mail never loses data: with the mail server down the submission is kept,
and the durable worker delivers the mail on a later attempt."""

import smtplib

from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from ludwigsburg_portal.models import MailState, OutgoingMail
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


def test_smtp_down_keeps_submission_and_worker_retries(client, db, settings, committed, worker):
    settings.MAIL_RETRY_DELAYS = [0]  # retry at once; production waits minutes
    settings.EMAIL_BACKEND = "tests.selfservice.test_mail_retry.FlakySMTP"
    FlakySMTP.failures = 1

    with committed():
        response = client.post(reverse("selfservice:submit"), submission_data())
    assert response.status_code == 302
    assert Submission.objects.count() == 1  # stored before any mail
    assert DBTaskResult.objects.count() == 1  # the mail waits in the queue
    queued = OutgoingMail.objects.get()
    assert queued.state == MailState.QUEUED and queued.recipients == ["amara@example.org"]

    worker(max_tasks=1)
    assert mail.outbox == []  # first attempt failed …
    assert DBTaskResult.objects.count() == 2  # … and scheduled a retry
    queued.refresh_from_db()
    assert queued.state == MailState.RETRYING and queued.attempts == 1
    assert "SMTPServerDisconnected" in queued.last_error

    worker()
    assert [m.to for m in mail.outbox] == [["amara@example.org"]]
    assert "/mitmachen/bestaetigen/" in mail.outbox[0].body
    assert Submission.objects.count() == 1
    queued.refresh_from_db()
    assert queued.state == MailState.SENT and queued.attempts == 2 and queued.sent_at


def test_mail_is_given_up_after_the_last_retry_and_staff_see_why(
    client, db, settings, committed, worker
):
    settings.MAIL_RETRY_DELAYS = [0, 0]
    settings.EMAIL_BACKEND = "tests.selfservice.test_mail_retry.FlakySMTP"
    FlakySMTP.failures = 99

    with committed():
        client.post(reverse("selfservice:submit"), submission_data())
    worker()

    assert mail.outbox == []
    given_up = OutgoingMail.objects.get()
    assert given_up.state == MailState.FAILED
    assert given_up.attempts == 3  # the first try and one per delay
    assert "Connection unexpectedly closed" in given_up.last_error
    assert given_up.body_sealed == ""  # nothing left to send, nothing kept
    assert Submission.objects.count() == 1
    tasks = DBTaskResult.objects.order_by("enqueued_at")
    assert [t.status for t in tasks] == ["SUCCESSFUL", "SUCCESSFUL", "FAILED"]
    assert "amara@example.org" not in tasks.last().traceback
