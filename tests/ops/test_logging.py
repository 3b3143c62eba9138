"""One JSON line per request on stdout with request id, path, status and duration;
nothing personal in it (no address, no query string, no user name, no secrets)."""

import json
import logging

import pytest
from django.urls import reverse

from ludwigsburg_portal.logging import JsonFormatter, RequestIdFilter, safe_path

pytestmark = pytest.mark.django_db


def access_lines(caplog) -> list[dict]:
    formatter, stamp = JsonFormatter(), RequestIdFilter()
    lines = []
    for record in caplog.records:
        if record.name == "ludwigsburg_portal.access":
            if not hasattr(record, "request_id"):
                stamp.filter(record)
            lines.append(json.loads(formatter.format(record)))
    return lines


def test_every_request_gets_an_id_and_one_json_log_line(client, caplog):
    caplog.set_level(logging.INFO, logger="ludwigsburg_portal.access")

    response = client.get(reverse("actors:list"))

    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    [line] = access_lines(caplog)
    assert line["request_id"] == request_id
    assert line["path"] == reverse("actors:list")
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO" and "timestamp" in line


def test_the_proxys_request_id_is_kept_and_a_forged_one_replaced(client):
    kept = client.get(reverse("health:healthz"), headers={"X-Request-ID": "a1b2c3d4e5f6a7b8"})
    forged = client.get(reverse("health:healthz"), headers={"X-Request-ID": "<script>x</script>"})

    assert kept["X-Request-ID"] == "a1b2c3d4e5f6a7b8"
    assert forged["X-Request-ID"] != "<script>x</script>"


def test_logs_hold_no_address_query_or_user_name(client, staff_user, caplog):
    caplog.set_level(logging.INFO, logger="ludwigsburg_portal.access")
    client.force_login(staff_user)

    client.get(
        reverse("actors:list") + "?q=erika.mustermann@example.org",
        REMOTE_ADDR="203.0.113.42",
    )

    [line] = access_lines(caplog)
    text = json.dumps(line)
    assert "erika" not in text and "example.org" not in text
    assert "203.0.113" not in text
    assert staff_user.username not in text
    assert line["user_kind"] == "staff"


def test_the_formatter_drops_the_request_object_django_attaches():
    record = logging.LogRecord(
        "django.request", logging.WARNING, "x", 1, "Not Found: %s", ("/a",), None
    )
    record.request = "<WSGIRequest: GET '/a?email=erika@example.org'>"
    record.status_code = 404

    line = json.loads(JsonFormatter().format(record))

    assert "request" not in line
    assert line["message"] == "Not Found: /a" and line["status_code"] == 404


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/akteure/weltladen-ludwigsburg/", "/akteure/weltladen-ludwigsburg/"),
        ("/konto/password/reset/key/3-abc123-secret/", "/konto/password/reset/key/:redacted/"),
        ("/konto/confirm-email/MTI:1v8:abc/", "/konto/confirm-email/:redacted/"),
        ("/suche/erika@example.org/", "/suche/:redacted/"),
    ],
)
def test_paths_lose_keys_and_e_mail_addresses(path, expected):
    assert safe_path(path) == expected
