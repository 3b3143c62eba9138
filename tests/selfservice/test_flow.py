"""The whole journey of an association, through the test client."""

import re

from django.core import mail
from django.urls import reverse

from actors.models import Actor
from ludwigsburg_portal.publication import PublicationStatus
from selfservice.models import ModerationState, Revision, Submission

from .conftest import link_in, mails_to, profile_data, submission_data


def decide(staff_client, item, committed, **data):
    url = reverse(f"admin:selfservice_{item._meta.model_name}_decide", args=[item.pk])
    with committed():
        return staff_client.post(url, data)


def test_submit_confirm_approve_login_edit_revision_approve(
    client, staff_client, committed, settings
):
    settings.STAFF_NOTIFICATION_EMAILS = ["koordination@ludwigsburg.example"]
    anonymous = client.__class__()

    # 1. Submit: stored as a draft, a confirmation mail goes out, staff hear nothing yet.
    with committed():
        response = anonymous.post(reverse("selfservice:submit"), submission_data())
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.state == ModerationState.UNCONFIRMED
    assert submission.actor.status == PublicationStatus.DRAFT
    assert [m.to for m in mail.outbox] == [["amara@example.org"]]
    assert anonymous.get(submission.actor.get_absolute_url()).status_code == 404

    # 2. Confirm: the link shows a button; pressing it puts the entry in the staff queue.
    confirm_url = link_in(mail.outbox[0], "/mitmachen/bestaetigen/")
    assert anonymous.get(confirm_url).status_code == 200
    with committed():
        anonymous.post(confirm_url)
    submission.refresh_from_db()
    assert submission.state == ModerationState.PENDING
    assert submission.actor.status == PublicationStatus.PENDING
    assert len(mails_to("koordination@ludwigsburg.example")) == 1
    # Pending is not public: not on the detail page, not in the list.
    assert anonymous.get(submission.actor.get_absolute_url()).status_code == 404
    assert "Partnerschaft Ludwigsburg" not in anonymous.get(reverse("actors:list")).content.decode()

    # 3. Staff approve in the admin queue.
    queue = staff_client.get(reverse("admin:selfservice_submission_changelist"))
    assert "Partnerschaft Ludwigsburg–Kongo" in queue.content.decode()
    decide(staff_client, submission, committed, approve="1")
    actor = Actor.objects.get(pk=submission.actor_id)
    assert actor.status == PublicationStatus.PUBLISHED
    page = anonymous.get(actor.get_absolute_url())
    assert page.status_code == 200
    approved_mail = mails_to("amara@example.org")[-1]
    assert "freigeschaltet" in approved_mail.subject

    # 4. The submitter logs in with a one-time code sent to the confirmed address.
    with committed():
        anonymous.post(reverse("account_request_login_code"), {"email": "amara@example.org"})
    code_mail = mails_to("amara@example.org")[-1]
    code = re.search(r"^\s*([A-Z0-9][A-Z0-9-]{4,14})\s*$", code_mail.body, re.MULTILINE).group(1)
    response = anonymous.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    my_profiles = anonymous.get(reverse("selfservice:my_profiles"))
    assert "Partnerschaft Ludwigsburg–Kongo" in my_profiles.content.decode()

    # 5. An edit of the published profile waits for review; the old text stays public.
    edit_url = reverse("selfservice:edit", kwargs={"slug": actor.slug})
    assert anonymous.get(edit_url).status_code == 200
    with committed():
        anonymous.post(edit_url, profile_data(teaser="Neue Kurzbeschreibung für 2027."))
    revision = Revision.objects.get()
    assert revision.is_pending
    assert revision.changed_fields() == ["teaser"]
    public = anonymous.get(actor.get_absolute_url()).content.decode()
    actor.refresh_from_db()
    assert actor.teaser == "Schulpartnerschaften und fairer Handel."

    # Staff see a before/after comparison of exactly that field.
    decide_page = staff_client.get(
        reverse("admin:selfservice_revision_decide", args=[revision.pk])
    ).content.decode()
    assert "<del>Schulpartnerschaften und fairer Handel.</del>" in decide_page
    assert "<ins>Neue Kurzbeschreibung für 2027.</ins>" in decide_page

    # 6. Approved: the new version is public.
    decide(staff_client, revision, committed, approve="1")
    actor.refresh_from_db()
    assert actor.teaser == "Neue Kurzbeschreibung für 2027."
    assert actor.status == PublicationStatus.PUBLISHED
    assert public is not None
    # History: who approved is recorded.
    assert actor.history.first().history_user.username == "koordination"


