from django.db import migrations

from ludwigsburg_portal.permissions import grant_staff_permissions


def grant(apps, schema_editor):
    # Staff look up an editor's (verified) addresses when a claim or mail goes wrong,
    # and see queued or failed e-mails; changing either stays with administrators.
    grant_staff_permissions(
        apps,
        schema_editor,
        models={
            "account.emailaddress": ("view",),
            "django_tasks_database.dbtaskresult": ("view",),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("selfservice", "0002_staff_permissions"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
