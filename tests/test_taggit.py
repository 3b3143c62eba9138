"""django-taggit 6.1 does not declare Django 5.2 support yet: these tests prove the
parts we rely on (admin tag editing, prefetching, migrations) work with Django 5.2."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from actors.models import Actor
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def test_staff_edit_topics_in_the_admin_change_form(staff_client):
    actor = ActorFactory(tags=["Kaffee", "Bildung"])
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    form = staff_client.get(url)
    assert form.status_code == 200
    assert "Bildung, Kaffee" in form.content.decode() or "Kaffee, Bildung" in form.content.decode()

    data = {
        "name": actor.name,
        "slug": actor.slug,
        "kind": actor.kind,
        "status": actor.status,
        "city": "Ludwigsburg",
        "tags": 'Kaffee, "Fairer Handel"',
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "expert_exchanges-TOTAL_FORMS": "0",
        "expert_exchanges-INITIAL_FORMS": "0",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert sorted(Actor.objects.get(pk=actor.pk).tags.names()) == ["Fairer Handel", "Kaffee"]


def test_tag_admin_lists_tags_for_staff(staff_client):
    ActorFactory(tags=["Klimagerechtigkeit"])
    response = staff_client.get(reverse("admin:taggit_tag_changelist"))
    assert response.status_code == 200
    assert "Klimagerechtigkeit" in response.content.decode()


def test_prefetch_related_tags_costs_one_query_whatever_the_number_of_actors(
    django_assert_num_queries,
):
    for i in range(30):
        ActorFactory(tags=[f"Thema {i}", "Eine Welt"])
    with django_assert_num_queries(2):
        names = [
            sorted(t.name for t in a.tags.all()) for a in Actor.objects.prefetch_related("tags")
        ]
    assert len(names) == 30
    assert all("Eine Welt" in tags for tags in names)


def test_filtering_by_tag_slug(db):
    fair = ActorFactory(tags=["Fairer Handel"])
    ActorFactory(tags=["Klima"])
    assert list(Actor.objects.filter(tags__slug="fairer-handel")) == [fair]


def test_taggit_has_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "taggit", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
