"""Project-wide guard tests."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection


def test_no_model_changes_without_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_database_is_postgresql_with_german_text_search(db):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('german', 'Schulen')::text")
        assert cursor.fetchone()[0] == "'schul':1"


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_error_page_titles_are_plain_text(template):
    import re

    from django.template.loader import render_to_string

    html = render_to_string(template, {"request_id": "abc123", "retry_after": 5})
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title
    assert "Eine-Welt-Portal Ludwigsburg" in title


def test_a_known_string_renders_in_german_and_in_english(client, db):
    german = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Koordinationsstelle kommunale Entwicklungspolitik" in german
    assert "Coordination Office for Municipal Development Policy" in english
    assert "Coordination Office for Municipal Development Policy" not in german
