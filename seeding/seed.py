"""The Ludwigsburg data: every fact from the office's page "Ludwigsburg handelt lokal".

The source text is copied next to this module (``ludwigsburg-handelt-lokal.txt``, the
page as published). The loader runs on every ``make run``, so it only ever adds: a
record that is missing is created, one that exists is left exactly as staff keep it
(edited, archived, with other topics), and a second run writes nothing at all.

Where the page says nothing, the data says nothing: no SDGs, districts, organisers or
descriptions of our own. ``source`` names the line of the page a network or event comes
from (tests/test_seed.py checks each role and date against it). A value the models
require but the page does not state (a network's kind, an event's level, a role the
page only describes as "arbeitet eng zusammen") carries a ``to_confirm`` note: staff
see "bitte bestätigen" in the admin. Corrections of values seeded earlier reach
existing databases through the "seed_faithfulness" migrations of actors, networks and
events, which change a value only while it still is the old seeded one.
"""

from django.conf import settings
from django.db import transaction
from taggit.models import Tag

from actors.models import Actor, ActorKind, TopicTranslation
from actors.topics import resolve_topics
from events.models import DatePrecision, Event, Participation, ParticipationRole
from ludwigsburg_portal.publication import Level, PublicationStatus
from networks.models import ExpertExchange, Membership, MembershipRole, Network, NetworkKind

# The office's key in the lists below. It is created with the slug PORTAL_OFFICE_SLUG
# (this value by default), so a renamed office is found under its new slug.
OFFICE = "koordinationsstelle-kommunale-entwicklungspolitik"

# Notes for staff on values the models require but the page does not state.
TO_CONFIRM_COOPERATION_KIND = (
    "Art „Arbeitsgemeinschaft / Arbeitsgruppe“: Die Seite nennt keine Arbeitsgruppe, nur "
    "die enge Zusammenarbeit der Koordinationsstelle mit den vier Stellen."
)
TO_CONFIRM_COOPERATION_ROLE = (
    "Rolle: Die Seite sagt nur, dass die Koordinationsstelle eng mit dem Referat und den "
    "Fachbereichen zusammenarbeitet."
)
TO_CONFIRM_EVENT_LEVEL = (
    "Ebene: Die Seite nennt die drei Veranstaltungen nur gemeinsam „nationale und "
    "internationale Veranstaltungen“."
)

ACTORS = [
    {
        "slug": OFFICE,
        "name": "Koordinationsstelle kommunale Entwicklungspolitik",
        "teaser": (
            "Vernetzt die Eine-Welt-Akteure in Ludwigsburg untereinander und mit Partnern "
            "auf Landes- und Bundesebene."
        ),
        "description": (
            "Entwicklungspolitische Themen, die bisher nur im Kleinen verfolgt werden konnten, "
            "sollen nachhaltig in die Stadtverwaltung eingegliedert werden. In allen Bereichen "
            "arbeitet die Koordinationsstelle deshalb eng mit dem Referat für nachhaltige "
            "Stadtentwicklung sowie den Fachbereichen Tiefbau und Grünflächen, "
            "Bürgerschaftliches Engagement und Organisation und Personal "
            "(Städtepartnerschaften) zusammen.\n\n"
            "Die Moderations- und Vernetzungsfunktion der Koordinierungsstelle ist ein "
            "entscheidender Erfolgsfaktor für erfolgreiches Arbeiten in der Kommune sowie auf "
            "Landes- und Bundesebene. Dabei müssen alle Akteure (Gruppen, Vereine) zunächst "
            "voneinander wissen und gut miteinander vernetzt sein. Nur so können sie voneinander "
            "lernen, vorhandene Potentiale optimal ausschöpfen sowie gemeinsam planen und "
            "handeln."
        ),
        "tags": ["Eine-Welt-Arbeit", "Kommunale Entwicklungspolitik", "Vernetzung"],
    },
    {
        "slug": "referat-nachhaltige-stadtentwicklung",
        "name": "Referat Nachhaltige Stadtentwicklung",
        "teaser": "Partner der Koordinationsstelle in der Stadtverwaltung.",
        "tags": ["Stadtentwicklung"],
    },
    {
        "slug": "fachbereich-tiefbau-und-gruenflaechen",
        "name": "Fachbereich Tiefbau und Grünflächen",
        "teaser": "Partner der Koordinationsstelle in der Stadtverwaltung.",
        "tags": ["Grünflächen"],
    },
    {
        "slug": "fachbereich-buergerschaftliches-engagement",
        "name": "Fachbereich Bürgerschaftliches Engagement",
        "teaser": "Partner der Koordinationsstelle in der Stadtverwaltung.",
        "tags": ["Bürgerschaftliches Engagement"],
    },
    {
        "slug": "fachbereich-organisation-und-personal-staedtepartnerschaften",
        "name": "Fachbereich Organisation und Personal – Städtepartnerschaften",
        "teaser": "Partner der Koordinationsstelle in der Stadtverwaltung; zuständig für die "
        "Städtepartnerschaften.",
        "tags": ["Städtepartnerschaften"],
    },
]

