from django.db import migrations

from ludwigsburg_portal.permissions import ALL_ACTIONS, grant_staff_permissions


def grant(apps, schema_editor):
    # Staff moderate (change) proposals and may delete them; they never create
    # them in the admin. Reminders are a read-only log.
    grant_staff_permissions(
        apps,
        schema_editor,
        models={
            "selfservice.submission": ("change", "delete", "view"),
            "selfservice.revision": ("change", "delete", "view"),
            "selfservice.claim": ("change", "delete", "view"),
            "selfservice.eventsubmission": ("change", "delete", "view"),
            "selfservice.editorinvitation": ALL_ACTIONS,
            "selfservice.profilereminder": ("view",),
            "actors.historicalactor": ("view",),
            "events.historicalevent": ("view",),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("selfservice", "0001_initial"),
        ("actors", "0004_selfservice_editors_trusted_history"),
        ("events", "0002_selfservice_submitted_by_history"),
        ("actors", "0003_staff_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
