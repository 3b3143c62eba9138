"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test here is marked ``browser`` (``make test-browser`` runs only these; ``make test``
deselects them). Each test gets a transactional database holding its post-migration
content (SDGs, the "Koordinationsstelle" group), a fresh browser context with a German locale,
and a guard that fails the test when the page requests anything from a host other than the
live server (the portal promises no third-party requests).
"""

import os
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(items):
    """Mark every test in this directory: the marker decides which make target runs it."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            # Transactional, so the live server thread sees the test's data; serialized
            # rollback brings back what data migrations created (SDGs, staff group).
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def _migration_data(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The test database's content right after migrating (SDGs, the staff group with its
    permissions), serialized. Put back at the end: the last transactional test leaves the
    tables empty, and the next ``--reuse-db`` run would start without that data.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        contents = connection.creation.serialize_db_to_string()
    yield contents
    with django_db_blocker.unblock():
        connections[DEFAULT_DB_ALIAS].creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="session")
def _async_unsafe_allowed() -> Iterator[None]:
    """Playwright's sync API keeps an asyncio loop running in this thread, and Django then
    refuses database access from test code ("async-unsafe"). The tests are synchronous and
    alone in this thread, so it is safe. Set only while browser tests run, not for the rest
    of the suite (this conftest's fixtures apply to this directory only).
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session", autouse=True)
def _serialized_rollback_next_to_playwright(_async_unsafe_allowed, _migration_data, playwright):
    """While Playwright's loop runs, Django keeps its connections per asyncio context rather
    than per thread, so the connection the tests use is not the one pytest-django stored the
    serialized database in; without it, serialized rollback silently loads nothing. Hand
    the snapshot to that connection once (session fixtures are set up before the
    function-scoped database fixture reads it).
    """
    connections[DEFAULT_DB_ALIAS]._test_serialized_contents = _migration_data


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium; `playwright install` cannot download here (scripts/install-browser.sh)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-browser.sh", pytrace=False)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Relative URLs in page.goto() go to the live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "de-DE",
        "timezone_id": "Europe/Berlin",
        "accept_downloads": True,
    }


@pytest.fixture
def foreign_requests(live_server) -> Iterator[list[str]]:
    """Every request any browser context of the test sent to a host other than the live
    server. A test may assert on it; in any case the test fails afterwards unless it is empty.
    """
    seen: list[str] = []
    yield seen
    assert seen == [], f"requests to third-party hosts: {seen}"


@pytest.fixture
def new_context(new_context, live_server, foreign_requests):
    """pytest-playwright's context factory, with the third-party request guard attached to
    every context (the ``context`` and ``page`` fixtures use this factory too)."""
    own = urlsplit(live_server.url).netloc

    def record_foreign(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
            foreign_requests.append(request.url)

    def make(**kwargs):
        # Desktop unless the test asks for another viewport (the plugin's factory would
        # refuse a viewport given both here and in browser_context_args).
        kwargs.setdefault("viewport", DESKTOP)
        context = new_context(**kwargs)
        context.set_default_timeout(10_000)  # fail in seconds, not half a minute
        context.on("request", record_foreign)
        return context

    return make


@pytest.fixture
def phone_page(new_context):
    """A page in a 360 px wide phone viewport."""
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached pages live in the process-wide cache the live server shares;
    start each test without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def portal_data():
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
