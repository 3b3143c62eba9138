"""Brute force against the admin and account logins: after five wrong passwords the
combination of name and address is blocked for 15 minutes, with a German page;
the same name from another address and the staff member after the cool-off get in."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

ATTACKER, OFFICE = "198.51.100.7", "192.0.2.10"
PASSWORD = "sicheres-passwort-123"


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    cache.clear()


def admin_login(username: str, password: str, address: str):
    client = Client(REMOTE_ADDR=address)
    return client.post(reverse("admin:login"), {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_name_from_that_address(staff_user):
    for _ in range(5):
        assert admin_login(staff_user.username, "falsch", ATTACKER).status_code in (200, 429)

    locked = admin_login(staff_user.username, PASSWORD, ATTACKER)

    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Zu viele Anmeldeversuche" in text and "15 Minuten" in text
    assert int(locked["Retry-After"]) == 15 * 60


def test_the_attacker_cannot_lock_the_office_out(staff_user):
    for _ in range(6):
        admin_login(staff_user.username, "falsch", ATTACKER)

    response = admin_login(staff_user.username, PASSWORD, OFFICE)

    assert response.status_code == 302  # logged in from the office


def test_the_lock_ends_after_the_cool_off(staff_user):
    for _ in range(6):
        admin_login(staff_user.username, "falsch", ATTACKER)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert admin_login(staff_user.username, PASSWORD, ATTACKER).status_code == 302


def test_the_proxy_address_is_not_mistaken_for_the_client(settings, staff_user):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(6):
        Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER).post(
            reverse("admin:login"), {"username": staff_user.username, "password": "falsch"}
        )

    office = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE).post(
        reverse("admin:login"), {"username": staff_user.username, "password": PASSWORD}
    )

    assert office.status_code == 302


def test_the_account_login_is_throttled_too(staff_user):
    try:
        url = reverse("account_login")
    except NoReverseMatch:
        pytest.skip("allauth is not installed")
    staff_user.email = "koordination@example.org"
    staff_user.save()
    client = Client(REMOTE_ADDR=ATTACKER)
    statuses = [
        client.post(url, {"login": staff_user.email, "password": "falsch"}).status_code
        for _ in range(5)
    ]

    response = client.post(url, {"login": staff_user.email, "password": PASSWORD})

    assert statuses[-1] == 429  # axes locks at the fifth failure
    # allauth's own rate limit answers first from then on; either way: no login.
    assert response.status_code != 302
    assert "_auth_user_id" not in client.session
