"""Permission ladder: anonymous → login, editor of A → 404 for B, staff only in the admin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ludwigsburg_portal.publication import PublicationStatus
from tests.factories import ActorFactory

EDITOR_ROUTES = ["selfservice:edit", "selfservice:events", "selfservice:editors"]


@pytest.mark.parametrize("route", EDITOR_ROUTES)
def test_anonymous_is_sent_to_login(client, actor_a, route):
    response = client.get(reverse(route, kwargs={"slug": actor_a.slug}))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "route", ["selfservice:my_profiles", "selfservice:my_data", "selfservice:my_data_export"]
)
def test_anonymous_cannot_reach_account_pages(client, db, route):
    response = client.get(reverse(route))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("route", EDITOR_ROUTES)
def test_editor_of_a_gets_404_for_b(client, editor, actor_a, actor_b, route):
    client.force_login(editor)
    assert client.get(reverse(route, kwargs={"slug": actor_a.slug})).status_code == 200
    url = reverse(route, kwargs={"slug": actor_b.slug})
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Übernommen", "email": "x@example.org"}).status_code == 404
    actor_b.refresh_from_db()
    assert actor_b.name == "Eine Welt Oßweil"


def test_my_profiles_lists_only_own_actors(client, editor, actor_a, actor_b):
    client.force_login(editor)
    page = client.get(reverse("selfservice:my_profiles")).content.decode()
    assert "Weltladen Ludwigsburg" in page
    assert "Eine Welt Oßweil" not in page


def test_data_export_contains_only_own_data(client, editor, actor_a, actor_b):
    client.force_login(editor)
    response = client.get(reverse("selfservice:my_data_export"))
    data = response.json()
    assert data["account"]["email"] == "redaktion-a@example.org"
    assert [p["name"] for p in data["edited_profiles"]] == ["Weltladen Ludwigsburg"]
    assert "redaktion-b@example.org" not in response.content.decode()


def test_editor_without_staff_flag_cannot_open_moderation_admin(client, editor, actor_a):
    client.force_login(editor)
    response = client.get(reverse("admin:selfservice_submission_changelist"))
    assert response.status_code == 302  # to the admin login


@pytest.mark.parametrize("status", [PublicationStatus.PENDING, PublicationStatus.DRAFT])
def test_unpublished_actor_cannot_be_claimed(client, editor, status):
    actor = ActorFactory(status=status)
    client.force_login(editor)
    assert client.get(reverse("selfservice:claim", kwargs={"slug": actor.slug})).status_code == 404


def test_staff_group_may_moderate(staff_client, db):
    response = staff_client.get(reverse("admin:selfservice_revision_changelist"))
    assert response.status_code == 200


def test_my_profiles_query_count_does_not_grow_with_profiles(
    client, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    for _ in range(2):
        ActorFactory().editors.add(editor)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("selfservice:my_profiles"))
    for _ in range(8):
        ActorFactory().editors.add(editor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("selfservice:my_profiles"))
    assert response.content.decode().count("Profil bearbeiten") == 10
