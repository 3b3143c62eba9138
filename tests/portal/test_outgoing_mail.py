"""Outgoing mail: the text is sealed and gone once sent, the queue carries only an id,
staff see who got which subject but never the text, logs name no address."""

import datetime
import importlib
import json
import logging
import re
import smtplib

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from ludwigsburg_portal.mail import outgoing_mail_forget, outgoing_mail_prune, schedule_mail
from ludwigsburg_portal.models import MailState, OutgoingMail
from ludwigsburg_portal.sealing import InvalidToken, seal, unseal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET_KEY = re.compile(r"/password/reset/key/[0-9a-z]+-(?P<key>[0-9a-z]+-[0-9a-f]+)/")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # allauth's request limits
    yield
    cache.clear()


@pytest.fixture
def superuser(db):
    return UserFactory(
        username="it-administration",
        email="it-administration@ludwigsburg.example",
        is_staff=True,
        is_superuser=True,
    )


def request_reset(email, capture):
    with capture(execute=True):
        response = Client().post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302


def test_queued_reset_mail_keeps_its_link_out_of_the_task_row_and_the_mail_row(
    superuser, worker, django_capture_on_commit_callbacks
):
    request_reset(superuser.email, django_capture_on_commit_callbacks)

    queued = OutgoingMail.objects.get()
    (task,) = DBTaskResult.objects.all()
    assert task.args_kwargs == {"args": [], "kwargs": {"mail_id": queued.pk}}
    assert queued.user == superuser  # deleted with the account
    body, _html = queued.content()
    key = RESET_KEY.search(body).group("key")
    assert key not in queued.body_sealed

    worker()

    (message,) = mail.outbox
    assert key in message.body
    task.refresh_from_db()
    stored = json.dumps([task.args_kwargs, task.return_value, task.traceback])
    assert key not in stored and superuser.email not in stored
    queued.refresh_from_db()
    assert queued.state == MailState.SENT and queued.attempts == 1
    assert queued.body_sealed == queued.html_sealed == ""  # nothing left to read


