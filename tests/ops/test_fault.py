"""The fault script end to end, shortened: PostgreSQL (a private server) is stopped
under load and started again; no visitor sees a 500 and the portal serves again
within 5 s of the database being back, without a restart of gunicorn."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.ops.conftest import free_port

pytestmark = pytest.mark.ops

ROOT = Path(__file__).resolve().parents[2]


def test_restarting_postgresql_under_load_gives_503s_and_recovers_by_itself():
    result = subprocess.run(
        [
            sys.executable,
            "scripts/fault.py",
            "--load-seconds",
            "12",
            "--down-seconds",
            "2",
            "--clients",
            "6",
            "--port",
            str(free_port()),
            "--pg-port",
            str(free_port()),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )

    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "500 responses: 0" in report
    assert "'503'" in report  # the outage was noticed, and answered with 503
    assert "RESULT: PASS" in report
