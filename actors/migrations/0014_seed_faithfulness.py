"""The seeded municipal actors say only what the office's page says.

Earlier seeds gave them a district (Mitte), SDGs and topics the page does not state
("Nachhaltigkeit", "Ehrenamt"). Each is removed only while it is exactly what was
seeded: a district, SDG set or topic set staff have changed since stays as it is.
"""

from django.conf import settings
from django.db import migrations

OFFICE = "koordinationsstelle-kommunale-entwicklungspolitik"

# slug: (seeded SDGs, seeded topics, topics the page does not state)
SEEDED = {
    OFFICE: ({11, 17}, {"Eine-Welt-Arbeit", "Kommunale Entwicklungspolitik", "Vernetzung"}, set()),
    "referat-nachhaltige-stadtentwicklung": (
        {11},
        {"Nachhaltigkeit", "Stadtentwicklung"},
        {"Nachhaltigkeit"},
    ),
    "fachbereich-tiefbau-und-gruenflaechen": ({11, 15}, {"Grünflächen"}, set()),
    "fachbereich-buergerschaftliches-engagement": (
        {17},
        {"Ehrenamt", "Bürgerschaftliches Engagement"},
        {"Ehrenamt"},
    ),
    "fachbereich-organisation-und-personal-staedtepartnerschaften": (
        {17},
        {"Städtepartnerschaften"},
        set(),
    ),
}
SEEDED_DISTRICT = "mitte"


def forwards(apps, schema_editor):
    Actor = apps.get_model("actors", "Actor")
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    slugs = {settings.PORTAL_OFFICE_SLUG if slug == OFFICE else slug: slug for slug in SEEDED}
    content_type = ContentType.objects.filter(app_label="actors", model="actor").first()
    for actor in Actor.objects.filter(slug__in=slugs, kind="municipal"):
        sdgs, topics, unstated = SEEDED[slugs[actor.slug]]
        if actor.district == SEEDED_DISTRICT:
            actor.district = ""
            actor.save(update_fields=["district"])
        if set(actor.sdgs.values_list("number", flat=True)) == sdgs:
            actor.sdgs.clear()
        if content_type is None or not unstated:
            continue
        items = TaggedItem.objects.filter(content_type=content_type, object_id=actor.pk)
        if set(items.values_list("tag__name", flat=True)) == topics:
            items.filter(tag__name__in=unstated).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0013_is_example_label"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
