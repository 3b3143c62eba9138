from django.db import migrations


class Migration(migrations.Migration):
    """One flag for fictional records, named after the badge the public sees."""

    dependencies = [("actors", "0011_history_of_relations_and_topics")]

    operations = [
        migrations.RenameField("actor", "is_demo", "is_example"),
        migrations.RenameField("historicalactor", "is_demo", "is_example"),
    ]
