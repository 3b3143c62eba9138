"""English texts for the Ludwigsburg seed records loaded before English fields existed.

Translations of the German seed texts only (the loader, seeding/seed.py,
fills the same texts for new databases). A field is filled only where it is empty:
English that staff wrote is never changed.
"""

from django.db import migrations

EVENTS = {
    "buko-2018": {
        "description_en": "National event in which the coordination office took part.",
    },
    "bmz-afrikatag": {
        "title_en": "BMZ Africa Day",
        "description_en": "National event in which the coordination office took part.",
    },
    "g20-compact-with-africa": {
        "title_en": "G20 “Compact with Africa”",
        "description_en": "International event in which the coordination office took part.",
    },
}


def fill(apps, model: str, texts_by_slug: dict) -> None:
    Model = apps.get_model(*model.split("."))
    for record in Model.objects.filter(slug__in=texts_by_slug):
        texts = texts_by_slug[record.slug]
        missing = [name for name in texts if not getattr(record, name)]
        for name in missing:
            setattr(record, name, texts[name])
        if missing:
            record.save(update_fields=missing)


def forwards(apps, schema_editor):
    fill(apps, "events.Event", EVENTS)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_english_fields"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
