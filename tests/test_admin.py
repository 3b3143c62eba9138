"""The staff admin: the Koordinationsstelle group can do all daily work, nobody else gets in."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from actors.models import Actor
from ludwigsburg_portal.admin_actions import archive
from ludwigsburg_portal.permissions import STAFF_GROUP
from ludwigsburg_portal.publication import PublicationStatus
from tests.factories import ActorFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db

# Models registered in the admin that the office does not manage: user accounts, login
# throttling records, second-factor devices and the task queue's rows belong to the
# city's IT (superusers); staff follow e-mail in "Versendete E-Mails".
NOT_FOR_STAFF = {
    "auth.user",
    "auth.group",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "mfa.authenticator",
    "django_tasks_database.dbtaskresult",
}


def registered_models():
    return sorted(
        (model for model in admin.site._registry),
        key=lambda model: model._meta.label_lower,
    )


@pytest.fixture
def seeded():
    call_command("load_ludwigsburg", "--demo", "3", verbosity=0)


def test_staff_group_can_view_every_model_the_office_manages(staff_user):
    missing = [
        model._meta.label_lower
        for model in registered_models()
        if model._meta.label_lower not in NOT_FOR_STAFF
        and not staff_user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]
    assert missing == []


def test_staff_user_is_not_a_superuser_and_cannot_manage_accounts(staff_client, staff_user):
    assert not staff_user.is_superuser
    assert staff_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert staff_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_every_admin_page_loads_for_the_koordinationsstelle(staff_client, staff_user, seeded):
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if model._meta.label_lower in NOT_FOR_STAFF:
            continue
        info = model._meta.app_label, model._meta.model_name
        changelist = staff_client.get(reverse("admin:{}_{}_changelist".format(*info)))
        assert changelist.status_code == 200, model
        if model_admin.has_add_permission(_request_for(staff_user)):
            assert staff_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
        obj = model._default_manager.first()
        if obj is not None:
            url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
            assert staff_client.get(url).status_code == 200, model
        checked += 1
    assert checked >= 8


def test_changelist_search_and_filters_work(staff_client):
    ActorFactory(name="Weltladen am Marktplatz", kind="world_shop")
    ActorFactory(name="Weltladen Oßweil", kind="association")
    ActorFactory(name="Freundeskreis Burkina Faso", kind="world_shop")
    url = reverse("admin:actors_actor_changelist")
    response = staff_client.get(url, {"q": "Weltladen", "kind__exact": "world_shop"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list.values_list("name", flat=True)) == [
        "Weltladen am Marktplatz"
    ]


def test_autocomplete_finds_actors_for_membership_inlines(staff_client, seeded):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Fachbereich Tiefbau",
            "app_label": "networks",
            "model_name": "membership",
            "field_name": "actor",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [
        "Fachbereich Tiefbau und Grünflächen"
    ]


def test_publish_and_archive_actions(staff_client):
    drafts = ActorFactory.create_batch(2, status=PublicationStatus.DRAFT)
    url = reverse("admin:actors_actor_changelist")
    ids = [a.pk for a in drafts]
    response = staff_client.post(url, {"action": "publish", "_selected_action": ids}, follow=True)
    assert "2 Einträge sind jetzt „Veröffentlicht“." in response.content.decode()
    assert Actor.objects.published().count() == 2
    staff_client.post(url, {"action": "archive", "_selected_action": ids[:1]})
    assert Actor.objects.get(pk=ids[0]).status == PublicationStatus.ARCHIVED


def test_bulk_archive_records_who_archived_what_in_the_history(staff_client, staff_user):
    archived, untouched = ActorFactory.create_batch(2)
    event = EventFactory()

    staff_client.post(
        reverse("admin:actors_actor_changelist"),
        {"action": "archive", "_selected_action": [archived.pk]},
    )
    staff_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "archive", "_selected_action": [event.pk]},
    )

    for record in (archived, event):
        latest = record.history.first()
        assert latest.status == PublicationStatus.ARCHIVED
        assert latest.history_user == staff_user
        assert latest.history_change_reason == "Sammelaktion im Admin: Archiviert"
    assert untouched.history.count() == 1  # only its creation


def test_bulk_archived_actor_leaves_cached_pages_at_once(
    client, staff_user, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    actor = ActorFactory(name="Weltladen am Marktplatz")
    directory = reverse("actors:list")
    client.get(directory)
    assert client.get(directory)["X-Page-Cache"] == "hit"

    # The action as the admin calls it (its request's own cache bump aside).
    request = RequestFactory().post(reverse("admin:actors_actor_changelist"))
    request.user = staff_user
    request._messages = CookieStorage(request)
    with django_capture_on_commit_callbacks(execute=True):
        archive(admin.site._registry[Actor], request, Actor.objects.filter(pk=actor.pk))

    response = client.get(directory)
    assert response["X-Page-Cache"] == "miss"
    assert "Weltladen am Marktplatz" not in response.content.decode()


def test_prepopulated_slug_is_wired_on_the_add_form(staff_client):
    response = staff_client.get(reverse("admin:actors_actor_add"))
    assert b"data-prepopulated-field" in response.content or b"prepopulated_fields" in (
        response.content
    )


@pytest.mark.parametrize("url_name", ["admin:index", "admin:actors_actor_changelist"])
def test_anonymous_users_are_sent_to_the_login(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_logged_in_non_staff_users_are_kept_out(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:actors_actor_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_login_works_with_password(client, staff_user):
    response = client.post(
        reverse("admin:login"),
        {
            "username": staff_user.username,
            "password": "sicheres-passwort-123",
            "next": reverse("admin:index"),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert response.context["user"].is_authenticated
    assert "Koordinationsstelle kommunale Entwicklungspolitik" in response.content.decode()


def test_group_is_created_by_migrations_not_by_tests():
    group = Group.objects.get(name=STAFF_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_actor", "add_membership", "delete_event", "change_tag"} <= codenames
    assert not {"change_user", "add_group", "change_permission"} & codenames


def _request_for(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request
