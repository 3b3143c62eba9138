"""English texts for the Ludwigsburg seed records loaded before English fields existed.

Translations of the German seed texts only (the loader, seeding/seed.py,
fills the same texts for new databases). A field is filled only where it is empty:
English that staff wrote is never changed.
"""

from django.db import migrations

NETWORKS = {
    "vernetzung-eine-welt-akteure-ludwigsburg": {
        "name_en": "Network of the One World actors in the city",
        "description_en": "Municipal development cooperation, or One World work, already takes place in many parts of the city. So that groups and associations know about each other, learn from each other and can plan and act together, the coordination office moderates their networking.",
    },
    "zusammenarbeit-stadtverwaltung-entwicklungspolitik": {
        "name_en": "Cooperation within the city administration on municipal development policy",
        "description_en": "Development policy topics are to become a lasting part of the city administration. To this end the coordination office works closely with the Department for Sustainable Urban Development and the departments of Civil Engineering and Green Spaces, Civic Engagement, and Organisation and Human Resources (Town Twinning).",
    },
    "jury-kommune-bewegt-welt": {
        "name_en": "Jury of the nationwide competition “Kommune bewegt Welt”",
        "description_en": "The coordination office chairs the jury of the nationwide competition “Kommune bewegt Welt”.",
    },
    "ag-kommunale-entwicklungspolitik-staedtetag-bw": {
        "name_en": "Working group “Municipal Development Policy” of the Städtetag Baden-Württemberg (association of cities)",
        "description_en": "Working group of the cities in Baden-Württemberg on municipal development policy. Ludwigsburg is a member.",
    },
    "expertengruppe-kommunikation-flucht-migration": {
        "name_en": "Expert group “Communication on Flight and Migration” of the Federal Foreign Office",
        "description_en": "Expert group of the Federal Foreign Office on communication about flight and migration. Ludwigsburg is a member.",
    },
    "gutachtergremium-inlandsfoerderung-bw": {
        "name_en": "Review board of the State of Baden-Württemberg's domestic funding for development policy work",
        "description_en": "The board reviews applications for the state's domestic funding for development policy work. Ludwigsburg is a member.",
    },
    "afrikadialog-afrikapolitische-leitlinien": {
        "name_en": "Africa dialogue on updating the Federal Government's Africa policy guidelines",
        "description_en": "Dialogue process on updating and further developing the Federal Government's Africa policy guidelines of 2014. Ludwigsburg took part.",
    },
}


def fill(apps, model: str, texts_by_slug: dict) -> None:
    Model = apps.get_model(*model.split("."))
    for record in Model.objects.filter(slug__in=texts_by_slug):
        texts = texts_by_slug[record.slug]
        missing = [name for name in texts if not getattr(record, name)]
        for name in missing:
            setattr(record, name, texts[name])
        if missing:
            record.save(update_fields=missing)


def forwards(apps, schema_editor):
    fill(apps, "networks.Network", NETWORKS)


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0003_english_fields"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
