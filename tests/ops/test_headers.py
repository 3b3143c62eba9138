"""Security headers on a public page and on the admin login: in-process with the
test settings (CSP and permissions policy live in the base settings), and through
nginx and gunicorn with the production settings (HSTS, Secure cookies)."""

import re

import pytest
from django.urls import reverse

from tests.ops.conftest import Browser, require

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def csp_directives(header: str) -> dict:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


def assert_security_headers(headers, *, https: bool) -> None:
    csp = csp_directives(headers["Content-Security-Policy"])
    for name, value in EXPECTED_CSP.items():
        assert csp.get(name) == value, f"CSP {name}: {csp.get(name)!r}"
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()"):
        assert feature in policy
    if https:
        hsts = headers["Strict-Transport-Security"]
        assert re.search(r"max-age=31536000\b", hsts)
        assert "includeSubDomains" in hsts


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["actors:list", "events:list", "admin:login"])
def test_pages_send_every_security_header(client, url_name):
    response = client.get(reverse(url_name), secure=True)

    assert response.status_code == 200
    assert_security_headers(response.headers, https=True)


@pytest.mark.django_db
def test_admin_login_cookie_is_not_readable_by_scripts(client):
    response = client.get(reverse("admin:login"))

    assert response.cookies["csrftoken"]["httponly"]
    assert response.cookies["csrftoken"]["samesite"] == "Lax"


@pytest.mark.ops
def test_production_stack_sends_every_header_and_only_secure_cookies(stack, committed):
    require(stack.nginx_port is not None, "nginx is not installed")
    from tests.ops.test_two_instances import admin_login, prod_staff

    browser = Browser(stack.nginx_port, https=False)  # nginx tells the app: https
    for url in (reverse("actors:list"), reverse("admin:login")):
        response = browser.get(url)
        assert response.status == 200, url
        assert_security_headers(response.headers, https=True)

    staff = prod_staff("koordination-kopf")
    committed.append(staff)
    direct = Browser(stack.ports[1])
    login_page = direct.get(reverse("admin:login"))
    logged_in = admin_login(direct, staff.username)
    cookies = [
        header
        for response in (login_page, logged_in)
        for header in response.headers.get_all("Set-Cookie") or []
    ]
    assert {header.split("=")[0] for header in cookies} >= {"csrftoken", "sessionid"}
    for header in cookies:
        assert "Secure" in header and "HttpOnly" in header, header


@pytest.mark.ops
def test_plain_http_is_redirected_to_https_in_production(stack):
    response = Browser(stack.ports[0], https=False).get(reverse("actors:list"))

    assert response.status == 301
    assert response.getheader("Location").startswith("https://")


@pytest.mark.ops
def test_health_endpoints_answer_over_plain_http_in_production(stack):
    response = Browser(stack.ports[0], https=False).get(reverse("health:readyz"))

    assert response.status == 200
    assert '"status": "ok"' in response.text
