"""Request bodies through nginx (deploy/nginx-site.conf): small everywhere, large
only where staff upload sign-language videos, so nobody can keep the workers busy
reading 200 MB bodies on the public forms."""

import http.client
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from pages.models import Page
from tests.ops.conftest import require

MB = 1024 * 1024


def post_body(port: int, path: str, size: int):
    """A POST of ``size`` bytes through nginx; nginx may answer before reading it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.putrequest("POST", path, skip_host=True)
        conn.putheader("Host", f"127.0.0.1:{port}")
        conn.putheader("Content-Type", "application/octet-stream")
        conn.putheader("Content-Length", str(size))
        conn.endheaders()
        chunk = b"\0" * (256 * 1024)
        sent = 0
        try:
            while sent < size:
                conn.send(chunk[: size - sent])
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # nginx refused early and closed; its answer is still readable
        response = conn.getresponse()
        text = response.read().decode("utf-8", errors="replace")
    finally:
        conn.close()
    return response.status, text


@pytest.mark.ops
def test_an_oversized_post_to_a_public_form_is_refused_with_a_german_page(stack):
    require(stack.nginx_port is not None, "nginx is not installed")
    assert 3 * MB > settings.MAX_UPLOAD_SIZE

    status, text = post_body(stack.nginx_port, reverse("selfservice:submit"), 3 * MB)

    assert status == 413, text[:600]
    assert "Datei zu groß" in text and 'lang="de"' in text


@pytest.mark.ops
@pytest.mark.parametrize("language", ["de", "en"])
def test_staff_can_still_send_a_sign_language_video_of_full_size(stack, committed, language):
    require(stack.nginx_port is not None, "nginx is not installed")
    page = Page.objects.order_by("pk").first()
    with translation.override(language):
        path = reverse("admin:pages_page_change", args=[page.pk])
    # Larger than any other path accepts; the whole 200 MB would only slow the test.
    size = 12 * MB

    status, _ = post_body(stack.nginx_port, path, size)

    # nginx passes the body on; the app answers (no session, no CSRF token: 403).
    assert status != 413
    assert status in (302, 403)


def _size(value: str) -> int:
    units = {"k": 1024, "m": MB, "g": 1024 * MB}
    value = value.strip().lower()
    return int(value[:-1]) * units[value[-1]] if value[-1] in units else int(value)


def test_nginx_limits_fit_the_upload_settings():
    """The limits in deploy/nginx-site.conf against MAX_UPLOAD_SIZE and
    SIGN_LANGUAGE_VIDEO_MAX_SIZE (no nginx needed)."""
    conf = (Path(settings.BASE_DIR) / "deploy" / "nginx-site.conf").read_text()
    limits = re.findall(r"^\s*client_max_body_size\s+(\S+);", conf, flags=re.MULTILINE)
    default, video = (_size(value) for value in limits)  # server level, video location

    assert settings.MAX_UPLOAD_SIZE < default < 3 * MB
    assert video > settings.SIGN_LANGUAGE_VIDEO_MAX_SIZE
    video_location = re.search(r"location ~ (\S+) \{\s*client_max_body_size", conf).group(1)
    for language in ("de", "en"):
        with translation.override(language):
            assert re.match(video_location, reverse("admin:pages_page_change", args=[7]))
    assert not re.match(video_location, reverse("selfservice:submit"))
