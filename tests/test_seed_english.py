"""The English texts of the seed records: loaded with them, and added by migrations to
databases loaded before, in both cases only where no English text exists yet."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from taggit.models import Tag

from actors.models import Actor, TopicTranslation
from events.models import Event
from networks.models import Network
from pages.models import Page, PageKey
from seeding import seed
from seeding.seed import OFFICE
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


def migration(app: str, name: str):
    return importlib.import_module(f"{app}.migrations.{name}")


@pytest.fixture
def seeded():
    call_command("load_ludwigsburg", verbosity=0)


def test_seed_records_are_loaded_with_their_english_texts(seeded):
    office = Actor.objects.get(slug=OFFICE)
    assert office.teaser_en.startswith("Connects the One World actors in Ludwigsburg")
    assert office.description_en.count("\n\n") == office.description.count("\n\n")
    assert Actor.objects.filter(slug__in=seed.PARTNER_DEPARTMENTS, teaser_en="").count() == 0
    assert not Network.objects.filter(name_en="").exists()
    assert not Network.objects.filter(description_en="").exists()
    assert Event.objects.get(slug="bmz-afrikatag").title_en == "BMZ Africa Day"
    # A name without a translation stays German (and is marked so on English pages).
    assert Event.objects.get(slug="buko-2018").title_en == ""
    topics = dict(TopicTranslation.objects.values_list("tag__name", "name_en"))
    assert topics == seed.ENGLISH_TOPICS
    assert set(Tag.objects.values_list("name", flat=True)) == set(seed.ENGLISH_TOPICS)


def test_loading_again_keeps_the_english_texts_staff_wrote(seeded):
    Network.objects.filter(slug="jury-kommune-bewegt-welt").update(name_en="Jury (by staff)")
    TopicTranslation.objects.filter(tag__name="Vernetzung").update(name_en="Networks (staff)")
    call_command("load_ludwigsburg", verbosity=0)
    assert Network.objects.get(slug="jury-kommune-bewegt-welt").name_en == "Jury (by staff)"
    assert TopicTranslation.objects.get(tag__name="Vernetzung").name_en == "Networks (staff)"


def corrected(texts_by_slug: dict, corrections: dict) -> dict:
    """English seed texts as a later "seed_faithfulness" migration leaves them."""
    result = {}
    for slug, texts in texts_by_slug.items():
        fixes = corrections.get(slug, {})
        result[slug] = {
            name: fixes[name][1] if name in fixes and fixes[name][0] == text else text
            for name, text in texts.items()
        }
    return result


def test_english_seed_migrations_hold_the_loaders_texts():
    # Databases loaded before the English fields get exactly what new ones get, once
    # the seed corrections (texts the office's page does not support) are applied.
    assert migration("actors", "0007_english_seed_texts").ACTORS == seed.ENGLISH_ACTORS
    topics = migration("actors", "0007_english_seed_texts").TOPICS
    unstated = {
        name
        for *_, names in migration("actors", "0014_seed_faithfulness").SEEDED.values()
        for name in names
    }
    assert {name: text for name, text in topics.items() if name not in unstated} == (
        seed.ENGLISH_TOPICS
    )
    assert (
        corrected(
            migration("networks", "0004_english_seed_texts").NETWORKS,
            migration("networks", "0008_seed_faithfulness").NETWORKS,
        )
        == seed.ENGLISH_NETWORKS
    )
    assert (
        corrected(
            migration("events", "0006_english_seed_texts").EVENTS,
            migration("events", "0011_seed_faithfulness").EVENTS,
        )
        == seed.ENGLISH_EVENTS
    )


def test_english_seed_migration_fills_only_empty_english_fields():
    untranslated = NetworkFactory(slug="jury-kommune-bewegt-welt", description="Deutsch.")
    by_staff = NetworkFactory(
        slug="afrikadialog-afrikapolitische-leitlinien", name_en="Africa dialogue (staff)"
    )
    migration("networks", "0004_english_seed_texts").forwards(apps, None)
    untranslated.refresh_from_db()
    by_staff.refresh_from_db()
    texts = seed.ENGLISH_NETWORKS["jury-kommune-bewegt-welt"]
    assert (untranslated.name_en, untranslated.description_en) == (
        texts["name_en"],
        texts["description_en"],
    )
    assert by_staff.name_en == "Africa dialogue (staff)"
    assert by_staff.description_en.startswith("Dialogue process on updating")


def test_page_migration_gives_every_page_an_english_title_and_keeps_staff_texts():
    assert not Page.objects.filter(title_en="").exists()
    assert not Page.objects.filter(description_en="").exists()
    legal = [PageKey.IMPRINT, PageKey.PRIVACY, PageKey.ACCESSIBILITY, PageKey.EASY_LANGUAGE]
    assert not Page.objects.filter(key__in=legal).exclude(body_en="").exists()

    Page.objects.filter(key=PageKey.PRIVACY).update(title_en="Data protection (staff)")
    Page.objects.filter(key=PageKey.IMPRINT).update(title_en="")
    migration("pages", "0005_english_seed_texts").forwards(apps, None)
    assert Page.objects.get(key=PageKey.PRIVACY).title_en == "Data protection (staff)"
    assert Page.objects.get(key=PageKey.IMPRINT).title_en == "Legal notice (Impressum)"
