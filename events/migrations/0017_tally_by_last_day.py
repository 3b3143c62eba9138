from django.db import migrations

from ludwigsburg_portal.tallies import row_count_sql

by_last_day = row_count_sql(
    name="events.published_by_last_day",
    function="events_tally_by_last_day",
    table="events_event",
    condition="{r}.status = 'published' AND COALESCE({r}.\"end\", {r}.start) IS NOT NULL",
    # The UTC day (days since 1970) of the event's last instant: its end, or its start.
    key="floor(extract(epoch FROM COALESCE({r}.\"end\", {r}.start)) / 86400)::bigint",
)


class Migration(migrations.Migration):
    """The published dated events by the day they end, kept by the database on every
    write (``ludwigsburg_portal.tallies``): how many are upcoming is the sum over the
    days after today plus today's that have not ended (``Event.objects.upcoming_count``)."""

    dependencies = [("events", "0016_tally")]

    operations = [migrations.RunSQL(*by_last_day)]
