from django.db import migrations

from actors.models import SDG_TITLES


def create_sdgs(apps, schema_editor):
    Goal = apps.get_model("actors", "SustainableDevelopmentGoal")
    for number, (name_de, name_en) in SDG_TITLES.items():
        Goal.objects.update_or_create(
            number=number, defaults={"name_de": name_de, "name_en": name_en}
        )


class Migration(migrations.Migration):
    dependencies = [("actors", "0001_initial")]

    operations = [migrations.RunPython(create_sdgs, migrations.RunPython.noop)]
