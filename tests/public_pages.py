"""The public pages and forms every page-wide check walks (axe in tests/browser/, the Nu
Html Checker in tests/html/), and the data they are rendered with.

URLs are built by functions of that data inside the language (``url_in``), so English
pages get their /en/ prefix.
"""

from types import SimpleNamespace

from django.urls import reverse
from django.utils import translation

LANGUAGES = ["de", "en"]

# Page type -> URL.
PAGES = {
    "home": lambda d: reverse("pages:home"),
    "directory": lambda d: reverse("actors:list"),
    "directory-results": lambda d: reverse("actors:list") + "?q=Schulen&sdg=4",
    "directory-empty": lambda d: reverse("actors:list") + "?q=Quantenchromodynamik",
    "actor": lambda d: d.school.get_absolute_url(),
    "networks": lambda d: reverse("networks:list"),
    "network": lambda d: d.network.get_absolute_url(),
    "events": lambda d: reverse("events:list"),
    "event-archive": lambda d: reverse("events:archive"),
    "calendar": lambda d: reverse("events:calendar"),
    "event": lambda d: d.event.get_absolute_url(),
    "office": lambda d: reverse("pages:office"),
    "imprint": lambda d: reverse("pages:imprint"),
    "privacy": lambda d: reverse("pages:privacy"),
    "accessibility-statement": lambda d: reverse("pages:accessibility"),
    "easy-language": lambda d: reverse("pages:easy_language"),
    "network-picture": lambda d: reverse("atlas:network"),
    "network-picture-filtered": lambda d: reverse("atlas:network") + f"?netzwerk={d.network.slug}",
    "network-picture-empty": lambda d: reverse("atlas:network") + "?stadtteil=poppenweiler",
    "world-map": lambda d: reverse("atlas:world_map"),
    "open-data": lambda d: reverse("opendata:index"),
    "api-reference": lambda d: reverse("opendata:api_reference"),
    "submission-form": lambda d: reverse("selfservice:submit"),
    "login": lambda d: reverse("account_login"),
    "login-code": lambda d: reverse("account_request_login_code"),
    "password-reset": lambda d: reverse("account_reset_password"),
    "signup": lambda d: reverse("account_signup"),
}

# Forms that validate on the server (GET filters explain values they did not understand).
INVALID_FILTERS = {
    "directory-invalid-filters": lambda d: reverse("actors:list") + "?sdg=99&stadtteil=atlantis",
    "events-invalid-filters": lambda d: reverse("events:list") + "?ebene=mond&thema=%3Cb%3E",
    "network-invalid-filters": lambda d: reverse("atlas:network") + "?ebene=mond&sdg=99",
    "world-map-invalid-filters": lambda d: reverse("atlas:world_map") + "?sdg=99&thema=%3Cb%3E",
}
# POST forms submitted empty; the page must then show its errors accessibly too.
EMPTY_SUBMITS = {
    "accessibility-feedback": lambda d: reverse("pages:accessibility"),
    "submission-form": lambda d: reverse("selfservice:submit"),
    "login": lambda d: reverse("account_login"),
    "login-code": lambda d: reverse("account_request_login_code"),
    "password-reset": lambda d: reverse("account_reset_password"),
    "signup": lambda d: reverse("account_signup"),
}

# An association's pages after login (editor of the school), and their forms sent with a
# required field left empty: (page, CSS selector of the form, field to empty first).
EDITOR_PAGES = {
    "my-profiles": lambda d: reverse("selfservice:my_profiles"),
    "edit-profile": lambda d: reverse("selfservice:edit", kwargs={"slug": d.school.slug}),
    "propose-event": lambda d: reverse("selfservice:events", kwargs={"slug": d.school.slug}),
    "editors": lambda d: reverse("selfservice:editors", kwargs={"slug": d.school.slug}),
    "claim-form": lambda d: reverse("selfservice:claim", kwargs={"slug": d.shop.slug}),
    "my-data": lambda d: reverse("selfservice:my_data"),
    "e-mail-addresses": lambda d: reverse("account_email"),
}
EDITOR_EMPTY_SUBMITS = {
    "edit-profile": ("edit-profile", "main form:has([name=teaser])", "[name=name]"),
    "propose-event": ("propose-event", "main form:has([name=title])", None),
    "editors": ("editors", "main form:has([name=email])", None),
    "claim-form": ("claim-form", "main form:has([name=message])", None),
    "my-data": ("my-data", "main form:has([name=confirm])", None),
}