PARTNER_DEPARTMENTS = [actor["slug"] for actor in ACTORS if actor["slug"] != OFFICE]

NETWORKS = [
    {
        "slug": "vernetzung-eine-welt-akteure-ludwigsburg",
        "source": "Die Moderations- und Vernetzungsfunktion der Koordinierungsstelle",
        "name": "Vernetzung der Eine-Welt-Akteure im Stadtgebiet",
        "level": Level.CITY,
        "kind": NetworkKind.LOCAL_NETWORK,
        "host": "Koordinationsstelle kommunale Entwicklungspolitik, Stadt Ludwigsburg",
        "description": (
            "Kommunale Entwicklungszusammenarbeit beziehungsweise Eine-Welt-Arbeit erfolgt "
            "bereits an vielen Stellen der Stadt. Damit Gruppen und Vereine voneinander wissen, "
            "voneinander lernen und gemeinsam planen und handeln können, moderiert die "
            "Koordinationsstelle ihre Vernetzung."
        ),
    },
    {
        "slug": "zusammenarbeit-stadtverwaltung-entwicklungspolitik",
        "source": "arbeitet die Koordinationsstelle deshalb eng mit dem Referat",
        "name": "Zusammenarbeit in der Stadtverwaltung zur kommunalen Entwicklungspolitik",
        "level": Level.CITY,
        "kind": NetworkKind.WORKING_GROUP,
        "to_confirm": TO_CONFIRM_COOPERATION_KIND,
        "host": "Stadt Ludwigsburg",
        "description": (
            "Entwicklungspolitische Themen sollen nachhaltig in die Stadtverwaltung "
            "eingegliedert werden. Die Koordinationsstelle arbeitet dafür eng mit dem Referat "
            "für nachhaltige Stadtentwicklung und den Fachbereichen Tiefbau und Grünflächen, "
            "Bürgerschaftliches Engagement sowie Organisation und Personal "
            "(Städtepartnerschaften) zusammen."
        ),
    },
    {
        "slug": "jury-kommune-bewegt-welt",
        "source": 'Juryvorsitz des bundesweiten Wettbewerbs "Kommune bewegt Welt"',
        "name": "Jury des bundesweiten Wettbewerbs „Kommune bewegt Welt“",
        "level": Level.FEDERAL,
        "kind": NetworkKind.JURY,
        "description": "Die Koordinationsstelle hat den Juryvorsitz des bundesweiten "
        "Wettbewerbs „Kommune bewegt Welt“ inne.",
    },
    {
        "slug": "ag-kommunale-entwicklungspolitik-staedtetag-bw",
        "source": 'Mitgliedschaft in der AG "Kommunale Entwicklungspolitik" des Städtetags '
        "Baden-Württemberg",
        "name": "AG „Kommunale Entwicklungspolitik“ des Städtetags Baden-Württemberg",
        "level": Level.STATE,
        "kind": NetworkKind.WORKING_GROUP,
        "host": "Städtetag Baden-Württemberg",
        "description": "AG „Kommunale Entwicklungspolitik“ des Städtetags Baden-Württemberg. "
        "Ludwigsburg ist Mitglied.",
    },
    {
        "slug": "expertengruppe-kommunikation-flucht-migration",
        "source": "Mitgliedschaft in der Expertengruppe „Kommunikation über Flucht und "
        "Migration“ des Auswärtigen Amtes",
        "name": "Expertengruppe „Kommunikation über Flucht und Migration“ des Auswärtigen Amtes",
        "level": Level.FEDERAL,
        "kind": NetworkKind.EXPERT_GROUP,
        "host": "Auswärtiges Amt",
        "description": "Expertengruppe des Auswärtigen Amtes zur Kommunikation über Flucht und "
        "Migration. Ludwigsburg ist Mitglied.",
    },
    {
        "slug": "gutachtergremium-inlandsfoerderung-bw",
        "source": "Mitgliedschaft im Gutachtergremium der entwicklungspolitischen "
        "Inlandsförderung des Landes Baden-Württemberg",
        "name": "Gutachtergremium der entwicklungspolitischen Inlandsförderung des Landes "
        "Baden-Württemberg",
        "level": Level.STATE,
        "kind": NetworkKind.REVIEW_BOARD,
        "host": "Land Baden-Württemberg",
        "description": "Gutachtergremium der entwicklungspolitischen Inlandsförderung des "
        "Landes Baden-Württemberg. Ludwigsburg ist Mitglied.",
    },
    {
        "slug": "afrikadialog-afrikapolitische-leitlinien",
        "source": "Mitwirkung beim Afrikadialog zur Fortschreibung und Weiterentwicklung der "
        "afrikapolitischen Leitlinien der Bundesregierung von 2014",
        "name": "Afrikadialog zur Fortschreibung der afrikapolitischen Leitlinien der "
        "Bundesregierung",
        "level": Level.FEDERAL,
        "kind": NetworkKind.DIALOGUE,
        "description": "Dialogprozess zur Fortschreibung und Weiterentwicklung der "
        "afrikapolitischen Leitlinien der Bundesregierung von 2014. Ludwigsburg hat "
        "mitgewirkt.",
    },
]

