"""make backup / make restore: a dump restored into a fresh database brings back
every record and every uploaded file."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from scripts.ops_harness import database_url
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.ops

ROOT = Path(__file__).resolve().parents[2]
TABLES = {
    "actors_actor": "id, name, slug, status",
    "networks_network": "id, name",
    "networks_membership": "id, actor_id, network_id",
    "events_event": "id, title, slug",
    "events_participation": "id, actor_id, event_id",
    "auth_user": "id, username, password",
}


def run_backup_script(*args: str, database: str, media_root: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ludwigsburg_portal.settings.dev",
            "DATABASE_URL": database,
            "MEDIA_ROOT": str(media_root),
        }
    )
    result = subprocess.run(
        [sys.executable, "scripts/backup.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def rows(conninfo: dict) -> dict:
    with psycopg.connect(**conninfo) as conn:
        return {
            table: conn.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()
            for table, columns in TABLES.items()
        }


@pytest.fixture
def fresh_database(committed):
    """An empty database next to the test database, dropped afterwards."""
    from django.db import connection

    name = f"restore_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)).as_string())
    yield name
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            .format(sql.Identifier(name))
            .as_string()
        )


def test_a_restored_backup_has_every_record_and_file(committed, fresh_database, tmp_path):
    from django.db import connection

    membership = MembershipFactory(actor=ActorFactory(), network=NetworkFactory())
    participation = ParticipationFactory(actor=membership.actor, event=EventFactory())
    committed += [
        participation,
        participation.event,
        membership,
        membership.network,
        membership.actor,
    ]
    media = tmp_path / "media"
    (media / "logos").mkdir(parents=True)
    (media / "logos" / "weltladen.png").write_bytes(b"\x89PNG" + secrets.token_bytes(2048))
    (media / "gebaerdensprache.mp4").write_bytes(secrets.token_bytes(4096))

    params = connection.get_connection_params()
    host, port = params.get("host") or "127.0.0.1", params.get("port")
    source = database_url(host=host, port=port, name=params["dbname"])
    output = run_backup_script(
        "backup",
        "--dir",
        str(tmp_path / "backups"),
        "--keep",
        "0",
        database=source,
        media_root=media,
    )
    [backup_dir] = (tmp_path / "backups").iterdir()
    assert {p.name for p in backup_dir.iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "manifest.json",
    }
    assert "Backup written" in output

    restored_media = tmp_path / "restored-media"
    target = database_url(host=host, port=port, name=fresh_database)
    output = run_backup_script(
        "restore", str(backup_dir), "--yes", database=target, media_root=restored_media
    )

    assert "every counted row" in output
    base = {"host": host, "port": port or 5432, "user": params.get("user") or "postgres"}
    before = rows({**base, "dbname": params["dbname"]})
    after = rows({**base, "dbname": fresh_database})
    assert after == before
    assert any(row[0] == membership.actor.pk for row in after["actors_actor"])
    for name in ("logos/weltladen.png", "gebaerdensprache.mp4"):
        assert (restored_media / name).read_bytes() == (media / name).read_bytes()
