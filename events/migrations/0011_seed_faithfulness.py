"""The seeded events say only what the office's page says.

The page lists BuKo 2018, the BMZ-Afrikatag and G20 "Compact with Africa" under
"Mitwirkung bei nationalen und internationalen Veranstaltungen": no organisers, and not
which of them is national. Each change is made only while the field still holds the
value seeded earlier; the level (required) is marked "bitte bestätigen" for staff.
"""

from django.db import migrations

OLD_NATIONAL = "Nationale Veranstaltung, bei der die Koordinationsstelle mitgewirkt hat."
OLD_INTERNATIONAL = "Internationale Veranstaltung, bei der die Koordinationsstelle mitgewirkt hat."
OLD_NATIONAL_EN = "National event in which the coordination office took part."
OLD_INTERNATIONAL_EN = "International event in which the coordination office took part."
DESCRIPTION = (
    "Nationale oder internationale Veranstaltung, bei der die Koordinationsstelle mitgewirkt hat."
)
DESCRIPTION_EN = "National or international event in which the coordination office took part."
LEVEL_NOTE = (
    "Ebene: Die Seite nennt die drei Veranstaltungen nur gemeinsam „nationale und "
    "internationale Veranstaltungen“."
)

# slug: {field: (seeded value, value the page supports)}
EVENTS = {
    "buko-2018": {
        "description": (OLD_NATIONAL, DESCRIPTION),
        "description_en": (OLD_NATIONAL_EN, DESCRIPTION_EN),
    },
    "bmz-afrikatag": {
        "organiser": (
            "Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung (BMZ)",
            "",
        ),
        "description": (OLD_NATIONAL, DESCRIPTION),
        "description_en": (OLD_NATIONAL_EN, DESCRIPTION_EN),
    },
    "g20-compact-with-africa": {
        "organiser": ("G20", ""),
        "description": (OLD_INTERNATIONAL, DESCRIPTION),
        "description_en": (OLD_INTERNATIONAL_EN, DESCRIPTION_EN),
    },
}
SEEDED_LEVELS = {
    "buko-2018": "federal",
    "bmz-afrikatag": "federal",
    "g20-compact-with-africa": "international",
}


def forwards(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    for event in Event.objects.filter(slug__in=EVENTS):
        changed = []
        for field, (seeded, stated) in EVENTS[event.slug].items():
            if getattr(event, field) == seeded:
                setattr(event, field, stated)
                changed.append(field)
        if event.level == SEEDED_LEVELS[event.slug] and not event.to_confirm:
            event.to_confirm = LEVEL_NOTE
            changed.append("to_confirm")
        if changed:
            event.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0010_event_to_confirm_is_example_label"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
