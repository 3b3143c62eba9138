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


def log_in(context, live_server, user) -> None:
    """Give the browser the session cookie of a logged-in ``user`` (the login form itself
    is covered by the association journey)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


@pytest.fixture
def editor_page(context, live_server, portal_data):
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    user = UserFactory(username="vorstand", email="vorstand@schule.example")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    portal_data.school.editors.add(user)
    log_in(context, live_server, user)
    return context.new_page()


@pytest.fixture
def portal_data():
    """The seed plus the deliberate set the journeys search through (tests/public_pages.py)."""
    from tests.public_pages import make_portal_data

    return make_portal_data()
