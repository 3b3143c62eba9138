from django.db import migrations


class Migration(migrations.Migration):
    """The data version of ``ludwigsburg_portal.versioned``: a sequence, so advancing it
    never waits for a row lock and reading it costs next to nothing."""

    dependencies = [("ludwigsburg_portal", "0002_staff_view_outgoing_mail")]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE IF NOT EXISTS portal_data_version",
            "DROP SEQUENCE IF EXISTS portal_data_version",
        )
    ]
