"""Topics stay tidy: one topic per meaning, whatever the case, spaces or hyphens."""

import importlib
import re

import pytest
import tablib
from django.apps import apps
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from taggit.models import Tag

from actors.models import Actor, TopicTranslation
from actors.resources import ActorResource
from actors.topics import merge_topics, resolve_topics, topics_from_string
from tests.factories import ActorFactory
from tests.selfservice.conftest import submission_data

pytestmark = pytest.mark.django_db

SPELLINGS = ["fairer handel", "Fairer-Handel", "  FAIRER   handel ", "fairer_handel"]


def admin_post(staff_client, actor, tags):
    data = {
        "name": actor.name,
        "slug": actor.slug,
        "kind": actor.kind,
        "status": actor.status,
        "city": "Ludwigsburg",
        "tags": tags,
    }
    for prefix in ("memberships", "participations", "expert_exchanges"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    return staff_client.post(url, data)


@pytest.mark.parametrize("typed", SPELLINGS)
def test_topic_typed_in_the_admin_reuses_the_existing_spelling(staff_client, typed):
    ActorFactory(tags=["Fairer Handel"])
    actor = ActorFactory()
    assert admin_post(staff_client, actor, f"{typed}, Kaffee").status_code == 302
    assert sorted(actor.tags.names()) == ["Fairer Handel", "Kaffee"]
    assert Tag.objects.filter(name__iexact="fairer handel").count() == 1
    assert not Tag.objects.exclude(name__in=["Fairer Handel", "Kaffee"]).exists()


@pytest.mark.parametrize("typed", SPELLINGS)
def test_topic_typed_in_mitmachen_reuses_the_existing_spelling(client, typed):
    ActorFactory(tags=["Fairer Handel"])
    response = client.post(reverse("selfservice:submit"), submission_data(tags=typed))
    assert response.status_code == 302
    submitted = Actor.objects.get(name="Partnerschaft Ludwigsburg–Kongo")
    assert list(submitted.tags.names()) == ["Fairer Handel"]
    assert Tag.objects.count() == 1


def test_two_words_without_a_comma_are_one_topic(client):
    client.post(reverse("selfservice:submit"), submission_data(tags="Fairer Handel"))
    assert list(Actor.objects.get(name="Partnerschaft Ludwigsburg–Kongo").tags.names()) == [
        "Fairer Handel"
    ]


def test_the_parser_splits_at_commas_and_drops_repeats_and_quotes():
    assert topics_from_string('Kaffee, "Fairer Handel", kaffee,, Klima ') == [
        "Fairer Handel",
        "Kaffee",
        "Klima",
    ]


def test_spreadsheet_import_reuses_the_existing_spelling():
    ActorFactory(tags=["Fairer Handel"])
    dataset = tablib.Dataset(headers=["slug", "name", "kind", "status", "tags"])
    dataset.append(["weltladen", "Weltladen", "world_shop", "published", "fairer-handel, Kaffee"])
    result = ActorResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert sorted(Actor.objects.get(slug="weltladen").tags.names()) == ["Fairer Handel", "Kaffee"]


def test_a_new_topic_keeps_what_was_typed_tidied():
    assert resolve_topics(["  Globales   Lernen ", "globales-lernen"]) == ["Globales Lernen"]


def datalist_options(html: str, input_name: str) -> list[str]:
    field = re.search(rf'<input[^>]*name="{input_name}"[^>]*>', html).group(0)
    list_id = re.search(r'list="([^"]+)"', field).group(1)
    datalist = re.search(rf'<datalist id="{list_id}">(.*?)</datalist>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)">', datalist)


def test_mitmachen_offers_the_published_topics_while_typing(client):
    ActorFactory(tags=["Fairer Handel", "Klima"])
    ActorFactory(tags=["Geheimprojekt"], status="draft")
    html = client.get(reverse("selfservice:submit")).content.decode()
    assert datalist_options(html, "tags") == ["Fairer Handel", "Klima"]
    # Still a labelled text input: the label points at it, the help text is tied to it.
    field = re.search(r'<input[^>]*name="tags"[^>]*>', html).group(0)
    assert 'type="text"' in field and 'id="id_tags"' in field
    assert '<label for="id_tags">' in html
    assert 'aria-describedby="id_tags_helptext"' in field
    assert "js/topics." in html  # the optional enhancement for the topics after a comma


def test_the_admin_offers_existing_topics_while_typing(staff_client):
    actor = ActorFactory(tags=["Kaffee"])
    ActorFactory(tags=["Fairer Handel"], status="draft")
    html = staff_client.get(reverse("admin:actors_actor_change", args=[actor.pk])).content
    assert datalist_options(html.decode(), "tags") == ["Fairer Handel", "Kaffee"]


# --- Merging topics ---------------------------------------------------------------------


def old_spellings(*names):
    return [Tag.objects.create(name=name, slug=f"alt-{i}") for i, name in enumerate(names)]


def merge_request(staff_client, tags, **extra):
    data = {"action": "merge_selected_topics", ACTION_CHECKBOX_NAME: [t.pk for t in tags]}
    return staff_client.post(reverse("admin:taggit_tag_changelist"), data | extra)


def test_merge_action_asks_which_topic_stays_proposing_the_most_used(staff_client):
    kept, other = old_spellings("Fairer Handel", "Fairer-Handel")
    ActorFactory(tags=[kept])
    ActorFactory(tags=[kept])
    ActorFactory(tags=[other])
    page = merge_request(staff_client, [kept, other])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Welches Thema bleibt?" in html
    assert re.search(rf'value="{kept.pk}" checked', html)
    assert "Fairer Handel (2 Einträge)" in " ".join(html.split())


def test_merge_action_moves_every_record_and_its_history_says_who(staff_client, staff_user):
    staff_user.first_name, staff_user.last_name = "Kim", "Koordination"
    staff_user.save()
    # Written the way the old code let them in: taggit matched names exactly.
    keep, lower, hyphen = old_spellings("Fairer Handel", "fairer handel", "Fairer-Handel")
    both = ActorFactory(tags=[keep, lower])
    only_other = ActorFactory(tags=[hyphen, "Kaffee"])
    others = [lower, hyphen]
    TopicTranslation.objects.create(tag=hyphen, name_en="Fair trade")

    response = merge_request(staff_client, [keep, *others], post="yes", keep=keep.pk)

    assert response.status_code == 302
    assert list(both.tags.names()) == ["Fairer Handel"]
    assert sorted(only_other.tags.names()) == ["Fairer Handel", "Kaffee"]
    assert set(Tag.objects.values_list("name", flat=True)) == {"Fairer Handel", "Kaffee"}
    assert TopicTranslation.objects.get().tag == keep  # its English name moved along
    latest = only_other.history.first()
    assert latest.history_user == staff_user
    assert latest.topics == "Fairer Handel, Kaffee"
    assert "zusammengeführt" in latest.history_change_reason
    assert only_other.history.count() == 2  # created, merged: one row for the merge
    history = staff_client.get(reverse("admin:actors_actor_history", args=[only_other.pk]))
    text = " ".join(history.content.decode().split())
    assert (
        "Themen:</strong> <del>Fairer-Handel, Kaffee</del> → <ins>Fairer Handel, Kaffee</ins>"
        in text
    )
    assert "Kim Koordination" in text


def test_merging_a_topic_into_itself_changes_nothing(staff_user):
    actor = ActorFactory(tags=["Klima"])
    klima = Tag.objects.get()
    assert merge_topics(keep=klima, others=[klima], by=staff_user) == 0
    assert list(actor.tags.names()) == ["Klima"]


# --- The migration that merged the duplicates that existed ------------------------------


def test_migration_merges_existing_duplicates_keeping_the_most_used_spelling():
    migration = importlib.import_module("actors.migrations.0010_merge_duplicate_topics")
    # Written the way the old code let them in: taggit matched names exactly.
    spellings = {"Fairer Handel": 1, "fairer handel": 3, "Fairer-Handel": 1, "Klima": 1}
    tags = {name: Tag.objects.create(name=name, slug=f"t{i}") for i, name in enumerate(spellings)}
    actors = []
    for name, uses in spellings.items():
        for _ in range(uses):
            actor = ActorFactory()
            actor.tags.through.objects.create(content_object=actor, tag=tags[name])
            actors.append(actor)
    both = actors[0]
    both.tags.through.objects.create(content_object=both, tag=tags["fairer handel"])
    TopicTranslation.objects.create(tag=tags["Fairer-Handel"], name_en="Fair trade")

    migration.merge_duplicate_topics(apps, None)

    assert set(Tag.objects.values_list("name", flat=True)) == {"fairer handel", "Klima"}
    kept = Tag.objects.get(name="fairer handel")
    assert Actor.objects.filter(tags=kept).count() == 5
    assert list(both.tags.names()) == ["fairer handel"]
    assert kept.translation.name_en == "Fair trade"


def test_renaming_a_topic_into_another_ones_spelling_is_refused(staff_client):
    Tag.objects.create(name="Fairer Handel")
    klima = Tag.objects.create(name="Klima")
    url = reverse("admin:taggit_tag_change", args=[klima.pk])
    data = {
        "name": "fairer-handel",
        "slug": "klima",
        "translation-TOTAL_FORMS": "0",
        "translation-INITIAL_FORMS": "0",
        "taggit-taggeditem-content_type-object_id-TOTAL_FORMS": "0",
        "taggit-taggeditem-content_type-object_id-INITIAL_FORMS": "0",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Dieses Thema gibt es schon als „Fairer Handel“" in response.content.decode()
    klima.refresh_from_db()
    assert klima.name == "Klima"
