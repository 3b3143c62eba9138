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
def german_by_default():
    """Every test starts in German. A request to /en/ activates English in the thread
    (LocaleMiddleware never deactivates), which would otherwise leak into the next
    test's reverse() calls and messages."""
    translation.activate("de")
    yield
    translation.deactivate()
