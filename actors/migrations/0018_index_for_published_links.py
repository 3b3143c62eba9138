from django.db import migrations, models


class Migration(migrations.Migration):
    """Whether the actor of a membership or participation is published, answered from an
    index alone (the network list's member counts, the network picture)."""

    dependencies = [("actors", "0017_tallies")]

    operations = [
        migrations.AddIndex(
            model_name="actor",
            index=models.Index(fields=["id"], include=("status",), name="actor_id_status"),
        ),
    ]
