"""Files written ahead of time, one per data version, for what takes too long per request.

Serialising the whole directory of a state-wide portal takes longer than a request may
run (gunicorn gives a worker 30 s). Such a file is built by the background worker instead
and kept, gzip-compressed, in ``DOWNLOADS_DIR`` under its name and the data version it
was read at (``ludwigsburg_portal.versioned``): ``akteure-de.csv.1234.gz``. A request
serves the newest file there is: the compressed bytes as they are to clients that accept
gzip (every browser; ``sendfile`` through gunicorn, no Python loop), decompressed on the
fly to those that do not.

- :func:`build` reads the version *before* its snapshot, so a file holds at least the
  data of its version (a write committed in between is in it too, and makes the next
  request ask for a newer file). The data is read in one ``REPEATABLE READ`` transaction:
  every query of the build sees the same committed state, so a file never holds a record
  twice or misses one that a concurrent write moved. Under an advisory lock per name,
  only one process builds a name at a time.
- The file appears under its final name only when complete (written beside it, then
  renamed), and the other versions are removed afterwards; a request still sending one
  keeps its open file (POSIX), the next one finds the new file.
- Several web servers must share ``DOWNLOADS_DIR`` (as they share ``MEDIA_ROOT``).
"""

from __future__ import annotations

import gzip
import os
import re
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.http import FileResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.regex_helper import _lazy_re_compile

from . import versioned

_NAME = re.compile(r"^[a-z0-9-]+\.[a-z]+$")  # "akteure-de.csv": no path, no dots beyond one
_ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
_SELECTION = re.compile(r"-[0-9a-f]{16}\.[a-z]+\.\d+\.gz$")  # "akteure-de-<digest>.csv.12.gz"
_LOCK_SPACE = 7_302_026  # advisory locks of this module: (space, crc32 of the name)
BLOCK = 64 * 1024
SWEEP_AFTER = 24 * 3600  # seconds


@dataclass(frozen=True)
class File:
    name: str
    version: int
    path: Path


def directory() -> Path:
    return Path(settings.DOWNLOADS_DIR)


def _checked(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a file name for prepared files: {name!r}")
    return name


def _files(name: str) -> list[File]:
    """Every complete file of ``name`` (whatever its version)."""
    prefix = f"{_checked(name)}."
    try:
        entries = list(os.scandir(directory()))
    except FileNotFoundError:
        return []
    found = []
    for entry in entries:
        version = entry.name[len(prefix) : -len(".gz")]
        if entry.name.startswith(prefix) and entry.name.endswith(".gz") and version.isdigit():
            found.append(File(name, int(version), Path(entry.path)))
    return found


def newest(name: str) -> File | None:
    """The newest complete file of ``name``, or None when none was built yet."""
    return max(_files(name), key=lambda file: file.version, default=None)


def is_current(file: File | None) -> bool:
    """Whether ``file`` was written at the current data version. Equal, not at least: a
    database restored from a backup starts again at an older version, and the files
    written after the backup hold records it no longer has."""
    return file is not None and file.version == versioned.data_version()


def build(name: str, pieces: Callable[[], Iterable[str]]) -> File | None:
    """The file of ``name`` for the current data version, written from ``pieces()``
    (text, read from the database inside the build's snapshot) unless it exists.
    None when another process is building it right now."""
    version = versioned.data_version()  # before the snapshot: the file holds at least this
    current = newest(name)
    if current is not None and current.version == version:
        return current
    outer = connection.in_atomic_block  # inside a caller's transaction (tests) that rules
    with transaction.atomic(), connection.cursor() as cursor:
        if not outer:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [_LOCK_SPACE, _lock_id(name)])
        if not cursor.fetchone()[0]:
            return None
        current = newest(name)  # built by another process while this one waited
        if current is not None and current.version == version:
            return current
        file = _write(name, version, pieces())
    _remove_others(file)
    return file


def _write(name: str, version: int, pieces: Iterable[str]) -> File:
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{name}.{version}.gz"
    handle, partial = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as out:
            for piece in pieces:
                out.write(piece.encode("utf-8"))
        os.chmod(partial, 0o644)
        os.replace(partial, final)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return File(name, version, final)


def _remove_others(file: File) -> None:
    for other in _files(file.name):
        if other.version != file.version:
            other.path.unlink(missing_ok=True)
    # Files of selections (names with a digest) nobody asked for again, and partial
    # files a killed build left, go a day after they were written unless still current.
    stale_before = time.time() - SWEEP_AFTER
    current = f".{file.version}.gz"
    for entry in os.scandir(file.path.parent):
        selection = _SELECTION.search(entry.name) and not entry.name.endswith(current)
        partial = entry.name.startswith(".") and entry.name.endswith(".partial")
        if (selection or partial) and entry.stat().st_mtime < stale_before:
            Path(entry.path).unlink(missing_ok=True)


def response(request, file: File, *, content_type: str):
    """``file`` as the response, compressed or not as the client accepts (or 304 when
    the client has it); None when a newer build removed it in the meantime (the caller
    looks again)."""
    compressed = bool(_ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    etag = f'"{file.name}.{file.version}{".gz" if compressed else ""}"'
    try:
        modified = file.path.stat().st_mtime
        unchanged = get_conditional_response(
            request, etag=etag, last_modified=int(modified), response=None
        )
        handle = None if unchanged else open(file.path, "rb")  # noqa: SIM115 - closed by the response
    except FileNotFoundError:
        return None
    if unchanged is not None:
        answer = unchanged
    elif compressed:
        answer = FileResponse(handle, content_type=content_type)
        answer["Content-Encoding"] = "gzip"
    else:
        answer = StreamingHttpResponse(_Decompressed(handle), content_type=content_type)
    answer["ETag"] = etag
    answer["Last-Modified"] = http_date(modified)
    patch_vary_headers(answer, ["Accept-Encoding"])
    return answer


class _Decompressed:
    """The file's text in blocks; the server closes it when done (or given up)."""

    def __init__(self, handle):
        self.handle = handle
        self.stream = gzip.GzipFile(fileobj=handle, mode="rb")

    def __iter__(self) -> Iterator[bytes]:
        while block := self.stream.read(BLOCK):
            yield block

    def close(self) -> None:
        self.stream.close()
        self.handle.close()


def _lock_id(name: str) -> int:
    return zlib.crc32(name.encode()) - 2**31  # into PostgreSQL's int4
