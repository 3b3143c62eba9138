"""Staff give the English texts in the admin, next to the German ones."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from actors.models import TopicTranslation
from pages.models import Page, PageKey
from tests.factories import ActorFactory, EventFactory, NetworkFactory, RegionFactory

pytestmark = pytest.mark.django_db


def change_form(staff_client, obj) -> str:
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("factory", "fields"),
    [
        (ActorFactory, ["teaser_en", "description_en"]),
        (NetworkFactory, ["name_en", "description_en"]),
        (EventFactory, ["title_en", "description_en"]),
        (RegionFactory, ["name_en"]),
    ],
    ids=["actor", "network", "event", "region"],
)
def test_change_forms_have_the_english_fields(staff_client, factory, fields):
    html = change_form(staff_client, factory())
    for field in fields:
        assert f'name="{field}"' in html, field
        # Right after (or in the fieldset after) its German field.
        assert html.index(f'name="{field.removesuffix("_en")}"') < html.index(f'name="{field}"')


def test_page_change_form_has_english_title_description_and_text(staff_client):
    html = change_form(staff_client, Page.objects.get(key=PageKey.PRIVACY))
    for field in ("title_en", "description_en", "body_en"):
        assert f'name="{field}"' in html
    assert "Englisch" in html


def test_staff_save_an_english_network_name(staff_client):
    network = NetworkFactory(name="Bündnis")
    url = reverse("admin:networks_network_change", args=[network.pk])
    data = {
        "name": "Bündnis",
        "name_en": "Alliance",
        "slug": network.slug,
        "level": network.level,
        "kind": network.kind,
        "host": "",
        "description": "",
        "description_en": "",
        "website": "",
        "status": network.status,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    network.refresh_from_db()
    assert (network.name, network.name_en) == ("Bündnis", "Alliance")


def test_staff_give_a_topic_its_english_name_on_the_topic_page(staff_client, staff_user):
    tag = Tag.objects.create(name="Bildung", slug="bildung")
    assert staff_user.has_perm("actors.add_topictranslation")
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    html = staff_client.get(url).content.decode()
    assert 'name="translation-0-name_en"' in html
    data = {
        "name": "Bildung",
        "slug": "bildung",
        "translation-TOTAL_FORMS": "1",
        "translation-INITIAL_FORMS": "0",
        "translation-MIN_NUM_FORMS": "0",
        "translation-MAX_NUM_FORMS": "1",
        "translation-0-name_en": "Education",
        "translation-0-tag": str(tag.pk),
        "taggit-taggeditem-content_type-object_id-TOTAL_FORMS": "0",
        "taggit-taggeditem-content_type-object_id-INITIAL_FORMS": "0",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert TopicTranslation.objects.get(tag=tag).name_en == "Education"
    listing = staff_client.get(reverse("admin:taggit_tag_changelist")).content.decode()
    assert "Education" in listing
