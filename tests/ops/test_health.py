"""/healthz, /readyz and /healthz/db: JSON for load balancers and monitoring."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_is_up_without_a_language_prefix(client):
    response = client.get("/healthz")

    assert reverse("health:healthz") == "/healthz"
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_reports_database_and_migrations_ready(client):
    response = client.get(reverse("health:readyz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok"}}


def test_readyz_is_503_while_the_database_is_unreachable(client, monkeypatch):
    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)

    response = client.get(reverse("health:readyz"))

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"


def test_readyz_is_503_while_migrations_are_pending(client, monkeypatch):
    from ludwigsburg_portal import health

    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        lambda self, targets: [("pending", False)],
    )

    response = client.get(reverse("health:readyz"))

    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "pending"


def test_database_ping_answers_with_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("health:database"))

    assert response.json() == {"status": "ok"}
