import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from django_tasks import task_backends

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


@pytest.fixture(autouse=True)
def fresh_memory():
    """Every test starts with an empty per-process memory (``ludwigsburg_portal.versioned``):
    the rolled-back rows of an earlier test never committed, so never advanced the data
    version under which they may have been remembered."""
    from ludwigsburg_portal import versioned

    versioned.forget()
    yield
    versioned.forget()


@pytest.fixture(scope="module")
def migration_data_afterwards(django_db_setup, django_db_blocker):
    """For modules of transactional tests (committed data, so other connections see
    it): such a test ends with a flush, which also wipes what data migrations created
    (the staff group, the SDGs); put it back for whatever runs next on this database
    (``--reuse-db``). The tests themselves ask for ``serialized_rollback=True``."""
    yield
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def worker(settings, monkeypatch):
    """The production task backend: a task waits as a row until the worker runs it.
    Returns a function that runs the real ``db_worker`` command over the queue."""
    # Between tasks the worker drops connections that are not in autocommit mode,
    # which would end the test's transaction: skip that.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert task_backends["default"].supports_defer  # django-tasks re-reads TASKS

    def run_worker(*, max_tasks: int | None = None) -> None:
        limit = ["--max-tasks", str(max_tasks)] if max_tasks else []
        call_command("db_worker", "--batch", *limit, "--no-startup-delay", verbosity=0)

    return run_worker


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
