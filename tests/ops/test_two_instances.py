"""Scale-out: two gunicorn instances with the production settings share PostgreSQL
and Redis; what staff change through one is what visitors see through the other,
at once, and nginx keeps serving when one instance is gone."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse

from tests.factories import ActorFactory
from tests.ops.conftest import Browser, require

pytestmark = pytest.mark.ops

PASSWORD = "sicheres-passwort-123"


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "form without CSRF token"
    return match.group(1)


def prod_staff(username: str):
    """A superuser whose password the production hasher (PBKDF2) can check; the
    test settings hash with MD5, which production does not accept."""
    hasher = PBKDF2PasswordHasher()
    return get_user_model().objects.create(
        username=username,
        is_staff=True,
        is_superuser=True,
        password=hasher.encode(PASSWORD, hasher.salt()),
    )


def admin_login(browser: Browser, username: str):
    login_url = reverse("admin:login")
    page = browser.get(login_url)
    assert page.status == 200
    response = browser.post(
        login_url,
        {
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf_token(page.text),
            "next": reverse("admin:index"),
        },
    )
    assert response.status == 302, response.text[:500]
    return response


def test_archiving_through_one_instance_hides_the_actor_on_the_other_at_once(stack, committed):
    actor = ActorFactory(name="Weltladen Zweite Instanz")
    staff = prod_staff("koordination-ops")
    committed += [actor, staff]
    writer, reader = Browser(stack.ports[0]), Browser(stack.ports[1])

    directory = reverse("actors:list")
    first = reader.get(directory)
    second = reader.get(directory)
    assert first.status == second.status == 200
    assert "Weltladen Zweite Instanz" in second.text
    assert second.getheader("X-Page-Cache") == "hit", "anonymous page not served from Redis"
    assert reader.get(actor.get_absolute_url()).status == 200

    admin_login(writer, staff.username)
    changelist = reverse("admin:actors_actor_changelist")
    page = writer.get(changelist)
    assert page.status == 200
    response = writer.post(
        changelist,
        {
            "action": "archive",
            "_selected_action": [actor.pk],
            "index": "0",
            "csrfmiddlewaretoken": csrf_token(page.text),
        },
    )
    assert response.status == 302

    after = reader.get(directory)
    assert after.status == 200
    assert "Weltladen Zweite Instanz" not in after.text
    assert after.getheader("X-Page-Cache") != "hit"
    assert reader.get(actor.get_absolute_url()).status == 404


def test_a_login_on_one_instance_is_valid_on_the_other(stack, committed):
    committed.append(prod_staff("koordination-ops"))
    first = Browser(stack.ports[0])
    admin_login(first, "koordination-ops")
    second = Browser(stack.ports[1], cookies=dict(first.cookies))

    response = second.get(reverse("admin:index"))

    assert response.status == 200
    assert "koordination-ops" in response.text


def test_nginx_serves_through_both_instances_and_survives_losing_one(stack, committed):
    require(stack.nginx_port is not None, "nginx is not installed")
    committed.append(ActorFactory(name="Initiative hinter nginx"))
    browser = Browser(stack.nginx_port, https=False)  # nginx itself says https

    response = browser.get(reverse("actors:list"))
    assert response.status == 200
    assert "Initiative hinter nginx" in response.text
    assert re.fullmatch(r"[0-9a-f]{32}", response.getheader("X-Request-ID"))

    stack.processes[0].stop()
    # Never cached, one query: each answer comes from a live instance.
    statuses = [browser.get(reverse("health:database")).status for _ in range(6)]
    assert statuses == [200] * 6
