from django.db import migrations

from ludwigsburg_portal.tallies import row_count_sql

by_start_year = row_count_sql(
    name="events.published_by_start_year",
    function="events_tally_by_start_year",
    table="events_event",
    condition="{r}.status = 'published' AND {r}.start IS NOT NULL",
    # The year in Ludwigsburg of the start (the archive's years, events.models.YEAR_STARTS).
    key="extract(year FROM {r}.start AT TIME ZONE 'Europe/Berlin')::bigint",
)


class Migration(migrations.Migration):
    """The published dated events by the year they start, kept by the database on every
    write (``ludwigsburg_portal.tallies``): the archive's counts per year are these less
    the events not over yet (``Event.objects.past_count_by_year``)."""

    dependencies = [("events", "0017_tally_by_last_day")]

    operations = [migrations.RunSQL(*by_start_year)]
