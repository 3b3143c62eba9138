"""Behind nginx every request arrives from 127.0.0.1. One rule (TRUSTED_PROXY_COUNT,
``ludwigsburg_portal.middleware.client_ip``) names the client for every limiter:
django-axes, allauth's rate limits and the self-service limits. So one visitor
who hammers the login forms is throttled alone; everyone else still gets in.

In-process with the test settings, and through nginx and gunicorn with the
production settings (nginx appends the address it saw to X-Forwarded-For)."""

import http.client
import re
from urllib.parse import urlencode

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from ludwigsburg_portal.middleware import client_ip
from tests.factories import UserFactory
from tests.ops.conftest import require

PROXY = "127.0.0.1"
ATTACKER, VISITOR = "198.51.100.7", "192.0.2.10"
PASSWORD = "sicheres-passwort-123"
# allauth's defaults: 10 failed logins, 20 reset and 20 code requests a minute per client.
FAILED_LOGINS, RESETS, CODE_REQUESTS = 11, 21, 21


def behind_nginx(address: str) -> Client:
    """A client whose requests reach the app the way nginx forwards them."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_ENABLED = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor(db):
    user = UserFactory(username="verein-b", email="verein-b@example.org")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def attacker_hammered(one_proxy, db):
    """One visitor exhausts every per-client limit of the account forms, each
    time with another (unknown) address, so only the per-client limits count."""
    attacker = behind_nginx(ATTACKER)
    logins = [
        attacker.post(reverse("account_login"), {"login": f"rate{n}@example.org", "password": "x"})
        for n in range(FAILED_LOGINS)
    ]
    resets = [
        attacker.post(reverse("account_reset_password"), {"email": f"reset{n}@example.org"})
        for n in range(RESETS)
    ]
    # A code request remembers the pending login in the session: a fresh one each time.
    codes = [
        behind_nginx(ATTACKER).post(
            reverse("account_request_login_code"), {"email": f"code{n}@example.org"}
        )
        for n in range(CODE_REQUESTS)
    ]
    # The attacker is throttled, so the per-client limits really were reached.
    assert "Zu viele" in logins[-1].content.decode()
    assert resets[-1].status_code == 429
    assert "Zu viele" in codes[-1].content.decode()


def test_a_visitor_can_log_in_while_another_one_hammers_the_login(attacker_hammered, visitor):
    client = behind_nginx(VISITOR)

    response = client.post(reverse("account_login"), {"login": visitor.email, "password": PASSWORD})

    assert response.status_code == 302, response.content.decode()[:2000]
    assert int(client.session["_auth_user_id"]) == visitor.pk


def test_a_visitor_can_reset_the_password_while_another_one_hammers_the_forms(
    attacker_hammered, visitor
):
    response = behind_nginx(VISITOR).post(
        reverse("account_reset_password"), {"email": visitor.email}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")


def test_a_visitor_can_ask_for_a_login_code_while_another_one_hammers_the_forms(
    attacker_hammered, visitor
):
    response = behind_nginx(VISITOR).post(
        reverse("account_request_login_code"), {"email": visitor.email}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code") + "#meldung"


def test_a_forged_forwarded_for_does_not_escape_the_login_limit(one_proxy, db):
    # nginx appends the real address; whatever the client wrote before it is ignored.
    for n in range(FAILED_LOGINS):
        Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, {ATTACKER}").post(
            reverse("account_login"), {"login": f"forged{n}@example.org", "password": "x"}
        )

    response = behind_nginx(ATTACKER).post(
        reverse("account_login"), {"login": "again@example.org", "password": "x"}
    )

    assert "Zu viele" in response.content.decode() or response.status_code == 429


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "198.51.100.7", "203.0.113.5"),  # no proxy trusted
        (1, PROXY, "10.0.0.1, 198.51.100.7", "198.51.100.7"),  # nginx alone
        (2, PROXY, "10.0.0.1, 198.51.100.7, 192.0.2.1", "198.51.100.7"),  # city proxy + nginx
        (1, PROXY, "", PROXY),  # straight to gunicorn (health checks)
        (2, PROXY, "198.51.100.7", "198.51.100.7"),  # city proxy skipped: nginx's hop
        (1, PROXY, "kein-ip", PROXY),  # garbage is never a client address
        (1, PROXY, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_every_limiter_names_the_same_client(settings, count, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().post("/", **meta)

    assert client_ip(request) == expected
    assert get_client_ip_address(request) == expected  # django-axes
    assert get_adapter(request).get_client_ip(request) == expected  # allauth


def test_a_visitor_can_submit_a_profile_while_another_one_floods_the_form(
    one_proxy, db, settings, django_capture_on_commit_callbacks
):
    from tests.selfservice.conftest import submission_data

    settings.SELFSERVICE_RATE_LIMIT = 2
    flood = [
        behind_nginx(ATTACKER).post(
            reverse("selfservice:submit"), submission_data(submitter_email=f"f{n}@example.org")
        )
        for n in range(3)
    ]
    assert flood[-1].status_code == 429

    with django_capture_on_commit_callbacks(execute=True):
        response = behind_nginx(VISITOR).post(
            reverse("selfservice:submit"), submission_data(submitter_email="b@example.org")
        )

    assert response.status_code == 302


def _forget_axes_rows(*addresses):
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(ip_address__in=addresses).delete()


# --- Through nginx and gunicorn ------------------------------------------------------


def loopback_request(port, method, path, *, source, cookies, body=None, headers=None):
    """One HTTP request to nginx from the loopback address ``source`` (nginx's
    $remote_addr), keeping cookies like a browser."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    sent = {"Host": f"127.0.0.1:{port}", **(headers or {})}
    # nginx passes Host without the port ($host), so the app's own origin has none.
    origin = "https://127.0.0.1"
    sent.update({"Origin": origin, "Referer": origin + "/"})
    if cookies:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        text = response.read().decode("utf-8", errors="replace")
    finally:
        conn.close()
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return response.status, text