def test_rejection_reason_is_mailed_and_entry_never_public(client, staff_client, committed):
    with committed():
        client.post(reverse("selfservice:submit"), submission_data())
    submission = Submission.objects.get()
    with committed():
        client.post(link_in(mail.outbox[0], "/mitmachen/bestaetigen/"))
    submission.refresh_from_db()

    response = decide(staff_client, submission, committed, reject="1", reason="")
    assert response.status_code == 200  # a rejection needs a reason
    submission.refresh_from_db()
    assert submission.is_pending

    decide(staff_client, submission, committed, reject="1", reason="Kein Bezug zu Ludwigsburg.")
    submission.refresh_from_db()
    assert submission.state == ModerationState.REJECTED
    assert "Kein Bezug zu Ludwigsburg." in mails_to("amara@example.org")[-1].body
    assert client.get(submission.actor.get_absolute_url()).status_code == 404


def test_trusted_actor_changes_go_live_directly(client, actor_a, editor, committed):
    actor_a.trusted = True
    actor_a.save()
    client.force_login(editor)
    with committed():
        client.post(
            reverse("selfservice:edit", kwargs={"slug": actor_a.slug}),
            profile_data(name="Weltladen Ludwigsburg", teaser="Sofort sichtbar."),
        )
    actor_a.refresh_from_db()
    assert actor_a.teaser == "Sofort sichtbar."
    assert not Revision.objects.exists()


def test_second_edit_replaces_the_pending_revision(client, editor, actor_a, committed):
    client.force_login(editor)
    url = reverse("selfservice:edit", kwargs={"slug": actor_a.slug})
    with committed():
        client.post(url, profile_data(name="Weltladen Ludwigsburg", teaser="Erster Versuch."))
        # The form now starts from the pending change, not from the public text.
        assert "Erster Versuch." in client.get(url).content.decode()
        client.post(url, profile_data(name="Weltladen Ludwigsburg", teaser="Zweiter Versuch."))
    revision = Revision.objects.get()
    assert revision.after["teaser"] == "Zweiter Versuch."
    actor_a.refresh_from_db()
    assert actor_a.teaser == "Engagiert sich für fairen Handel in Ludwigsburg."


def test_staff_changes_in_between_survive_an_approved_revision(
    client, staff_client, editor, actor_a, committed
):
    editor_client = client.__class__()
    editor_client.force_login(editor)
    with committed():
        editor_client.post(
            reverse("selfservice:edit", kwargs={"slug": actor_a.slug}),
            {
                "name": actor_a.name,
                "kind": actor_a.kind,
                "teaser": "Vom Verein.",
                "description": actor_a.description,
                "city": actor_a.city,
            },
        )
    revision = Revision.objects.get()
    assert revision.changed_fields() == ["teaser"]
    type(actor_a).objects.filter(pk=actor_a.pk).update(phone="07141 999")  # staff fixed the phone
    decide(staff_client, revision, committed, approve="1")
    actor_a.refresh_from_db()
    assert actor_a.teaser == "Vom Verein."
    assert actor_a.phone == "07141 999"


def test_editor_logs_in_with_password_and_lands_on_my_profiles(client, actor_a, editor):
    page = client.get(reverse("account_login")).content.decode()
    assert "Anmeldecode per E-Mail schicken" in page
    response = client.post(
        reverse("account_login"), {"login": editor.email, "password": "sicheres-passwort-123"}
    )
    assert response.status_code == 302
    # With allauth's "signed in" message: the page opens at that message.
    assert response.url == reverse("selfservice:my_profiles") + "#meldung"
    wrong = client.__class__().post(
        reverse("account_login"), {"login": editor.email, "password": "falsch"}
    )
    assert "Passwort sind leider falsch" in wrong.content.decode()
