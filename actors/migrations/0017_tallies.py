from django.db import migrations

from ludwigsburg_portal.tallies import link_count_sql, row_count_sql

PUBLISHED = "{r}.status = 'published'"

published = row_count_sql(
    name="actors.published",
    function="actors_tally_published",
    table="actors_actor",
    condition=PUBLISHED,
)
per_region = link_count_sql(
    name="actors.published_per_region",
    function="actors_tally_per_region",
    link_table="actors_actor_regions",
    parent_column="actor_id",
    key="region_id",
    parent_table="actors_actor",
    condition=PUBLISHED,
)


class Migration(migrations.Migration):
    """Counts the database keeps on every write (``ludwigsburg_portal.tallies``): the
    published actors (home page) and the published actors per partner country or region
    (world map). Installing them counts the rows already there."""

    dependencies = [
        ("actors", "0016_indexes_for_shared_topics_and_goals"),
        ("ludwigsburg_portal", "0004_tally"),
    ]

    operations = [
        migrations.RunSQL(*published),
        migrations.RunSQL(*per_region),
    ]
