"""The seeded networks and the city's roles say only what the office's page says.

Each change is made only while the field still holds the value seeded earlier (a text
staff have edited stays as it is). What the models require but the page does not
state is marked "bitte bestätigen" for staff, again only while it is the seeded value.
Notes and texts: seeding/seed.py holds the same for new databases.
"""

from django.conf import settings
from django.db import migrations

OFFICE = "koordinationsstelle-kommunale-entwicklungspolitik"

COOPERATION = "zusammenarbeit-stadtverwaltung-entwicklungspolitik"
COOPERATION_KIND_NOTE = (
    "Art „Arbeitsgemeinschaft / Arbeitsgruppe“: Die Seite nennt keine Arbeitsgruppe, nur "
    "die enge Zusammenarbeit der Koordinationsstelle mit den vier Stellen."
)
COOPERATION_ROLE_NOTE = (
    "Rolle: Die Seite sagt nur, dass die Koordinationsstelle eng mit dem Referat und den "
    "Fachbereichen zusammenarbeitet."
)

# slug: {field: (seeded value, value the page supports)}
NETWORKS = {
    "jury-kommune-bewegt-welt": {
        # The competition is not its own host; the page names none.
        "host": ("Bundesweiter Wettbewerb „Kommune bewegt Welt“", ""),
    },
    "afrikadialog-afrikapolitische-leitlinien": {
        # The page names the guidelines' author, not who runs the dialogue.
        "host": ("Bundesregierung", ""),
    },
    "ag-kommunale-entwicklungspolitik-staedtetag-bw": {
        "description": (
            "Arbeitsgemeinschaft der Städte in Baden-Württemberg zur kommunalen "
            "Entwicklungspolitik. Ludwigsburg ist Mitglied.",
            "AG „Kommunale Entwicklungspolitik“ des Städtetags Baden-Württemberg. "
            "Ludwigsburg ist Mitglied.",
        ),
        "description_en": (
            "Working group of the cities in Baden-Württemberg on municipal development "
            "policy. Ludwigsburg is a member.",
            "Working group “Municipal Development Policy” of the Städtetag "
            "Baden-Württemberg. Ludwigsburg is a member.",
        ),
    },
    "gutachtergremium-inlandsfoerderung-bw": {
        "description": (
            "Das Gremium begutachtet Anträge der entwicklungspolitischen Inlandsförderung "
            "des Landes. Ludwigsburg ist Mitglied.",
            "Gutachtergremium der entwicklungspolitischen Inlandsförderung des Landes "
            "Baden-Württemberg. Ludwigsburg ist Mitglied.",
        ),
        "description_en": (
            "The board reviews applications for the state's domestic funding for "
            "development policy work. Ludwigsburg is a member.",
            "Review board of the State of Baden-Württemberg's domestic funding for "
            "development policy work. Ludwigsburg is a member.",
        ),
    },
}

PARTNER_DEPARTMENTS = [
    "referat-nachhaltige-stadtentwicklung",
    "fachbereich-tiefbau-und-gruenflaechen",
    "fachbereich-buergerschaftliches-engagement",
    "fachbereich-organisation-und-personal-staedtepartnerschaften",
]

# (network slug, actor slug, seeded role, role the page states or None, note for staff)
MEMBERSHIPS = [
    # "Mitgliedschaft im Gutachtergremium": a membership, not a reviewer's role.
    ("gutachtergremium-inlandsfoerderung-bw", OFFICE, "reviewer", "member", ""),
    (COOPERATION, OFFICE, "coordinator", None, COOPERATION_ROLE_NOTE),
    *[(COOPERATION, slug, "member", None, COOPERATION_ROLE_NOTE) for slug in PARTNER_DEPARTMENTS],
]


def forwards(apps, schema_editor):
    Network = apps.get_model("networks", "Network")
    Membership = apps.get_model("networks", "Membership")
    for network in Network.objects.filter(slug__in=NETWORKS):
        changed = []
        for field, (seeded, stated) in NETWORKS[network.slug].items():
            if getattr(network, field) == seeded:
                setattr(network, field, stated)
                changed.append(field)
        if changed:
            network.save(update_fields=changed)
    Network.objects.filter(slug=COOPERATION, kind="working_group", to_confirm="").update(
        to_confirm=COOPERATION_KIND_NOTE
    )
    for network_slug, actor_slug, seeded, stated, note in MEMBERSHIPS:
        if actor_slug == OFFICE:
            actor_slug = settings.PORTAL_OFFICE_SLUG
        memberships = Membership.objects.filter(
            network__slug=network_slug, actor__slug=actor_slug, role=seeded
        )
        for membership in memberships if stated else ():
            duplicate = Membership.objects.filter(
                network_id=membership.network_id,
                actor_id=membership.actor_id,
                role=stated,
                start_date=membership.start_date,
            )
            if not duplicate.exists():
                membership.role = stated
                membership.save(update_fields=["role"])
        if note:
            memberships.filter(to_confirm="").update(to_confirm=note)


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0007_mandate_publication_is_example_to_confirm"),
        ("actors", "0014_seed_faithfulness"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
