from django.db import migrations

from ludwigsburg_portal.permissions import ALL_ACTIONS, grant_staff_permissions


def grant(apps, schema_editor):
    grant_staff_permissions(
        apps,
        schema_editor,
        models={
            "actors.actor": ALL_ACTIONS,
            "actors.region": ALL_ACTIONS,
            "actors.sustainabledevelopmentgoal": ("view",),
            "networks.network": ALL_ACTIONS,
            "networks.membership": ALL_ACTIONS,
            "networks.expertexchange": ALL_ACTIONS,
            "events.event": ALL_ACTIONS,
            "events.participation": ALL_ACTIONS,
            "taggit.tag": ALL_ACTIONS,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0002_sdgs"),
        ("networks", "0001_initial"),
        ("events", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
