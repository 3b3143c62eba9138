from django.db import migrations


class Migration(migrations.Migration):
    """One flag for fictional records, named after the badge the public sees."""

    dependencies = [("events", "0008_participation_history")]

    operations = [
        migrations.RenameField("event", "is_demo", "is_example"),
        migrations.RenameField("historicalevent", "is_demo", "is_example"),
    ]
