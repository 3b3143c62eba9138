import importlib

from django.db import migrations

# The flag as 0019 defines it; its trigger function is built by ``tallies.flag_sql``,
# which now locks buckets of keys instead of every key.
shared = importlib.import_module("events.migrations.0019_tally_shared_events").shared


class Migration(migrations.Migration):
    """Re-installs the shared-events flag's trigger so that a statement touching thousands
    of events (a bulk load, one transaction) holds a bounded number of advisory locks
    instead of one per event, which exhausted PostgreSQL's shared lock table."""

    dependencies = [("events", "0019_tally_shared_events")]

    # 0019 builds the same function now, so going back leaves it as it is.
    operations = [migrations.RunSQL(shared[1] + shared[0], migrations.RunSQL.noop)]
