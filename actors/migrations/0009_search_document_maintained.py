import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations


class Migration(migrations.Migration):
    """The search document becomes a maintained column: a generated column cannot read
    other tables (topics, regions, networks) and cannot hold compound parts. The column
    is filled after ``migrate`` (``actors.search.fill_missing_documents``)."""

    dependencies = [
        ("actors", "0008_region_iso_code"),
    ]

    operations = [
        # A generated column cannot be altered into a plain one: drop it and add it anew.
        migrations.RemoveIndex(model_name="actor", name="actor_search_gin"),
        migrations.RemoveField(model_name="actor", name="search_document"),
        migrations.AddField(
            model_name="actor",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="Suchindex"
            ),
        ),
        migrations.AddIndex(
            model_name="actor",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="actor_search_gin"
            ),
        ),
    ]