def stack_login(port, *, source, login, password, forwarded=None):
    cookies = {}
    url = reverse("account_login")
    status, page = loopback_request(port, "GET", url, source=source, cookies=cookies)
    assert status == 200, page[:500]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urlencode({"login": login, "password": password, "csrfmiddlewaretoken": token})
    headers = {"X-Forwarded-For": forwarded} if forwarded else None
    status, text = loopback_request(
        port, "POST", url, source=source, cookies=cookies, body=body, headers=headers
    )
    return status, text, cookies


@pytest.fixture(scope="module")
def stack_env():
    # nginx alone in front of gunicorn, as in production; axes on as in production.
    return {"TRUSTED_PROXY_COUNT": "1", "AXES_ENABLED": "true"}


@pytest.mark.ops
def test_through_nginx_one_client_hammering_the_login_does_not_lock_out_another(stack, committed):
    require(stack.nginx_port is not None, "nginx is not installed")
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    # Hashed for the production hasher (the test settings' MD5 is not accepted there).
    user = get_user_model().objects.create(
        username="verein-ueber-nginx",
        email="verein-ueber-nginx@example.org",
        password=hasher.encode(PASSWORD, hasher.salt()),
    )
    committed.append(user)
    committed.append(
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    )
    attacker, visitor = "127.0.0.2", "127.0.0.3"
    try:
        statuses = []
        for n in range(FAILED_LOGINS):
            status, text, _ = stack_login(
                stack.nginx_port,
                source=attacker,
                login=f"nginx{n}@example.org",
                password="falsch",
                # A forged header in front: nginx appends the real address after it.
                forwarded=f"10.0.0.{n}",
            )
            statuses.append((status, "Zu viele" in text))
        assert statuses[-1] in ((200, True), (429, False), (429, True)), statuses

        status, text, cookies = stack_login(
            stack.nginx_port, source=visitor, login=user.email, password=PASSWORD
        )

        assert status == 302, re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', text)
        assert "sessionid" in cookies
    finally:
        _forget_axes_rows(attacker, visitor)
