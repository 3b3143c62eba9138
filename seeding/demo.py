"""Fictional but realistic German demo data for development and benchmarks.

Every record made here has ``is_example=True`` (the public sees the badge "Beispiel")
and a slug starting with ``demo-``, so it is easy to tell apart and to remove
(``load_ludwigsburg --clear-demo``). Demo data never joins a real body: demo actors
are members only of the demo networks made here and take part only in demo events.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from actors.countries import code_for_name
from actors.models import Actor, ActorKind, District, Region
from actors.search import refresh_actor_documents
from actors.topics import resolve_topics
from events.models import DatePrecision, Event, Participation, ParticipationRole
from events.search import refresh_event_documents
from ludwigsburg_portal.cache import bump_page_version
from ludwigsburg_portal.planner import analyze
from ludwigsburg_portal.publication import Level, PublicationStatus
from networks.models import Membership, MembershipRole, Network, NetworkKind

PREFIXES = {
    ActorKind.ASSOCIATION: ["Freundeskreis", "Förderverein", "Partnerschaftsverein", "Verein"],
    ActorKind.INITIATIVE: ["Initiative", "Arbeitskreis", "Gruppe", "Netzwerk"],
    ActorKind.WORLD_SHOP: ["Weltladen"],
    ActorKind.EDUCATION: ["Gymnasium", "Realschule", "Grundschule", "Bildungswerk"],
    ActorKind.FAITH: ["Evangelische Kirchengemeinde", "Katholische Gemeinde", "Moscheeverein"],
    ActorKind.DIASPORA: ["Afrikanischer Kulturverein", "Deutsch-Togoischer Verein", "Forum"],
    ActorKind.FOUNDATION: ["Stiftung"],
    ActorKind.COMPANY: ["Fairtrade-Rösterei", "Genossenschaft", "Unternehmen"],
}
SUBJECTS = [
    "Fairer Handel",
    "Bildung für nachhaltige Entwicklung",
    "Klimagerechtigkeit",
    "Wasser für alle",
    "Schulpartnerschaft",
    "Eine Welt",
    "Gesundheit",
    "Frauenrechte",
    "Kinderhilfe",
    "Solarenergie",
    "Ernährungssouveränität",
    "Globales Lernen",
    "Menschenrechte",
    "Integration",
    "Textilwende",
]
PLACES = ["Ludwigsburg", "Eglosheim", "Oßweil", "Hoheneck", "Neckarweihingen", "Pflugfelden"]
TOPICS = [
    "Fairer Handel",
    "Bildung",
    "Klima",
    "Wasser",
    "Gesundheit",
    "Migration",
    "Menschenrechte",
    "Landwirtschaft",
    "Frauen",
    "Kinder",
    "Energie",
    "Textilien",
    "Kaffee",
    "Partnerschaft",
]
COUNTRIES = [
    "Burkina Faso",
    "Ghana",
    "Togo",
    "Tansania",
    "Kenia",
    "Peru",
    "Bolivien",
    "Indien",
    "Nepal",
    "Ecuador",
    "Kamerun",
    "Äthiopien",
    "Ruanda",
    "Uganda",
    "Brasilien",
    "Nicaragua",
]
# Fictional bodies for the demo actors' memberships (never a seeded, real network).
DEMO_NETWORKS = [
    ("Beispielnetz Fairer Handel Ludwigsburg", Level.CITY, NetworkKind.LOCAL_NETWORK),
    ("Beispiel-Arbeitskreis Globales Lernen", Level.CITY, NetworkKind.WORKING_GROUP),
    ("Beispielverbund Eine Welt Baden-Württemberg", Level.STATE, NetworkKind.LOCAL_NETWORK),
]
EVENT_KINDS = [
    "Vortrag",
    "Workshop",
    "Fairer Frühstückstisch",
    "Filmabend",
    "Podiumsdiskussion",
    "Eine-Welt-Markt",
    "Lesung",
    "Kochabend",
    "Ausstellungseröffnung",
    "Netzwerktreffen",
]


@transaction.atomic
def generate_demo(*, actors: int, events: int, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed)
    start_index = Actor.objects.filter(is_example=True).count()
    regions = [
        Region.objects.get_or_create(
            slug=f"demo-{_slug(name)}", defaults={"name": name, "iso_code": _free_code(name)}
        )[0]
        for name in COUNTRIES
    ]
    tags = [Tag.objects.get_or_create(name=name)[0] for name in resolve_topics(TOPICS)]
    networks = [
        Network.objects.get_or_create(
            slug=f"demo-netzwerk-{_slug(name)}",
            defaults={
                "name": name,
                "level": level,
                "kind": kind,
                "status": PublicationStatus.PUBLISHED,
                "is_example": True,
            },
        )[0]
        for name, level, kind in DEMO_NETWORKS
    ]

    kinds = list(PREFIXES)
    new_actors = []
    for i in range(start_index, start_index + actors):
        kind = rng.choice(kinds)
        name = f"{rng.choice(PREFIXES[kind])} {rng.choice(SUBJECTS)} {rng.choice(PLACES)} {i + 1}"
        subject = rng.choice(SUBJECTS)
        new_actors.append(
            Actor(
                name=name,
                slug=f"demo-akteur-{i + 1}",
                kind=kind,
                teaser=f"Fiktiver Demo-Eintrag: engagiert sich für {subject}.",
                description=(
                    f"Dieser Akteur ist erfunden (Demodaten). Er engagiert sich seit Jahren für "
                    f"{subject} und arbeitet mit Partnerinnen und Partnern in "
                    f"{rng.choice(COUNTRIES)} zusammen. Wir organisieren Vorträge, Workshops und "
                    f"Aktionen an Schulen in Ludwigsburg."
                ),
                district=rng.choice(District.values),
                city="Ludwigsburg",
                founded_year=rng.randint(1960, 2024),
                website=f"https://demo-{i + 1}.example.org/",
                status=PublicationStatus.PUBLISHED
                if rng.random() < 0.9
                else PublicationStatus.DRAFT,
                is_example=True,
            )
        )
    created = Actor.objects.bulk_create(new_actors, batch_size=1000)

    Through = Actor.tags.through
    SdgThrough = Actor.sdgs.through
    RegionThrough = Actor.regions.through
    tag_rows, sdg_rows, region_rows, memberships = [], [], [], []
    for actor in created:
        for tag in rng.sample(tags, rng.randint(1, 3)):
            tag_rows.append(Through(content_object=actor, tag=tag))
        for number in rng.sample(range(1, 18), rng.randint(1, 3)):
            sdg_rows.append(SdgThrough(actor_id=actor.pk, sustainabledevelopmentgoal_id=number))
        for region in rng.sample(regions, rng.randint(0, 2)):
            region_rows.append(RegionThrough(actor_id=actor.pk, region_id=region.pk))
        if networks and rng.random() < 0.05:
            memberships.append(
                Membership(actor=actor, network=rng.choice(networks), role=MembershipRole.MEMBER)
            )
    Through.objects.bulk_create(tag_rows, batch_size=2000)
    SdgThrough.objects.bulk_create(sdg_rows, batch_size=2000)
    RegionThrough.objects.bulk_create(region_rows, batch_size=2000)
    Membership.objects.bulk_create(memberships, batch_size=2000, ignore_conflicts=True)

    event_start_index = Event.objects.filter(is_example=True).count()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    new_events = []
    for i in range(event_start_index, event_start_index + events):
        start = now + datetime.timedelta(days=rng.randint(-730, 365), hours=rng.randint(-6, 6))
        new_events.append(
            Event(
                title=f"{rng.choice(EVENT_KINDS)}: {rng.choice(SUBJECTS)}",
                slug=f"demo-veranstaltung-{i + 1}",
                start=start,
                end=start + datetime.timedelta(hours=rng.choice([1, 2, 3])),
                date_precision=DatePrecision.DATETIME,
                location=f"{rng.choice(PLACES)}, Gemeindesaal",
                level=rng.choice([Level.CITY] * 6 + [Level.STATE, Level.FEDERAL]),
                description="Fiktive Demo-Veranstaltung für Entwicklung und Lasttests.",
                status=PublicationStatus.PUBLISHED,
                is_example=True,
            )
        )
    created_events = Event.objects.bulk_create(new_events, batch_size=1000)
    if created:
        participations = [
            Participation(
                event=event, actor=rng.choice(created), role=rng.choice(ParticipationRole.values)
            )
            for event in created_events
        ]
        Participation.objects.bulk_create(participations, batch_size=2000, ignore_conflicts=True)
    # bulk_create sends no signals: write the search documents of the new rows here.
    refresh_actor_documents([actor.pk for actor in created])
    refresh_event_documents([event.pk for event in created_events])
    # Thousands of new rows: plan the next queries with statistics that know them.
    analyze(Actor, Region, Tag, Membership, Event, Participation)
    # bulk_create sends no signals either: after the commit, every process shows the new rows.
    transaction.on_commit(bump_page_version)
    return {"actors": len(created), "events": len(created_events)}


@transaction.atomic
def clear_demo() -> dict[str, int]:
    events, _ = Event.objects.filter(is_example=True).delete()
    actors, _ = Actor.objects.filter(is_example=True).delete()
    Network.objects.filter(is_example=True).delete()
    return {"actors": actors, "events": events}


def _free_code(name: str) -> str:
    """The country's ISO code for a new demo region, unless a real region already has it."""
    code = code_for_name(name)
    return "" if Region.objects.filter(iso_code=code).exists() else code


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
