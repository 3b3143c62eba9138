import json

from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from actors.models import Actor
from ludwigsburg_portal.models import OutgoingMail
from selfservice.models import Claim, EditorInvitation, Revision, Submission
from selfservice.services import (
    claim_create,
    profile_data,
    submission_confirm,
    submission_create,
)
from tests.factories import ActorFactory, UserFactory


def make_submission(email="amara@example.org"):
    submission = submission_create(
        profile=profile_data(cleaned={"name": "Kongo-Partnerschaft", "kind": "association"}),
        submitter_name="Amara Diallo",
        submitter_email=email,
    )
    submission_confirm(submission=submission)
    return submission


def test_export_contains_everything_about_the_user(client, editor, actor_a):
    make_submission(email=editor.email)
    Claim.objects.create(actor=ActorFactory(), user=editor, name="Eva", message="Vorstand")
    client.force_login(editor)
    response = client.get(reverse("selfservice:my_data_export"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["submissions"][0]["submitter_name"] == "Amara Diallo"
    assert data["claims"][0]["message"] == "Vorstand"
    assert data["edited_profiles"][0]["name"] == "Weltladen Ludwigsburg"


def test_account_deletion_removes_personal_data(client, editor, actor_a):
    submission = make_submission(email=editor.email)
    EditorInvitation.objects.create(actor=actor_a, email=editor.email)
    client.force_login(editor)

    response = client.post(reverse("selfservice:my_data"), {})
    assert "confirm" in response.context["form"].errors  # needs the tick

    response = client.post(reverse("selfservice:my_data"), {"confirm": "on"})
    assert response.status_code == 302
    assert not type(editor).objects.filter(pk=editor.pk).exists()
    submission.refresh_from_db()
    assert submission.submitter_email == "" and submission.submitter_name == ""
    history = Submission.history.filter(id=submission.pk)
    assert not history.exclude(submitter_email="").exists()
    assert not EditorInvitation.objects.exists()
    assert Actor.objects.filter(pk=actor_a.pk).exists()  # the profile belongs to the association
    # Logged out afterwards.
    assert client.get(reverse("selfservice:my_profiles")).status_code == 302


def test_account_deletion_leaves_no_mail_or_queue_row_with_the_persons_address(
    client, editor, committed, worker
):
    other = ActorFactory(name="Weltladen Oßweil")
    with committed():  # from before the account: the confirmation of a new entry
        submission_create(
            profile=profile_data(cleaned={"name": "Neu", "kind": "association"}),
            submitter_name="Erika Mustermann",
            submitter_email=editor.email.upper(),
        )
    with committed():  # the account's own mail, with its login code
        client.post(reverse("account_request_login_code"), {"email": editor.email})
    with committed():  # a staff notification about the person
        claim_create(actor=other, user=editor, name="Erika Mustermann", message="Vorstand")
    with committed():  # somebody else's mail stays
        make_submission(email="andere@example.org")

    client.force_login(editor)
    with committed():
        client.post(reverse("selfservice:my_data"), {"confirm": "on"})

    rows = [json.dumps(t.args_kwargs) for t in DBTaskResult.objects.all()]
    rows += [f"{m.recipients} {m.reply_to} {m.subject}" for m in OutgoingMail.objects.all()]
    assert [row for row in rows if editor.email in row.lower()] == []
    assert OutgoingMail.objects.addressed_to(["andere@example.org"]).exists()
    worker()  # what was queued about the person is not sent after all
    sent = [f"{m.to} {m.body}" for m in mail.outbox]
    assert sent and [text for text in sent if editor.email in text.lower()] == []
    assert [text for text in sent if "Mustermann" in text] == []


def test_deleting_an_actor_deletes_attached_personal_data(db):
    submission = make_submission()
    actor = submission.actor
    user = UserFactory()
    Claim.objects.create(actor=actor, user=user, name="Eva", message="Vorstand")
    EditorInvitation.objects.create(actor=actor, email="x@example.org")
    Revision.objects.create(actor=actor, after={"phone": "0171 999"})
    assert Actor.history.filter(id=actor.pk).exists()

    actor.delete()

    assert not Submission.objects.exists() and not Submission.history.exists()
    assert not Claim.objects.exists() and not Claim.history.exists()
    assert not EditorInvitation.objects.exists()
    assert not Revision.objects.exists() and not Revision.history.exists()
    assert not Actor.history.filter(id=actor.pk).exists()


def test_unconfirmed_submissions_are_deleted_after_the_link_expired(db, settings):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    old = submission_create(
        profile=profile_data(cleaned={"name": "Nie bestätigt", "kind": "association"}),
        submitter_name="Anonym",
        submitter_email="anonym@example.org",
    )
    Submission.objects.filter(pk=old.pk).update(
        created=timezone.now() - datetime.timedelta(days=settings.SELFSERVICE_TOKEN_DAYS + 1)
    )
    fresh = make_submission()  # confirmed: stays
    recent = submission_create(
        profile=profile_data(cleaned={"name": "Gerade eben", "kind": "association"}),
        submitter_name="B",
        submitter_email="b@example.org",
    )

    call_command("purge_unconfirmed_submissions", verbosity=0)

    assert set(Submission.objects.values_list("pk", flat=True)) == {fresh.pk, recent.pk}
    assert not Actor.objects.filter(name="Nie bestätigt").exists()
    assert not Submission.history.filter(submitter_email="anonym@example.org").exists()


def test_staff_can_add_editors_in_admin(staff_client, actor_a):
    page = staff_client.get(reverse("admin:actors_actor_change", args=[actor_a.pk]))
    content = page.content.decode()
    assert 'name="editors"' in content and 'name="trusted"' in content


def test_purge_reports_only_what_it_really_deleted(db, settings):
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    expired = timezone.now() - datetime.timedelta(days=settings.SELFSERVICE_TOKEN_DAYS + 1)
    for name in ("Nie bestätigt", "Vom Büro übernommen"):
        submission = submission_create(
            profile=profile_data(cleaned={"name": name, "kind": "association"}),
            submitter_name="Anonym",
            submitter_email="anonym@example.org",
        )
        Submission.objects.filter(pk=submission.pk).update(created=expired)
    adopted = Actor.objects.get(name="Vom Büro übernommen")
    adopted.status = "published"  # staff published it from its change form
    adopted.save()

    out = io.StringIO()
    call_command("purge_unconfirmed_submissions", stdout=out)

    assert out.getvalue().strip() == ("1 unconfirmed submission(s) and 1 draft profile(s) deleted.")
    assert list(Actor.objects.filter(name__in=["Nie bestätigt", "Vom Büro übernommen"])) == [
        adopted
    ]
