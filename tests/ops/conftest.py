"""The production stack on loopback for tests: two gunicorn instances with the
production settings sharing the test database and the machine's Redis, and nginx
(deploy/nginx-site.conf) in front of both.

Outside CI the stack tests skip when Redis or nginx is missing; in CI (``CI`` set,
as .ci/run does) they fail instead, so a broken machine cannot pass silently.
"""

import http.client
import os
import secrets
import socket
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from scripts import ops_harness

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Browser:
    """A cookie-keeping HTTP client for one origin that speaks to the app as if
    through the HTTPS proxy (X-Forwarded-Proto), so Secure cookies still flow."""

    port: int
    https: bool = True
    cookies: dict = field(default_factory=dict)

    def request(self, method: str, path: str, *, body: str = "", headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.https:
            origin = f"https://127.0.0.1:{self.port}"
            sent.update({"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + "/"})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body.encode() if body else None, headers=sent)
            response = conn.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        response.text = text
        return response

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs):
        from urllib.parse import urlencode

        return self.request("POST", path, body=urlencode(data, doseq=True), **kwargs)


@pytest.fixture(scope="session")
def ops_test_database(request, django_db_setup, django_db_blocker):
    """The test database, also when no test in this run carries a django_db mark
    (pytest-django then sets none up and the settings still name the real one)."""
    from django.db import connection
    from django.test.utils import setup_databases

    if not connection.settings_dict["NAME"].startswith("test_"):
        with django_db_blocker.unblock():
            setup_databases(
                verbosity=0,
                interactive=False,
                aliases={"default"},
                keepdb=not request.config.getoption("create_db"),
            )
    assert connection.settings_dict["NAME"].startswith("test_")


@pytest.fixture
def committed(ops_test_database, django_db_blocker):
    """Database access without a wrapping transaction, so the gunicorn processes see
    the rows at once. Append what you create; it is deleted afterwards. (No
    transactional_db: its flush would also wipe the rows data migrations made.)"""
    created = []
    with django_db_blocker.unblock():
        try:
            yield created
        finally:
            for obj in reversed(created):
                model, pk = type(obj), obj.pk
                model.objects.filter(pk=pk).delete()
                history = getattr(model, "history", None)
                if history is not None:
                    history.filter(**{model._meta.pk.name: pk}).delete()


@dataclass
class Stack:
    ports: list[int]
    nginx_port: int | None
    processes: list
    redis_prefix: str


@pytest.fixture(scope="session")
def ops_static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("ops-static")


@pytest.fixture(scope="module")
def stack_env() -> dict:
    """Extra environment for the stack's gunicorn instances; a test module overrides
    this fixture to run its own stack with other settings."""
    return {}


@pytest.fixture(scope="module")
def stack(ops_test_database, django_db_blocker, tmp_path_factory, ops_static_root, stack_env):
    """Two gunicorn instances (+ nginx) on the test database and the machine's Redis."""
    require(port_open(REDIS_HOST, REDIS_PORT), "Redis is not reachable at 127.0.0.1:6379")
    from django.db import connection

    with django_db_blocker.unblock():
        connection.ensure_connection()
        params = connection.get_connection_params()
    url = ops_harness.database_url(
        host=params.get("host") or "127.0.0.1", port=params.get("port"), name=params["dbname"]
    )
    prefix = "opstest-" + secrets.token_hex(4)
    workdir = tmp_path_factory.mktemp("stack")
    media_root = workdir / "media"
    media_root.mkdir()
    env = ops_harness.prod_env(
        database_url=url,
        static_root=ops_static_root,
        media_root=media_root,
        extra={
            "REDIS_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/0",
            "CACHE_KEY_PREFIX": prefix,
            "SECURE_SSL_REDIRECT": "true",
            "AXES_ENABLED": "false",
            **stack_env,
        },
    )
    if not (Path(ops_static_root) / "staticfiles.json").exists():
        ops_harness.collectstatic(env)
    processes = []
    try:
        ports = [free_port(), free_port()]
        for port in ports:
            processes.append(
                ops_harness.start_gunicorn(
                    port=port, env=env, log=workdir / f"gunicorn-{port}.log", workers=2
                )
            )
        nginx_port = None
        if ops_harness.nginx_binary():
            nginx_port = free_port()
            processes.append(
                ops_harness.start_nginx(
                    listen_port=nginx_port,
                    upstream_ports=ports,
                    workdir=workdir / "nginx",
                    media_root=media_root,
                )
            )
        yield Stack(ports=ports, nginx_port=nginx_port, processes=processes, redis_prefix=prefix)
    finally:
        for process in reversed(processes):
            process.stop()
        _forget_redis_keys(prefix)


def _forget_redis_keys(prefix: str) -> None:
    try:
        import redis
    except ImportError:
        return
    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT)
    try:
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    except redis.RedisError:
        pass
    finally:
        client.close()
