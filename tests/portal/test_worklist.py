"""The admin start page says what to do: the office's open work, counted, each count a
link to the queue that shows exactly those rows."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ludwigsburg_portal.models import MailState, OutgoingMail
from ludwigsburg_portal.worklist import open_work as compute_open_work
from pages.models import AccessibilityFeedback
from selfservice.models import Claim, EventSubmission, ModerationState, Revision, Submission
from tests.factories import ActorFactory, EventFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<tr data-work="(?P<key>[\w.]+)">\s*<th scope="row">(?P<head>.*?)</th>\s*'
    r"<td>(?:<strong>)?(?P<count>\d+)(?:</strong>)?</td>",
    re.S,
)
LINK = re.compile(r'<a href="(?P<url>[^"]+)">(?P<label>.*?)</a>', re.S)


def worklist(html: str) -> dict[str, dict]:
    """``{key: {"count", "label", "url"}}`` of the "Zu tun" table on the start page."""
    rows = {}
    for match in ROW.finditer(html):
        link = LINK.search(match["head"])
        rows[match["key"]] = {
            "count": int(match["count"]),
            "label": unescape(link["label"] if link else match["head"]).strip(),
            "url": unescape(link["url"]) if link else None,
        }
    return rows


def submission(state=ModerationState.PENDING):
    return Submission.objects.create(
        actor=ActorFactory(status="pending"),
        submitter_name="Amara",
        submitter_email="amara@example.org",
        consent_at=timezone.now(),
        confirmed_at=None if state == ModerationState.UNCONFIRMED else timezone.now(),
        state=state,
    )


def revision(state=ModerationState.PENDING):
    return Revision.objects.create(
        actor=ActorFactory(), before={"teaser": "a"}, after={"teaser": "b"}, state=state
    )


def claim(state=ModerationState.PENDING):
    return Claim.objects.create(
        actor=ActorFactory(), user=UserFactory(), name="Kim", message="Vorstand", state=state
    )


def event_proposal(state=ModerationState.PENDING):
    event = EventFactory(status="pending" if state == ModerationState.PENDING else "published")
    return EventSubmission.objects.create(event=event, actor=ActorFactory(), state=state)


def overdue_actor(**kwargs):
    long_ago = timezone.now() - datetime.timedelta(days=600)
    return ActorFactory(last_confirmed_at=long_ago, **kwargs)


def feedback(*, handled=False):
    return AccessibilityFeedback.objects.create(message="Kontrast zu schwach", handled=handled)


def mail(state):
    return OutgoingMail.objects.create(
        recipients=["vorstand@weltladen.example"],
        subject="Ihr Eintrag",
        state=state,
        sent_at=timezone.now() if state == MailState.SENT else None,
    )


@pytest.fixture
def open_work():
    """A known set of open items, next to decided, handled and sent ones that are done."""
    expected = {
        "selfservice.submission": [submission(), submission()],
        "selfservice.revision": [revision()],
        "selfservice.claim": [claim()],
        "selfservice.eventsubmission": [event_proposal(), event_proposal(), event_proposal()],
        "actors.confirmation_overdue": [overdue_actor(), overdue_actor()],
        "pages.accessibilityfeedback": [feedback()],
        "failed_mail": [mail(MailState.FAILED)],
    }
    # Done or not yet for staff: none of these is counted.
    submission(ModerationState.APPROVED)
    submission(ModerationState.UNCONFIRMED)
    revision(ModerationState.REJECTED)
    claim(ModerationState.APPROVED)
    event_proposal(ModerationState.APPROVED)
    overdue_actor(status="draft")
    ActorFactory(last_confirmed_at=timezone.now())
    feedback(handled=True)
    mail(MailState.SENT)
    mail(MailState.RETRYING)
    return expected


def test_start_page_counts_the_open_work_and_each_link_shows_exactly_those_rows(
    staff_client, open_work
):
    rows = worklist(staff_client.get(reverse("admin:index")).content.decode())

    assert {key: row["count"] for key, row in rows.items()} == {
        key: len(items) for key, items in open_work.items()
    }
    assert rows["selfservice.submission"]["label"] == "Neueinträge zur Prüfung"
    assert rows["failed_mail"]["label"] == "Endgültig fehlgeschlagene E-Mails"
    for key, items in open_work.items():
        changelist = staff_client.get(rows[key]["url"])
        assert changelist.status_code == 200, key
        shown = {obj.pk for obj in changelist.context["cl"].result_list}
        assert shown == {item.pk for item in items}, key


def test_start_page_says_when_there_is_nothing_to_do(staff_client):
    rows = worklist(staff_client.get(reverse("admin:index")).content.decode())

    assert len(rows) == 7
    assert all(row["count"] == 0 and row["url"] is None for row in rows.values())
    assert rows["selfservice.submission"]["label"] == "Keine offenen Neueinträge"
    assert rows["selfservice.claim"]["label"] == "Keine offenen Profilübernahmen"
    assert rows["failed_mail"]["label"] == "Keine fehlgeschlagenen E-Mails"
    assert (
        rows["pages.accessibilityfeedback"]["label"]
        == "Keine offenen Rückmeldungen zur Barrierefreiheit"
    )


def test_a_user_without_permission_does_not_see_the_item(client, open_work):
    user = StaffUserFactory(username="praktikum")
    user.groups.clear()  # staff, but may only look at claims
    user.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(user)

    rows = worklist(client.get(reverse("admin:index")).content.decode())

    assert list(rows) == ["selfservice.claim"]
    assert rows["selfservice.claim"]["count"] == 1


def test_start_page_query_count_does_not_grow_with_the_open_work(
    staff_client, staff_user, django_assert_max_num_queries, django_assert_num_queries
):
    url = reverse("admin:index")
    staff_client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as empty:
        staff_client.get(url)
    for _ in range(5):
        submission(), revision(), claim(), event_proposal(), overdue_actor(), feedback()
        mail(MailState.FAILED)

    with django_assert_max_num_queries(len(empty.captured_queries)):
        rows = worklist(staff_client.get(url).content.decode())
    assert rows["selfservice.submission"]["count"] == 5
    staff_user.get_all_permissions()  # loaded once per request, as on the page
    with django_assert_num_queries(1):  # all seven counts in one query
        assert len(compute_open_work(staff_user)) == 7


def test_failed_mail_queue_shows_recipient_subject_state_and_error_but_never_the_text(
    staff_client,
):
    failed = mail(MailState.FAILED)
    failed.last_error = "SMTPRecipientsRefused: 550"
    failed.save()
    waiting = mail(MailState.RETRYING)
    waiting.seal_content(body="Ihr Code: QX7-PL2-ZR9")
    waiting.save()

    rows = worklist(staff_client.get(reverse("admin:index")).content.decode())
    html = staff_client.get(rows["failed_mail"]["url"]).content.decode()

    for text in ("Empfänger", "Betreff", "Status", "Letzter Fehler"):
        assert f">{text}<" in html or f">{text}</a>" in html, text
    assert "vorstand@weltladen.example" in html and "Ihr Eintrag" in html
    assert "Fehlgeschlagen" in html and "SMTPRecipientsRefused: 550" in html
    assert "QX7-PL2-ZR9" not in html
