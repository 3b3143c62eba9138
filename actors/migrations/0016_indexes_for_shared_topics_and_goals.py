from django.db import migrations

# The actors sharing a topic or an SDG with an actor (its related actors) are read by
# topic or goal from these indexes alone. Both tables are link tables this app does not
# declare as models (taggit's tagged items, the actors' SDG links), hence SQL.
TOPIC_INDEX = "actors_tagged_by_tag"
GOAL_INDEX = "actors_sdg_links_by_goal"


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0015_indexes_for_feeds_and_kinds"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {TOPIC_INDEX} "
            "ON taggit_taggeditem (tag_id, content_type_id, object_id)",
            f"DROP INDEX IF EXISTS {TOPIC_INDEX}",
        ),
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {GOAL_INDEX} "
            "ON actors_actor_sdgs (sustainabledevelopmentgoal_id, actor_id)",
            f"DROP INDEX IF EXISTS {GOAL_INDEX}",
        ),
    ]
