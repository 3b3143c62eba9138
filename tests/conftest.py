import pytest
from django.utils import translation

from tests.factories import StaffUserFactory


@pytest.fixture
def staff_user(db):
    return StaffUserFactory(username="koordination")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def german():
    """Every test starts in German and leaves no language behind. A request to /en/
    activates English in the thread (LocaleMiddleware never deactivates), which would
    otherwise leak into the next test's reverse() calls and messages."""
    translation.activate("de")
    yield
    translation.deactivate()


def pytest_collection_modifyitems(config, items):
    """A test that starts the production stack (the `stack` fixture of tests/ops) is slow
    and belongs to `make test-ops`: it must carry the `ops` marker."""
    unmarked = [
        item.nodeid
        for item in items
        if "stack" in getattr(item, "fixturenames", ()) and item.get_closest_marker("ops") is None
    ]
    if unmarked:
        raise pytest.UsageError("Mark these tests with @pytest.mark.ops: " + ", ".join(unmarked))
