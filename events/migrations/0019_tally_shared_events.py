from django.db import migrations

from ludwigsburg_portal.tallies import flag_sql

shared = flag_sql(
    name="events.shared",
    function="events_tally_shared",
    table="events_participation",
    key="event_id",
    holds="(SELECT COUNT(DISTINCT p.actor_id) FROM events_participation p "
    "WHERE p.event_id = {k}) >= 2",
    holding="SELECT event_id FROM events_participation GROUP BY event_id "
    "HAVING COUNT(DISTINCT actor_id) >= 2",
)


class Migration(migrations.Migration):
    """The events at least two actors take part in, kept by the database on every write
    (``ludwigsburg_portal.tallies``): the network overview looks for shared events among
    them instead of among every participation."""

    dependencies = [
        ("events", "0018_tally_by_start_year"),
        ("ludwigsburg_portal", "0004_tally"),
    ]

    operations = [migrations.RunSQL(*shared)]