def url_in(language, build, data) -> str:
    with translation.override(language):
        return build(data)


def make_portal_data() -> SimpleNamespace:
    """The Ludwigsburg seed plus a small, deliberate set the journeys search through.

    "Schule am Favoritepark" is the one actor that matches the search "Schulen", SDG 4 and
    the district Eglosheim; its two namesakes each fail one of those filters.
    """
    import datetime

    from django.utils import timezone

    from actors.models import ActorKind, District
    from events.models import ParticipationRole
    from ludwigsburg_portal.publication import Level
    from networks.models import MembershipRole, NetworkKind
    from seeding.seed import load_ludwigsburg
    from tests.factories import (
        ActorFactory,
        EventFactory,
        MembershipFactory,
        NetworkFactory,
        ParticipationFactory,
        RegionFactory,
    )

    load_ludwigsburg()
    partner = RegionFactory(name="Mosambik", slug="mosambik", iso_code="MZ")
    school = ActorFactory(
        name="Schule am Favoritepark",
        slug="schule-am-favoritepark",
        kind=ActorKind.EDUCATION,
        teaser="Ganztagsschule mit Fairtrade-AG und einer Partnerschule in Mosambik.",
        description="Die Schülerinnen und Schüler verkaufen fair gehandelte Pausensnacks.",
        district=District.EGLOSHEIM,
        tags=["Globales Lernen", "Fairer Handel"],
        sdgs=[4, 12],
        regions=[partner],
    )
    west = ActorFactory(
        name="Schule im Westen",
        slug="schule-im-westen",
        kind=ActorKind.EDUCATION,
        district=District.WEST,
        sdgs=[4],
    )
    lake = ActorFactory(
        name="Schule am See",
        slug="schule-am-see",
        kind=ActorKind.EDUCATION,
        district=District.EGLOSHEIM,
        sdgs=[13],
    )
    shop = ActorFactory(
        name="Weltladen Ludwigsburg",
        slug="weltladen-ludwigsburg",
        kind=ActorKind.WORLD_SHOP,
        district=District.MITTE,
        tags=["Fairer Handel"],
        sdgs=[12],
    )
    network = NetworkFactory(
        name="Netzwerk Faire Schulen Ludwigsburg",
        slug="netzwerk-faire-schulen",
        level=Level.CITY,
        kind=NetworkKind.LOCAL_NETWORK,
        host="Koordinationsstelle kommunale Entwicklungspolitik",
    )
    MembershipFactory(actor=school, network=network, role=MembershipRole.MEMBER)
    MembershipFactory(actor=shop, network=network, role=MembershipRole.CHAIR)
    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    event = EventFactory(
        title="Fairer Pausenverkauf",
        slug="fairer-pausenverkauf",
        start=start,
        end=start + datetime.timedelta(hours=3),
        location="Schule am Favoritepark, Eglosheim",
        level=Level.CITY,
        description="Schülerinnen und Schüler verkaufen fair gehandelte Snacks.",
    )
    ParticipationFactory(actor=school, event=event, role=ParticipationRole.ORGANISER)
    ParticipationFactory(actor=shop, event=event, role=ParticipationRole.EXHIBITOR)
    past = EventFactory(
        title="Weltladentag 2024",
        slug="weltladentag-2024",
        start=timezone.make_aware(datetime.datetime(2024, 5, 11, 10)),
        end=timezone.make_aware(datetime.datetime(2024, 5, 11, 16)),
    )
    ParticipationFactory(actor=shop, event=past, role=ParticipationRole.ORGANISER)
    return SimpleNamespace(
        school=school, west=west, lake=lake, shop=shop, network=network, event=event, past=past
    )
