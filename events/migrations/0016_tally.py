from django.db import migrations

from ludwigsburg_portal.tallies import row_count_sql

published = row_count_sql(
    name="events.published",
    function="events_tally_published",
    table="events_event",
    condition="{r}.status = 'published'",
)


class Migration(migrations.Migration):
    """The number of published events, kept by the database on every write
    (``ludwigsburg_portal.tallies``; the home page shows it)."""

    dependencies = [
        ("events", "0015_archive_counts_from_the_index"),
        ("ludwigsburg_portal", "0004_tally"),
    ]

    operations = [migrations.RunSQL(*published)]
