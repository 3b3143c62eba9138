from django.db import migrations


class Migration(migrations.Migration):
    """One flag for fictional records, named after the badge the public sees."""

    dependencies = [("events", "0007_search_document")]

    operations = [
        migrations.RenameField("event", "is_demo", "is_example"),
        migrations.RenameField("historicalevent", "is_demo", "is_example"),
    ]
