"""While PostgreSQL is down (restart, failover) visitors get a German 503 page with
Retry-After, never a traceback or a 500; the next request reconnects by itself."""

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    # A real browser gets the error page, not the exception.
    return Client(raise_request_exception=False)


def refuse(self):
    raise OperationalError('connection to server at "db" failed: Connection refused')


@pytest.fixture
def database_down(monkeypatch):
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    return monkeypatch


@pytest.mark.parametrize("url_name", ["actors:list", "events:list"])
def test_pages_answer_503_in_german_while_the_database_is_down(visitor, database_down, url_name):
    response = visitor.get(reverse(url_name))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert 'lang="de"' in text
    assert "nicht erreichbar" in text
    assert "Traceback" not in text and "OperationalError" not in text


def test_a_lost_connection_in_a_view_is_a_503_too(visitor, monkeypatch):
    from actors import views

    def lost(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(views.ActorListView, "get", lost)

    response = visitor.get(reverse("actors:list"))

    assert response.status_code == 503


def test_the_portal_serves_again_once_the_database_is_back(visitor, monkeypatch):
    ActorFactory(name="Weltladen Ludwigsburg")
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    assert visitor.get(reverse("actors:list")).status_code == 503

    monkeypatch.undo()
    response = visitor.get(reverse("actors:list"))

    assert response.status_code == 200
    assert "Weltladen Ludwigsburg" in response.content.decode()


def test_other_errors_stay_ordinary_500s(visitor, monkeypatch):
    from actors import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views.ActorListView, "get", broken)

    assert visitor.get(reverse("actors:list")).status_code == 500


def test_connections_fail_fast_instead_of_hanging(settings):
    assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] <= 5
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
