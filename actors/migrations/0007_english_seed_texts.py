"""English texts for the Ludwigsburg seed records loaded before English fields existed.

Translations of the German seed texts only (the loader, seeding/seed.py,
fills the same texts for new databases). A field is filled only where it is empty:
English that staff wrote is never changed.
Staff also get the permissions on the new English topic names.
"""

from django.db import migrations

from ludwigsburg_portal.permissions import ALL_ACTIONS, grant_staff_permissions

ACTORS = {
    "koordinationsstelle-kommunale-entwicklungspolitik": {
        "teaser_en": "Connects the One World actors in Ludwigsburg with each other and with partners at state and federal level.",
        "description_en": "Development policy topics that until now could only be pursued on a small scale are to become a lasting part of the city administration. In all areas the coordination office therefore works closely with the Department for Sustainable Urban Development and with the departments of Civil Engineering and Green Spaces, Civic Engagement, and Organisation and Human Resources (Town Twinning).\n\nThe coordination office's work of moderating and networking is a decisive factor for successful work in the municipality and at state and federal level. For this, all actors (groups, associations) first need to know about each other and be well connected. Only then can they learn from each other, make the most of the potential that exists, and plan and act together.",
    },
    "referat-nachhaltige-stadtentwicklung": {
        "teaser_en": "Partner of the coordination office in the city administration.",
    },
    "fachbereich-tiefbau-und-gruenflaechen": {
        "teaser_en": "Partner of the coordination office in the city administration.",
    },
    "fachbereich-buergerschaftliches-engagement": {
        "teaser_en": "Partner of the coordination office in the city administration.",
    },
    "fachbereich-organisation-und-personal-staedtepartnerschaften": {
        "teaser_en": "Partner of the coordination office in the city administration; responsible for the town twinning partnerships.",
    },
}

TOPICS = {
    "Eine-Welt-Arbeit": "One World work",
    "Kommunale Entwicklungspolitik": "Municipal development policy",
    "Vernetzung": "Networking",
    "Nachhaltigkeit": "Sustainability",
    "Stadtentwicklung": "Urban development",
    "Grünflächen": "Green spaces",
    "Ehrenamt": "Volunteering",
    "Bürgerschaftliches Engagement": "Civic engagement",
    "Städtepartnerschaften": "Town twinning",
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
    grant_staff_permissions(apps, schema_editor, models={"actors.topictranslation": ALL_ACTIONS})
    fill(apps, "actors.Actor", ACTORS)
    Tag = apps.get_model("taggit", "Tag")
    TopicTranslation = apps.get_model("actors", "TopicTranslation")
    for tag in Tag.objects.filter(name__in=TOPICS):
        translation, _ = TopicTranslation.objects.get_or_create(tag=tag)
        if not translation.name_en:
            translation.name_en = TOPICS[tag.name]
            translation.save(update_fields=["name_en"])


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0006_english_fields"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