def test_staff_see_recipient_subject_and_state_of_a_mail_but_never_its_text(
    staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = schedule_mail(
            to=["Vorstand@Weltladen.example"],
            subject="Ihr Anmeldecode",
            body="Ihr Code: QX7-PL2-ZR9",
            html="<p>Ihr Code: <b>QX7-PL2-ZR9</b></p>",
        )
    with django_capture_on_commit_callbacks(execute=True):
        schedule_mail(to=["andere@example.org"], subject="Etwas anderes", body="…")
    assert [m.subject for m in mail.outbox] == ["Ihr Anmeldecode", "Etwas anderes"]

    listing = staff_client.get(reverse("admin:ludwigsburg_portal_outgoingmail_changelist"))
    found = staff_client.get(
        reverse("admin:ludwigsburg_portal_outgoingmail_changelist"),
        {"q": "vorstand@weltladen.example"},  # a whole address, in any case
    )
    detail = staff_client.get(
        reverse("admin:ludwigsburg_portal_outgoingmail_change", args=[sent.pk])
    )

    for page in (listing, found, detail):
        assert page.status_code == 200
        html = page.content.decode()
        assert "Vorstand@Weltladen.example" in html and "Ihr Anmeldecode" in html
        assert "Versendet" in html
        assert "QX7-PL2-ZR9" not in html
    assert "Etwas anderes" in listing.content.decode()
    assert "Etwas anderes" not in found.content.decode()
    assert "Versendete E-Mails" in staff_client.get(reverse("admin:index")).content.decode()
    # Read-only, for staff and superusers alike.
    add = reverse("admin:ludwigsburg_portal_outgoingmail_add")
    delete = reverse("admin:ludwigsburg_portal_outgoingmail_delete", args=[sent.pk])
    assert staff_client.get(add).status_code == 403
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    assert OutgoingMail.objects.filter(pk=sent.pk).exists()


def test_only_superusers_open_the_task_queue(staff_client, superuser):
    url = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    assert staff_client.get(url).status_code == 403
    admin_client = Client()
    admin_client.force_login(superuser)
    assert admin_client.get(url).status_code == 200


def test_worker_logs_name_neither_address_nor_subject(
    superuser, worker, settings, caplog, django_capture_on_commit_callbacks, monkeypatch
):
    settings.MAIL_RETRY_DELAYS = [0]

    def refuse(self, messages):
        # A real refusal quotes the address back.
        raise smtplib.SMTPRecipientsRefused({superuser.email: (550, b"mailbox unavailable")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    caplog.set_level(logging.DEBUG)
    request_reset(superuser.email, django_capture_on_commit_callbacks)
    subject = OutgoingMail.objects.get().subject

    worker()

    given_up = OutgoingMail.objects.get()
    assert given_up.state == MailState.FAILED
    assert superuser.email in given_up.last_error  # for staff, who see the recipient anyway
    worker_records = [r for r in caplog.records if r.name != "ludwigsburg_portal.access"]
    assert any(str(given_up.pk) in r.getMessage() for r in worker_records)
    logged = "\n".join(
        [r.getMessage() for r in worker_records]
        + [logging.Formatter().formatException(r.exc_info) for r in worker_records if r.exc_info]
    )
    assert superuser.email not in logged
    assert subject not in logged


def test_mail_deleted_before_the_worker_came_is_not_sent(
    db, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queued = schedule_mail(to=["weg@example.org"], subject="Code", body="123456")
    queued.delete()

    worker()

    assert mail.outbox == []
    assert DBTaskResult.objects.get().return_value == "deleted"


def test_nobody_to_send_to_means_no_mail(db):
    assert schedule_mail(to=["", None], subject="x", body="y") is None
    assert not OutgoingMail.objects.exists()


def test_mail_text_sealed_under_the_previous_secret_key_still_goes_out(db, settings):
    old_key = settings.SECRET_KEY
    queued = schedule_mail(to=["a@example.org"], subject="Code", body="Ihr Code: 424242")
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789abcdefghijkl"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert queued.content() == ("Ihr Code: 424242", "")
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(InvalidToken):
        queued.content()


def test_a_sealed_value_opens_only_for_its_own_purpose(settings):
    token = seal("geheim", purpose="one")
    assert "geheim" not in token
    assert unseal(token, purpose="one") == "geheim"
    with pytest.raises(InvalidToken):
        unseal(token, purpose="two")


def test_old_sent_and_failed_mails_are_pruned_queued_ones_stay(db):
    long_ago = timezone.now() - datetime.timedelta(days=40)
    old_sent = OutgoingMail.objects.create(
        recipients=["a@example.org"], state=MailState.SENT, sent_at=long_ago, created=long_ago
    )
    old_failed = OutgoingMail.objects.create(
        recipients=["b@example.org"], state=MailState.FAILED, created=long_ago
    )
    old_queued = schedule_mail(to=["c@example.org"], subject="noch unterwegs", body="…")
    OutgoingMail.objects.filter(pk=old_queued.pk).update(created=long_ago)
    recent = OutgoingMail.objects.create(
        recipients=["d@example.org"], state=MailState.SENT, sent_at=timezone.now()
    )

    call_command("prune_outgoing_mail", "--min-age-days", "30", verbosity=0)

    remaining = set(OutgoingMail.objects.values_list("pk", flat=True))
    assert remaining == {old_queued.pk, recent.pk}
    assert not {old_sent.pk, old_failed.pk} & remaining
    assert outgoing_mail_prune(older_than_days=30) == 0


def test_mails_waiting_in_the_old_task_format_go_out_with_their_text_sealed(db, worker):
    legacy = DBTaskResult.objects.create(
        task_path="selfservice.tasks.deliver_mail",
        args_kwargs={
            "args": [],
            "kwargs": {
                "subject": "[Eine-Welt-Portal] Passwort zurücksetzen",
                "body": "http://127.0.0.1:8000/konto/password/reset/key/1-abc-0123456789abcdef/",
                "to": ["verein@example.org"],
                "html": "",
                "attempt": 0,
            },
        },
        backend_name="default",
        run_after=get_date_max(),
    )
    finished = DBTaskResult.objects.create(
        task_path="selfservice.tasks.deliver_mail",
        args_kwargs={"args": [], "kwargs": {"subject": "alt", "body": "Code 999999", "to": []}},
        backend_name="default",
        status="SUCCESSFUL",
        run_after=legacy.run_after,
    )
    migration = importlib.import_module("selfservice.migrations.0004_mail_queue_without_secrets")

    migration.seal_queued_mail(django_apps, None)

    assert not DBTaskResult.objects.filter(pk=finished.pk).exists()
    legacy.refresh_from_db()
    converted = OutgoingMail.objects.get()
    assert legacy.args_kwargs == {"args": [], "kwargs": {"mail_id": converted.pk}}
    assert "abc-0123456789abcdef" not in converted.body_sealed
    worker()
    (message,) = mail.outbox
    assert message.to == ["verein@example.org"]
    assert "/key/1-abc-0123456789abcdef/" in message.body


def test_forgetting_a_persons_mail_leaves_the_task_a_worker_is_running_to_the_worker(db):
    person = UserFactory(email="weg@example.org")
    queued = schedule_mail(to=[person.email], subject="Code", body="123456", user=person)
    _waiting, running = (
        DBTaskResult.objects.create(
            task_path="ludwigsburg_portal.tasks.deliver_mail",
            args_kwargs={"args": [], "kwargs": {"mail_id": queued.pk}},
            backend_name="default",
            run_after=get_date_max(),
            status=status,
        )
        for status in ("READY", "RUNNING")
    )

    assert outgoing_mail_forget(user=person, addresses=[person.email]) == 1

    assert not OutgoingMail.objects.exists()
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [running.pk]
