"""Per-process memory of what changes only on writes, valid until the next write anywhere.

Filter options with their counts, total counts, the small lists a search reads, rendered
cards: the pages need them on every request, but they change only when someone writes.
They are kept in this process's memory under the *data version*, a PostgreSQL sequence
(``portal_data_version``) that every write a visitor could see advances after its
commit (``ludwigsburg_portal.cache`` calls :func:`bump_data_version` wherever it makes
cached pages stale). Every process reads the version once per request (one tiny query),
so a write in one gunicorn worker reaches the others on their next request: no Redis,
no lifetime, no stale page. Without any write the version stays where it is, so the
memory lives as long as the process.

- :func:`remember` is the cache itself: ``remember(key, compute)`` returns what
  ``compute()`` returned for ``key`` under the current version, computing it once.
- Inside a request the version is read at most once (the first time it is needed).
  Outside a request (management commands, the shell) it is read on every call.
- A write in this process forgets the memory at once, before its commit (the writing
  request and a test's transaction see their own change). Should the transaction roll
  back instead, the memory is forgotten again when the request ends, so nothing that
  was never committed outlives the request.
- Keys name what is stored and everything it depends on besides the data (the
  language, the parameters); the memory holds at most ``MAX_ENTRIES`` of them and lets
  the least recently used go first (a crawler walking every actor page does not push
  out the directory's filters).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.signals import request_finished, request_started
from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language

SEQUENCE = "portal_data_version"
MAX_ENTRIES = 5_000

T = TypeVar("T")


class _State(threading.local):
    def __init__(self):
        self.in_request = False
        self.version: int | None = None  # read in this request
        self.uncommitted = False  # a write here whose commit has not been seen


_state = _State()
_lock = threading.Lock()
_memory: OrderedDict[Hashable, object] = OrderedDict()
_memory_version: list[int | None] = [None]


def data_version() -> int:
    """The current data version (memoised for the rest of the request)."""
    if _state.in_request and _state.version is not None:
        return _state.version
    with connection.cursor() as cursor:
        # A new sequence reads 1 before and after its first nextval() (is_called tells
        # them apart): counted in, the first write after an install advances it too.
        cursor.execute(f"SELECT last_value + is_called::int FROM {SEQUENCE}")  # a constant
        version = cursor.fetchone()[0]
    if _state.in_request:
        _state.version = version
    return version


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` for ``key`` under the current data version, computed once per version."""
    version = data_version()
    with _lock:
        if _memory_version[0] != version:
            _memory.clear()
            _memory_version[0] = version
        try:
            value = _memory[key]
        except KeyError:
            pass
        else:
            _memory.move_to_end(key)  # recently used: evicted last
            return value  # type: ignore[return-value]
    value = compute()
    with _lock:
        if _memory_version[0] == version:
            _memory[key] = value
            while len(_memory) > MAX_ENTRIES:
                _memory.popitem(last=False)  # the least recently used (a crawler's pages)
    return value


def minute():
    """This minute, for the key of what also depends on the clock (what is upcoming)."""
    return timezone.now().replace(second=0, microsecond=0)


def hour():
    """This hour, for the key of what may lag the clock by an hour (subscribed calendars)."""
    return timezone.now().replace(minute=0, second=0, microsecond=0)


def language_key(*parts: Hashable) -> tuple:
    """``parts`` plus the active language: for what a page shows in its language."""
    return (*parts, (get_language() or "de")[:2])


def forget() -> None:
    """Drop this process's memory (the next request computes everything afresh)."""
    with _lock:
        _memory.clear()
        _memory_version[0] = None
    _state.version = None


def forget_uncommitted() -> None:
    """A write a visitor could see, maybe not yet committed: this process forgets its
    memory now, so it sees its own write. The writer advances the version for every
    process after the commit (:func:`bump_data_version`)."""
    forget()
    if connection.in_atomic_block:
        _state.uncommitted = True


def bump_data_version() -> None:
    """Advance the version for every process (call after the write is committed)."""
    forget()
    _state.uncommitted = False
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nextval('{SEQUENCE}')")  # a constant name


def _request_started(**kwargs) -> None:
    _state.in_request = True
    _state.version = None
    if _state.uncommitted:  # a write before this request that was never committed
        _state.uncommitted = False
        forget()


def _request_finished(**kwargs) -> None:
    _state.in_request = False
    _state.version = None
    if _state.uncommitted:  # the request's transaction rolled back
        _state.uncommitted = False
        forget()


request_started.connect(_request_started, dispatch_uid="versioned-request-started")
request_finished.connect(_request_finished, dispatch_uid="versioned-request-finished")
