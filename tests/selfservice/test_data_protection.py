import json

from django.urls import reverse

from actors.models import Actor
from selfservice.models import Claim, EditorInvitation, Revision, Submission
from selfservice.services import profile_data, submission_confirm, submission_create
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
