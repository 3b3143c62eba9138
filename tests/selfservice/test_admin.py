"""The moderation admin works for the Koordinationsstelle group (not superuser)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.urls import reverse

from selfservice import services
from selfservice.models import Claim, EditorInvitation, EventSubmission, ProfileReminder, Revision
from selfservice.services import profile_data, submission_confirm, submission_create
from tests.factories import ActorFactory, EventFactory, StaffUserFactory, UserFactory

MODELS = [
    "submission",
    "revision",
    "claim",
    "eventsubmission",
    "editorinvitation",
    "profilereminder",
]


@pytest.fixture
def items(editor, actor_a):
    submission = submission_create(
        profile=profile_data(cleaned={"name": "Neu", "kind": "association"}),
        submitter_name="A",
        submitter_email="a@example.org",
    )
    submission_confirm(submission=submission)
    Revision.objects.create(
        actor=actor_a, author=editor, before={"teaser": "a"}, after={"teaser": "b"}
    )
    Claim.objects.create(actor=ActorFactory(), user=UserFactory(), name="B", message="C")
    EventSubmission.objects.create(
        event=EventFactory(status="pending"), actor=actor_a, submitted_by=editor
    )
    EditorInvitation.objects.create(actor=actor_a, email="c@example.org", invited_by=editor)
    ProfileReminder.objects.create(user=editor).actors.add(actor_a)


@pytest.mark.parametrize("model", MODELS)
def test_staff_opens_queue_item_and_history(staff_client, items, model):
    changelist = staff_client.get(reverse(f"admin:selfservice_{model}_changelist"))
    assert changelist.status_code == 200
    obj = changelist.context["cl"].result_list[0]
    assert (
        staff_client.get(reverse(f"admin:selfservice_{model}_change", args=[obj.pk])).status_code
        == 200
    )
    if model in ("submission", "revision", "claim", "eventsubmission"):
        assert (
            staff_client.get(
                reverse(f"admin:selfservice_{model}_decide", args=[obj.pk])
            ).status_code
            == 200
        )
        assert (
            staff_client.get(
                reverse(f"admin:selfservice_{model}_history", args=[obj.pk])
            ).status_code
            == 200
        )


def test_pending_filter_shows_the_queue(staff_client, items):
    response = staff_client.get(
        reverse("admin:selfservice_revision_changelist"), {"state__exact": "pending"}
    )
    assert len(response.context["cl"].result_list) == 1
    assert "Prüfen" in response.content.decode()


def test_bulk_approve_action(staff_client, items, actor_a):
    revision = Revision.objects.get()
    staff_client.post(
        reverse("admin:selfservice_revision_changelist"),
        {"action": "approve_selected", "_selected_action": [revision.pk]},
    )
    revision.refresh_from_db()
    actor_a.refresh_from_db()
    assert revision.state == "approved"
    assert actor_a.teaser == "b"


def test_actor_and_event_history_pages_load(staff_client, actor_a):
    assert (
        staff_client.get(reverse("admin:actors_actor_history", args=[actor_a.pk])).status_code
        == 200
    )
    event = EventFactory()
    assert (
        staff_client.get(reverse("admin:events_event_history", args=[event.pk])).status_code == 200
    )


def test_queue_lists_open_items_first(staff_client, items, actor_a, editor):
    decided = Revision.objects.create(
        actor=ActorFactory(), author=editor, after={"teaser": "x"}, state="approved"
    )
    response = staff_client.get(reverse("admin:selfservice_revision_changelist"))
    states = [revision.state for revision in response.context["cl"].result_list]
    assert states == ["pending", "approved"]
    assert decided in response.context["cl"].result_list


def test_staff_invitation_from_admin_is_mailed(staff_client, actor_a, committed):
    from django.core import mail

    with committed():
        response = staff_client.post(
            reverse("admin:selfservice_editorinvitation_add"),
            {"actor": actor_a.pk, "email": "vorstand@example.org"},
        )
    assert response.status_code == 302
    invitation = EditorInvitation.objects.get()
    assert invitation.invited_by.username == "koordination"
    assert [m.to for m in mail.outbox] == [["vorstand@example.org"]]
    assert invitation.token in mail.outbox[0].body


def test_staff_invitation_of_existing_editor_is_explained(staff_client, actor_a, editor):
    response = staff_client.post(
        reverse("admin:selfservice_editorinvitation_add"),
        {"actor": actor_a.pk, "email": editor.email},
    )
    assert response.status_code == 200
    assert "bearbeitet das Profil bereits" in response.content.decode()
    assert not EditorInvitation.objects.exists()


def test_decide_page_shows_proposed_logo(staff_client, actor_a, editor):
    revision = Revision.objects.create(
        actor=actor_a, author=editor, before={"logo": ""}, after={"logo": "logos/neu.png"}
    )
    page = staff_client.get(
        reverse("admin:selfservice_revision_decide", args=[revision.pk])
    ).content.decode()
    assert '<img src="/media/logos/neu.png" alt="vorgeschlagenes Logo"' in page


def test_deciding_an_item_someone_else_decided_says_who_did(staff_client, items):
    revision = Revision.objects.get()
    colleague = StaffUserFactory(username="k.mueller", first_name="Karla", last_name="Müller")
    services.revision_reject(revision=revision, by=colleague, reason="Passt nicht.")
    url = reverse("admin:selfservice_revision_decide", args=[revision.pk])

    response = staff_client.post(url, {"approve": "1"})

    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Darüber wurde schon entschieden: „Abgelehnt“ von Karla Müller."]
    revision.refresh_from_db()
    assert revision.state == "rejected"


def test_staff_inviting_an_editors_second_verified_address_is_explained(
    staff_client, actor_a, editor
):
    EmailAddress.objects.create(user=editor, email="vorstand@example.org", verified=True)
    response = staff_client.post(
        reverse("admin:selfservice_editorinvitation_add"),
        {"actor": actor_a.pk, "email": "Vorstand@example.org"},
    )
    assert response.status_code == 200
    assert "bearbeitet das Profil bereits" in response.content.decode()
    assert not EditorInvitation.objects.exists()