MEMBERSHIPS = [
    # (network slug, actor slug, role, note for staff where the page states no role)
    ("vernetzung-eine-welt-akteure-ludwigsburg", OFFICE, MembershipRole.COORDINATOR, ""),
    (
        "zusammenarbeit-stadtverwaltung-entwicklungspolitik",
        OFFICE,
        MembershipRole.COORDINATOR,
        TO_CONFIRM_COOPERATION_ROLE,
    ),
    *[
        (
            "zusammenarbeit-stadtverwaltung-entwicklungspolitik",
            slug,
            MembershipRole.MEMBER,
            TO_CONFIRM_COOPERATION_ROLE,
        )
        for slug in PARTNER_DEPARTMENTS
    ],
    ("jury-kommune-bewegt-welt", OFFICE, MembershipRole.JURY_CHAIR, ""),
    ("ag-kommunale-entwicklungspolitik-staedtetag-bw", OFFICE, MembershipRole.MEMBER, ""),
    ("expertengruppe-kommunikation-flucht-migration", OFFICE, MembershipRole.MEMBER, ""),
    # "Mitgliedschaft im Gutachtergremium": a membership, not a reviewer's role.
    ("gutachtergremium-inlandsfoerderung-bw", OFFICE, MembershipRole.MEMBER, ""),
    ("afrikadialog-afrikapolitische-leitlinien", OFFICE, MembershipRole.CONTRIBUTOR, ""),
]

# The page names these events under "Mitwirkung bei nationalen und internationalen
# Veranstaltungen", without dates (only BuKo 2018 carries its year) and without
# organisers; which of them is national and which international it does not say.
EVENT_SOURCE = "Mitwirkung bei nationalen und internationalen Veranstaltungen"
EVENT_DESCRIPTION = (
    "Nationale oder internationale Veranstaltung, bei der die Koordinationsstelle mitgewirkt hat."
)
EVENTS = [
    {
        "slug": "buko-2018",
        "source": "BuKo 2018",
        "title": "BuKo 2018",
        "level": Level.FEDERAL,
        "date_precision": DatePrecision.YEAR,
        "start": (2018, 1, 1),
        "description": EVENT_DESCRIPTION,
        "to_confirm": TO_CONFIRM_EVENT_LEVEL,
    },
    {
        "slug": "bmz-afrikatag",
        "source": "BMZ-Afrikatag",
        "title": "BMZ-Afrikatag",
        "level": Level.FEDERAL,
        "date_precision": DatePrecision.UNKNOWN,
        "description": EVENT_DESCRIPTION,
        "to_confirm": TO_CONFIRM_EVENT_LEVEL,
    },
    {
        "slug": "g20-compact-with-africa",
        "source": 'G20 "Compact with Africa"',
        "title": "G20 „Compact with Africa“",
        "level": Level.INTERNATIONAL,
        "date_precision": DatePrecision.UNKNOWN,
        "description": EVENT_DESCRIPTION,
        "to_confirm": TO_CONFIRM_EVENT_LEVEL,
    },
]

EXPERT_EXCHANGES = [
    ("Günther Nooke", "Afrikabeauftragter der Bundesregierung"),
    ("Bilkay Öney", "ehemalige Integrationsministerin von Baden-Württemberg"),
    (
        "Georg Schmidt",
        "Regionalbeauftragter des Auswärtigen Amts für das Afrika südlich der Sahara",
    ),
]

