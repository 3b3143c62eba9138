"""Anonymous pages come from the shared cache until staff change something; logged-in
users, pages with forms and anything that sets a cookie are never cached."""

import pytest
from django.test import Client
from django.urls import reverse

from ludwigsburg_portal.cache import page_version
from tests.factories import ActorFactory, NetworkFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_second_anonymous_visit_is_served_from_the_cache(client, django_assert_num_queries):
    ActorFactory(name="Weltladen Ludwigsburg")
    directory = reverse("actors:list")
    first = client.get(directory)

    with django_assert_num_queries(0):
        second = client.get(directory)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second  # headers are added to cached answers too


def test_saving_an_actor_shows_the_change_at_once(client, django_capture_on_commit_callbacks):
    actor = ActorFactory(name="Weltladen Ludwigsburg")
    client.get(reverse("actors:list"))

    with django_capture_on_commit_callbacks(execute=True):
        actor.name = "Weltladen Ludwigsburg-Mitte"
        actor.save()
    response = client.get(reverse("actors:list"))

    assert response["X-Page-Cache"] == "miss"
    assert "Weltladen Ludwigsburg-Mitte" in response.content.decode()


def test_deleting_and_many_to_many_changes_bump_the_version(django_capture_on_commit_callbacks):
    actor = ActorFactory()
    network = NetworkFactory()
    region = RegionFactory()
    before = page_version()

    with django_capture_on_commit_callbacks(execute=True):
        actor.regions.add(region)  # m2m_changed only
    after_m2m = page_version()
    with django_capture_on_commit_callbacks(execute=True):
        network.delete()

    assert before < after_m2m < page_version()


def test_an_admin_bulk_action_invalidates_although_it_sends_no_signal(staff_client):
    actor = ActorFactory(name="Verein für Eine Welt")
    visitor = Client()
    assert "Verein für Eine Welt" in visitor.get(reverse("actors:list")).content.decode()

    staff_client.post(
        reverse("admin:actors_actor_changelist"),
        {"action": "archive", "_selected_action": [actor.pk], "index": "0"},
    )
    response = visitor.get(reverse("actors:list"))

    assert "Verein für Eine Welt" not in response.content.decode()


def test_logged_in_users_are_never_served_cached_pages(client, staff_client):
    client.get(reverse("actors:list"))
    client.get(reverse("actors:list"))

    response = staff_client.get(reverse("actors:list"))

    assert "X-Page-Cache" not in response


def test_pages_with_a_csrf_form_are_not_cached(client):
    client.get(reverse("admin:login"))
    response = Client().get(reverse("admin:login"))

    assert "X-Page-Cache" not in response
    assert "csrftoken" in response.cookies


def test_health_checks_are_never_cached(client):
    client.get(reverse("health:readyz"))

    assert "X-Page-Cache" not in client.get(reverse("health:readyz"))


def test_without_redis_the_page_cache_is_off_by_default():
    from ludwigsburg_portal.settings import base

    if base.REDIS_URL:
        pytest.skip("REDIS_URL is set in this environment")
    assert base.PAGE_CACHE_SECONDS == 0
    assert base.CACHES["default"]["BACKEND"].endswith("LocMemCache")
