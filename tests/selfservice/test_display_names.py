"""People are shown by name or address, never by the generated user name: on their
own pages, to the other editors, in mails and to staff in the admin and history."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from ludwigsburg_portal.people import display_name
from selfservice import services
from selfservice.models import Revision
from tests.factories import StaffUserFactory, UserFactory

from .conftest import verified_user

PASSWORD = "sicheres-passwort-123"


@pytest.fixture
def named_editor(actor_a, editor):
    editor.first_name, editor.last_name = "Chris", "Kowalski"
    editor.username = "chris.ko"
    editor.save()
    return editor


def test_a_person_is_shown_by_name_else_by_the_address_they_verified(db):
    named = verified_user(username="chris.ko", first_name="Chris", last_name="Kowalski")
    unnamed = verified_user(username="chris.ko2", email="chris@example.org")
    assert display_name(named) == "Chris Kowalski"
    assert display_name(unnamed) == "chris@example.org"
    assert str(unnamed) == "chris@example.org"  # admin columns, selectors, history
    rendered = Template("{% load people %}{{ person|display_name }}").render(
        Context({"person": named})
    )
    assert rendered == "Chris Kowalski"


def test_an_address_nobody_confirmed_is_marked_and_a_staff_login_shows_its_address(db):
    unconfirmed = UserFactory(username="fremd", email="opfer@example.org")
    EmailAddress.objects.create(user=unconfirmed, email="opfer@example.org", verified=False)
    assert display_name(unconfirmed) == "opfer@example.org (nicht bestätigt)"
    staff = StaffUserFactory(username="koordination", email="eine-welt@ludwigsburg.example")
    assert display_name(staff) == "eine-welt@ludwigsburg.example"
    nobody = UserFactory(username="ohne-adresse", email="")
    assert display_name(nobody) == f"Konto Nr. {nobody.pk}"


def test_login_message_greets_the_person_by_name(named_editor):
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": named_editor.email, "password": PASSWORD}
    )
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Chris Kowalski" in message for message in messages), messages
    assert not any("chris.ko" in message for message in messages)


def test_editors_page_and_my_profiles_show_names(named_editor, actor_a):
    colleague = verified_user(username="vorstand.w", email="vorstand@example.org")
    actor_a.editors.add(colleague)
    client = Client()
    client.force_login(named_editor)
    page = client.get(reverse("selfservice:editors", kwargs={"slug": actor_a.slug})).content
    page = page.decode()
    assert "Chris Kowalski (Sie)" in page
    assert "vorstand@example.org" in page
    assert "chris.ko" not in page and "vorstand.w" not in page
    profiles = client.get(reverse("selfservice:my_profiles")).content.decode()
    assert "Sie sind angemeldet als Chris Kowalski." in profiles


def test_staff_see_names_in_queues_decisions_and_history(staff_client, named_editor, actor_a):
    revision = Revision.objects.create(
        actor=actor_a, author=named_editor, before={"teaser": "alt"}, after={"teaser": "neu"}
    )
    changelist = staff_client.get(reverse("admin:selfservice_revision_changelist")).content
    assert "Chris Kowalski" in changelist.decode()
    assert "chris.ko" not in changelist.decode()

    decider = StaffUserFactory(username="k.mueller", first_name="Karla", last_name="Müller")
    services.revision_reject(revision=revision, by=decider, reason="Bitte belegen.")
    decide = staff_client.get(
        reverse("admin:selfservice_revision_decide", args=[revision.pk])
    ).content.decode()
    assert "Entschieden von Karla Müller" in decide
    assert "k.mueller" not in decide and "chris.ko" not in decide

    actor_a.teaser = "Von der Redaktion geändert"
    actor_a._history_user = named_editor
    actor_a.save()
    history = staff_client.get(
        reverse("admin:actors_actor_history", args=[actor_a.pk])
    ).content.decode()
    assert "Chris Kowalski" in history
    assert "chris.ko" not in history


def test_editor_selector_names_every_account_without_a_query_per_account(
    staff_client, actor_a, django_assert_max_num_queries
):
    url = reverse("admin:actors_actor_change", args=[actor_a.pk])
    verified_user(username="erste.person", email="erste@example.org")
    staff_client.get(url)
    with django_assert_max_num_queries(60) as few:
        staff_client.get(url)
    for number in range(30):
        verified_user(username=f"person.{number}", email=f"person{number}@example.org")
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        page = staff_client.get(url).content.decode()
    assert "person29@example.org" in page and "person.29" not in page
    assert len(many.captured_queries) == len(few.captured_queries)


def test_history_names_an_unnamed_account_by_its_verified_address(staff_client, actor_a):
    """The history's "who" follows the same rule as every other screen: an account
    that gave no name is shown by the address it verified, never by its user name."""
    account = UserFactory(username="chris.ko", email="")
    EmailAddress.objects.create(
        user=account, email="chris@example.org", primary=True, verified=True
    )
    actor_a.teaser = "Von der Redaktion geändert"
    actor_a._history_user = account
    actor_a.save()
    history = staff_client.get(
        reverse("admin:actors_actor_history", args=[actor_a.pk])
    ).content.decode()
    assert "chris@example.org" in history
    assert "chris.ko" not in history