# English versions of the texts above, by slug: translations only, nothing added.
# "BuKo 2018" has none: it is a name, shown as German (lang="de") on English pages.
# The loader fills them in only where a record has no English text yet, so English
# that staff wrote stays. The migrations "english_seed_texts" hold the same texts for
# databases loaded before there were English fields.
ENGLISH_ACTORS = {
    OFFICE: {
        "teaser_en": (
            "Connects the One World actors in Ludwigsburg with each other and with partners "
            "at state and federal level."
        ),
        "description_en": (
            "Development policy topics that until now could only be pursued on a small scale "
            "are to become a lasting part of the city administration. In all areas the "
            "coordination office therefore works closely with the Department for Sustainable "
            "Urban Development and with the departments of Civil Engineering and Green "
            "Spaces, Civic Engagement, and Organisation and Human Resources (Town "
            "Twinning).\n\n"
            "The coordination office's work of moderating and networking is a decisive factor "
            "for successful work in the municipality and at state and federal level. For this, "
            "all actors (groups, associations) first need to know about each other and be well "
            "connected. Only then can they learn from each other, make the most of the "
            "potential that exists, and plan and act together."
        ),
    },
    "referat-nachhaltige-stadtentwicklung": {
        "teaser_en": "Partner of the coordination office in the city administration.",
    },
    "fachbereich-tiefbau-und-gruenflaechen": {
        "teaser_en": "Partner of the coordination office in the city administration.",
    },
    "fachbereich-buergerschaftliches-engagement": {
        "teaser_en": "Partner of the coordination office in the city administration.",
    },
    "fachbereich-organisation-und-personal-staedtepartnerschaften": {
        "teaser_en": "Partner of the coordination office in the city administration; "
        "responsible for the town twinning partnerships.",
    },
}

ENGLISH_TOPICS = {
    "Eine-Welt-Arbeit": "One World work",
    "Kommunale Entwicklungspolitik": "Municipal development policy",
    "Vernetzung": "Networking",
    "Stadtentwicklung": "Urban development",
    "Grünflächen": "Green spaces",
    "Bürgerschaftliches Engagement": "Civic engagement",
    "Städtepartnerschaften": "Town twinning",
}

ENGLISH_NETWORKS = {
    "vernetzung-eine-welt-akteure-ludwigsburg": {
        "name_en": "Network of the One World actors in the city",
        "description_en": (
            "Municipal development cooperation, or One World work, already takes place in many "
            "parts of the city. So that groups and associations know about each other, learn "
            "from each other and can plan and act together, the coordination office moderates "
            "their networking."
        ),
    },
    "zusammenarbeit-stadtverwaltung-entwicklungspolitik": {
        "name_en": "Cooperation within the city administration on municipal development policy",
        "description_en": (
            "Development policy topics are to become a lasting part of the city "
            "administration. To this end the coordination office works closely with the "
            "Department for Sustainable Urban Development and the departments of Civil "
            "Engineering and Green Spaces, Civic Engagement, and Organisation and Human "
            "Resources (Town Twinning)."
        ),
    },
    "jury-kommune-bewegt-welt": {
        "name_en": "Jury of the nationwide competition “Kommune bewegt Welt”",
        "description_en": "The coordination office chairs the jury of the nationwide "
        "competition “Kommune bewegt Welt”.",
    },
    "ag-kommunale-entwicklungspolitik-staedtetag-bw": {
        "name_en": "Working group “Municipal Development Policy” of the Städtetag "
        "Baden-Württemberg (association of cities)",
        "description_en": "Working group “Municipal Development Policy” of the Städtetag "
        "Baden-Württemberg. Ludwigsburg is a member.",
    },
    "expertengruppe-kommunikation-flucht-migration": {
        "name_en": "Expert group “Communication on Flight and Migration” of the Federal "
        "Foreign Office",
        "description_en": "Expert group of the Federal Foreign Office on communication about "
        "flight and migration. Ludwigsburg is a member.",
    },
    "gutachtergremium-inlandsfoerderung-bw": {
        "name_en": "Review board of the State of Baden-Württemberg's domestic funding for "
        "development policy work",
        "description_en": "Review board of the State of Baden-Württemberg's domestic funding "
        "for development policy work. Ludwigsburg is a member.",
    },
    "afrikadialog-afrikapolitische-leitlinien": {
        "name_en": "Africa dialogue on updating the Federal Government's Africa policy guidelines",
        "description_en": "Dialogue process on updating and further developing the Federal "
        "Government's Africa policy guidelines of 2014. Ludwigsburg took part.",
    },
}

