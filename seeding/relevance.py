"""The relevance suite of ``make bench-search``: realistic queries and what each must find.

The benchmark database holds the Ludwigsburg seed and 10,000 generated actors and
20,000 events whose names are built from a few words ("Weltladen Klimagerechtigkeit
Ludwigsburg 17"). A handful of realistic records are added to it (:data:`ACTORS`,
:data:`EVENTS`; demo records, slugs ``demo-relevanz-…``), so the suite can ask for
records a citizen would look for among thousands of similar ones.

A case names the kind of result it looks at and the relevant records: by slug (actors,
events, networks), by title (the office's roles, its expert exchanges, the pages), or
by a condition (``where``: every published record matching it is relevant, for queries
that rightly find hundreds). The queries go through the site-wide search as a visitor
would send them, typo correction included.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from ludwigsburg_portal.publication import Level, PublicationStatus

ACTORS = [
    {
        "slug": "demo-relevanz-weltladen-ludwigsburg",
        "name": "Weltladen Ludwigsburg",
        "kind": "world_shop",
        "district": "mitte",
        "teaser": "Fair gehandelte Lebensmittel, Kaffee und Kunsthandwerk am Marktplatz.",
        "description": "Ehrenamtliche verkaufen seit 1984 Waren aus fairem Handel und "
        "informieren über die Arbeitsbedingungen der Produzentinnen und Produzenten.",
        "tags": ["Fairer Handel", "Kaffee"],
        "regions": [],
    },
    {
        "slug": "demo-relevanz-buergerklimabuendnis",
        "name": "Bürgerklimabündnis Ludwigsburg",
        "kind": "initiative",
        "district": "citywide",
        "teaser": "Bürgerinnen und Bürger, die sich für Klimaschutz in der Stadt einsetzen.",
        "description": "Wir organisieren Aktionstage, Radtouren und Gespräche mit dem Gemeinderat.",
        "tags": ["Klima"],
        "regions": [],
    },
    {
        "slug": "demo-relevanz-schulpartnerschaft-kaya",
        "name": "Schulpartnerschaft Ludwigsburg–Kaya",
        "kind": "education",
        "district": "west",
        "teaser": "Das Goethe-Gymnasium und eine Schule in Kaya lernen voneinander.",
        "description": "Briefwechsel, Besuche und ein gemeinsamer Schulgarten.",
        "tags": ["Bildung"],
        "regions": ["Burkina Faso"],
    },
    {
        "slug": "demo-relevanz-freundeskreis-cusco",
        "name": "Freundeskreis Cusco e.V.",
        "kind": "association",
        "district": "hoheneck",
        "teaser": "Unterstützt Bildungsprojekte für Kinder in den Anden.",
        "description": "Spenden, Patenschaften und jedes Jahr ein Benefizkonzert.",
        "tags": ["Kinder"],
        "regions": ["Peru"],
    },
    {
        "slug": "demo-relevanz-afrikanischer-kulturverein",
        "name": "Afrikanischer Kulturverein Ludwigsburg",
        "kind": "diaspora",
        "district": "eglosheim",
        "teaser": "Treffpunkt für Menschen aus Afrika und ihre Freundinnen und Freunde.",
        "description": "Sprachkurse, Feste und Beratung für Neuangekommene.",
        "tags": ["Migration"],
        "regions": ["Kamerun"],
    },
    {
        "slug": "demo-relevanz-kirchengemeinde-ossweil",
        "name": "Eine-Welt-Kreis der Evangelischen Kirchengemeinde Oßweil",
        "kind": "faith",
        "district": "ossweil",
        "teaser": "Partnerschaft mit einer Gemeinde in Tansania.",
        "description": "Wir verkaufen fair gehandelten Kaffee nach dem Gottesdienst.",
        "tags": ["Partnerschaft"],
        "regions": ["Tansania"],
    },
]

EVENTS = [
    {
        "slug": "demo-relevanz-fruehstueck-weltladen",
        "title": "Fairer Frühstückstisch im Weltladen",
        "location": "Weltladen Ludwigsburg, Marktplatz 4",
        "participants": ["demo-relevanz-weltladen-ludwigsburg"],
    },
    {
        "slug": "demo-relevanz-klimakonferenz",
        "title": "Klimakonferenz der Ludwigsburger Schulen",
        "location": "Forum am Schlosspark",
        "participants": [
            "demo-relevanz-buergerklimabuendnis",
            "demo-relevanz-schulpartnerschaft-kaya",
        ],
    },
]


def add_fixtures() -> None:
    """The realistic records above, once (published demo records)."""
    import datetime

    from django.utils import timezone

    from actors.models import Actor, Region
    from actors.topics import resolve_topics
    from events.models import Event, Participation, ParticipationRole

    actors = {}
    for data in ACTORS:
        data = dict(data)
        tags, regions = data.pop("tags"), data.pop("regions")
        actor, created = Actor.objects.get_or_create(
            slug=data.pop("slug"),
            defaults={**data, "status": PublicationStatus.PUBLISHED, "is_example": True},
        )
        if created:
            actor.tags.set(resolve_topics(tags))
            actor.regions.set(
                [
                    Region.objects.get_or_create(name=name, defaults={"slug": f"demo-{name}"})[0]
                    for name in regions
                ]
            )
        actors[actor.slug] = actor
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=30)
    for data in EVENTS:
        data = dict(data)
        participants = data.pop("participants")
        event, created = Event.objects.get_or_create(
            slug=data.pop("slug"),
            defaults={
                **data,
                "start": start,
                "level": Level.CITY,
                "status": PublicationStatus.PUBLISHED,
                "is_example": True,
            },
        )
        if created:
            for slug in participants:
                Participation.objects.create(
                    event=event, actor=actors[slug], role=ParticipationRole.ORGANISER
                )


def _text(*words):
    """Records whose name, teaser or description contains one of ``words``."""
    condition = Q()
    for word in words:
        condition |= (
            Q(name__icontains=word) | Q(teaser__icontains=word) | Q(description__icontains=word)
        )
    return condition


def _region(*names):
    return Q(regions__name__in=names)


def _event_text(*words):
    condition = Q()
    for word in words:
        condition |= (
            Q(title__icontains=word)
            | Q(location__icontains=word)
            | Q(description__icontains=word)
            | Q(organiser__icontains=word)
        )
    return condition


@dataclass
class Case:
    query: str
    kind: str  # a kind of the site-wide search (search.portal.KINDS)
    what: str  # what the case shows (German, English, compound, typo, …)
    slugs: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    where: Q | None = None


R = "demo-relevanz-"
STAEDTETAG = "ag-kommunale-entwicklungspolitik-staedtetag-bw"
JURY = "Jury des bundesweiten Wettbewerbs „Kommune bewegt Welt“"

SUITE = [
    # German names and keywords
    Case("Weltladen Ludwigsburg", "akteure", "name", slugs=[R + "weltladen-ludwigsburg"]),
    Case("Bürgerklimabündnis", "akteure", "name", slugs=[R + "buergerklimabuendnis"]),
    Case("Freundeskreis Cusco", "akteure", "name", slugs=[R + "freundeskreis-cusco"]),
    Case("Cusco", "akteure", "name", slugs=[R + "freundeskreis-cusco"]),
    Case("Kirchengemeinde Oßweil", "akteure", "name", slugs=[R + "kirchengemeinde-ossweil"]),
    Case("Kulturverein", "akteure", "name", where=_text("kulturverein")),
    Case(
        "Koordinationsstelle",
        "akteure",
        "name",
        slugs=["koordinationsstelle-kommunale-entwicklungspolitik"],
    ),
    Case("Kaffee", "akteure", "topic", where=_text("kaffee") | Q(tags__name="Kaffee")),
    Case("Gymnasium", "akteure", "keyword", where=_text("gymnasium")),
    # German compounds
    Case("Partnerschaft", "akteure", "compound", where=_text("partnerschaft")),
    Case("Klimabündnis", "akteure", "compound", slugs=[R + "buergerklimabuendnis"]),
    Case("Bündnis", "akteure", "compound", slugs=[R + "buergerklimabuendnis"]),
    Case("Laden", "akteure", "compound", where=_text("laden") | Q(kind="world_shop")),
    Case("Gerechtigkeit", "akteure", "compound", where=_text("gerechtigkeit")),
    Case("Souveränität", "akteure", "compound", where=_text("souveränität")),
    # Partner countries and regions
    Case("Peru", "akteure", "partner country", where=_region("Peru") | _text("peru")),
    Case("Burkina Faso", "akteure", "partner country", where=_region("Burkina Faso")),
    Case("Tansania", "akteure", "partner country", where=_region("Tansania") | _text("tansania")),
    Case("Kamerun", "akteure", "partner country", where=_region("Kamerun") | _text("kamerun")),
    # Kinds
    Case("Migrant", "akteure", "kind", where=Q(kind="diaspora")),
    Case("Diaspora", "akteure", "kind", where=Q(kind="diaspora")),
    Case("Glaubensgemeinschaft", "akteure", "kind", where=Q(kind="faith")),
    Case("Stiftung", "akteure", "kind", where=Q(kind="foundation") | _text("stiftung")),
    # English
    Case("fair trade", "akteure", "English", where=_text("fair") | Q(kind="world_shop")),
    Case("school", "akteure", "English", where=Q(kind="education") | _text("schul")),
    Case("world shop", "akteure", "English", where=Q(kind="world_shop")),
    Case("climate", "akteure", "English", where=_text("klima") | Q(tags__name="Klima")),
    Case("migrant", "akteure", "English", where=Q(kind="diaspora") | _text("migra")),
    Case("Tanzania", "akteure", "English", where=_region("Tansania") | _text("tansania")),
    Case("church", "akteure", "English", where=_text("kirche")),
    Case("foundation", "akteure", "English", where=Q(kind="foundation")),
    # Typos (one or two letters wrong, swapped, missing)
    Case("Wletladen", "akteure", "typo", where=_text("weltladen") | Q(kind="world_shop")),
    Case("Fairtarde", "akteure", "typo", where=_text("fairtrade")),
    Case("Klimagerechtigkiet", "akteure", "typo", where=_text("klimagerechtigkeit")),
    Case("Schulpartnerschfat", "akteure", "typo", where=_text("schulpartnerschaft")),
    Case("Cuzco", "akteure", "typo", slugs=[R + "freundeskreis-cusco"]),
    Case("Stätdetag", "netzwerke", "typo", slugs=[STAEDTETAG]),
    Case("Nokke", "austausch", "typo", titles=["Günther Nooke"]),
    # Events
    Case("BuKo", "veranstaltungen", "event", slugs=["buko-2018"]),
    Case("Afrikatag", "veranstaltungen", "event", slugs=["bmz-afrikatag"]),
    Case("Compact with Africa", "veranstaltungen", "event", slugs=["g20-compact-with-africa"]),
    Case("Klimakonferenz", "veranstaltungen", "event", slugs=[R + "klimakonferenz"]),
    Case("Frühstückstisch", "veranstaltungen", "event", where=_event_text("frühstückstisch")),
    Case(
        "Bürgerklimabündnis", "veranstaltungen", "event participant", slugs=[R + "klimakonferenz"]
    ),
    Case("Marktplatz", "veranstaltungen", "event place", slugs=[R + "fruehstueck-weltladen"]),
    # Networks and the city's roles
    Case("Städtetag", "netzwerke", "network host", slugs=[STAEDTETAG]),
    Case(
        "Auswärtiges Amt",
        "netzwerke",
        "network host",
        slugs=["expertengruppe-kommunikation-flucht-migration"],
    ),
    Case(
        "Gutachtergremium", "netzwerke", "network", slugs=["gutachtergremium-inlandsfoerderung-bw"]
    ),
    Case(
        "Afrikadialog", "netzwerke", "network", slugs=["afrikadialog-afrikapolitische-leitlinien"]
    ),
    Case(
        "development policy",
        "netzwerke",
        "English",
        slugs=[
            STAEDTETAG,
            "zusammenarbeit-stadtverwaltung-entwicklungspolitik",
        ],
    ),
    Case("Juryvorsitz", "rollen", "role", titles=[JURY]),
    # Expert exchanges
    Case("Nooke", "austausch", "expert", titles=["Günther Nooke"]),
    Case("Integrationsministerin", "austausch", "expert", titles=["Bilkay Öney"]),
    Case(
        "Beauftragter",
        "austausch",
        "expert compound",
        titles=[
            "Günther Nooke",
            "Georg Schmidt",
        ],
    ),
    # Staff pages
    Case("Impressum", "seiten", "page", titles=["Impressum"]),
    Case("Barrierefreiheit", "seiten", "page", titles=["Erklärung zur Barrierefreiheit"]),
]
