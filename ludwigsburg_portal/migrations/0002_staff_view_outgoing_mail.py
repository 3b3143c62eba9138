from django.db import migrations

from ludwigsburg_portal.permissions import grant_staff_permissions


def grant(apps, schema_editor):
    # Staff see who got which mail and whether it went out ("Versendete E-Mails");
    # the admin shows no text and lets nobody change a mail.
    grant_staff_permissions(
        apps, schema_editor, models={"ludwigsburg_portal.outgoingmail": ("view",)}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ludwigsburg_portal", "0001_outgoing_mail"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