EVENT_DESCRIPTION_EN = "National or international event in which the coordination office took part."
ENGLISH_EVENTS = {
    "buko-2018": {
        "description_en": EVENT_DESCRIPTION_EN,
    },
    "bmz-afrikatag": {
        "title_en": "BMZ Africa Day",
        "description_en": EVENT_DESCRIPTION_EN,
    },
    "g20-compact-with-africa": {
        "title_en": "G20 “Compact with Africa”",
        "description_en": EVENT_DESCRIPTION_EN,
    },
}


def fill_english(obj, texts: dict[str, str]) -> None:
    """Set the English fields in ``texts`` that ``obj`` has empty; keep every other."""
    missing = [name for name in texts if not getattr(obj, name)]
    for name in missing:
        setattr(obj, name, texts[name])
    if missing:
        obj.save(update_fields=missing)


def load_english_texts() -> None:
    for model, texts_by_slug in (
        (Actor, ENGLISH_ACTORS),
        (Network, ENGLISH_NETWORKS),
        (Event, ENGLISH_EVENTS),
    ):
        for record in model.objects.filter(slug__in=texts_by_slug):
            fill_english(record, texts_by_slug[record.slug])
    for tag in Tag.objects.filter(name__in=ENGLISH_TOPICS):
        translation, _ = TopicTranslation.objects.get_or_create(tag=tag)
        fill_english(translation, {"name_en": ENGLISH_TOPICS[tag.name]})


@transaction.atomic
def load_ludwigsburg() -> dict[str, int]:
    """Create every record of the seed page that is missing; never change one that exists.

    Actors, networks and events are matched by slug (the office by PORTAL_OFFICE_SLUG),
    memberships by actor and network (whatever role, term or mandate staff gave them
    since), participations by actor and event, expert exchanges by actor and expert.
    Returns how many records of each kind were created (all zero on a second run).
    """
    import datetime

    from django.utils import timezone

    created = dict.fromkeys(
        ["actors", "networks", "memberships", "events", "participations", "expert_exchanges"], 0
    )

    actors = {}
    for data in ACTORS:
        data = dict(data)
        key = data.pop("slug")
        tags = data.pop("tags")
        actor, is_new = Actor.objects.get_or_create(
            slug=settings.PORTAL_OFFICE_SLUG if key == OFFICE else key,
            defaults={
                **data,
                "kind": ActorKind.MUNICIPAL,
                "city": "Ludwigsburg",
                "status": PublicationStatus.PUBLISHED,
            },
        )
        if is_new:
            actor.tags.set(resolve_topics(tags))
            created["actors"] += 1
        actors[key] = actor

    networks = {}
    for data in NETWORKS:
        data = dict(data)
        data.pop("source")
        network, is_new = Network.objects.get_or_create(
            slug=data.pop("slug"), defaults={**data, "status": PublicationStatus.PUBLISHED}
        )
        created["networks"] += is_new
        networks[network.slug] = network

    for network_slug, actor_key, role, to_confirm in MEMBERSHIPS:
        actor, network = actors[actor_key], networks[network_slug]
        if not Membership.objects.filter(actor=actor, network=network).exists():
            Membership.objects.create(
                actor=actor, network=network, role=role, to_confirm=to_confirm
            )
            created["memberships"] += 1

    for data in EVENTS:
        data = dict(data)
        data.pop("source")
        start = data.pop("start", None)
        if start:
            start = timezone.make_aware(datetime.datetime(*start))
        event, is_new = Event.objects.get_or_create(
            slug=data.pop("slug"),
            defaults={**data, "start": start, "status": PublicationStatus.PUBLISHED},
        )
        created["events"] += is_new
        if not Participation.objects.filter(actor=actors[OFFICE], event=event).exists():
            Participation.objects.create(
                actor=actors[OFFICE], event=event, role=ParticipationRole.CONTRIBUTOR
            )
            created["participations"] += 1

    for name, function in EXPERT_EXCHANGES:
        if not ExpertExchange.objects.filter(actor=actors[OFFICE], expert_name=name).exists():
            ExpertExchange.objects.create(
                actor=actors[OFFICE], expert_name=name, expert_function=function
            )
            created["expert_exchanges"] += 1

    load_english_texts()

    return created
