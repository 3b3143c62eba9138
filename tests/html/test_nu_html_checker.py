"""Every public page type, in German and English, and every public form in its error
state is valid HTML for the W3C Nu Html Checker (the validator behind validator.w3.org/nu):
WCAG 2.1 4.1.1 (parsing) as EN 301 549 / BITV 2.0 still require it, and screen readers
rely on the parse a validator sees (ids, nesting, attribute values).

The pages are rendered with Django's test client into files and checked with one Java
run for all of them (starting the checker costs seconds; checking a page milliseconds).
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from ludwigsburg_portal.middleware import lockout_response
from tests.public_pages import (
    EDITOR_EMPTY_SUBMITS,
    EDITOR_PAGES,
    EMPTY_SUBMITS,
    LANGUAGES,
    PAGES,
    make_portal_data,
    url_in,
)

# Tasks recorded and not run: a large download's file is then never written.
NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def vnu() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        pytest.fail(
            "the Nu Html Checker is missing: run scripts/install-vnu.sh (Java and vnu-jar)",
            pytrace=False,
        )
    return [java, "-jar", str(VNU_JAR)]


@pytest.fixture
def portal_data(db):
    from django.utils import timezone

    from tests.factories import EventFactory

    cache.clear()  # rate limits of earlier tests must not change the forms' answers
    data = make_portal_data()
    # An event today: the calendar then shows its list of days and today's marker too.
    start = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    EventFactory(title="Eine-Welt-Stammtisch", start=start, end=start.replace(hour=20))
    yield data
    cache.clear()


@pytest.fixture
def editor_client(portal_data):
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    user = UserFactory(username="vorstand", email="vorstand@schule.example")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    portal_data.school.editors.add(user)
    client = Client()
    client.force_login(user)
    return client


def rendered_pages(portal_data, editor_client) -> dict[str, tuple[str, bytes]]:
    """name -> (URL, HTML) for every page and form error state the checker sees."""
    client = Client()
    pages = {}

    def keep(name, url, response, status=200):
        assert response.status_code == status, f"{name}: HTTP {response.status_code} for {url}"
        pages[name] = (url, response.content)

    for language in LANGUAGES:
        for page_type, build in PAGES.items():
            url = url_in(language, build, portal_data)
            keep(f"{language}-{page_type}", url, client.get(url))
        for form, build in EMPTY_SUBMITS.items():
            url = url_in(language, build, portal_data)
            keep(f"{language}-{form}-errors", url, client.post(url, {}))
        for name, build in EDITOR_PAGES.items():
            url = url_in(language, build, portal_data)
            keep(f"{language}-{name}", url, editor_client.get(url))
        for form, (name, _selector, _emptied) in EDITOR_EMPTY_SUBMITS.items():
            url = url_in(language, EDITOR_PAGES[name], portal_data)
            keep(f"{language}-{form}-errors", url, editor_client.post(url, {}))
        missing = url_in(language, lambda d: reverse("actors:detail", args=["gibt-es-nicht"]), None)
        keep(f"{language}-not-found", missing, client.get(missing), status=404)
        with translation.override(language):
            locked = lockout_response(RequestFactory().post(reverse("account_login")))
        keep(f"{language}-login-locked", "(lockout)", locked, status=429)
        # The pages of a large download: refused search, file not written yet.
        download = url_in(
            language, lambda d: reverse("opendata:download", args=["akteure", "csv"]), None
        )
        with override_settings(DOWNLOADS_PREPARED_FROM=1):
            search = f"{download}?q={portal_data.school.name}"
            keep(f"{language}-download-too-large", search, client.get(search), status=400)
        with (
            tempfile.TemporaryDirectory() as folder,
            override_settings(DOWNLOADS_PREPARED_FROM=1, DOWNLOADS_DIR=folder, TASKS=NO_WORKER),
        ):
            keep(f"{language}-download-preparing", download, client.get(download), status=503)
    return pages


def test_every_public_page_and_form_error_state_is_valid_html(
    vnu, portal_data, editor_client, tmp_path
):
    pages = rendered_pages(portal_data, editor_client)
    for name, (_url, html) in pages.items():
        (tmp_path / f"{name}.html").write_bytes(html)

    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *(str(tmp_path / f"{n}.html") for n in pages)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = []
    for message in messages:
        # "url" is the checked file ("file:/tmp/…/de-home.html"); its stem is the page's name.
        name = Path(message.get("url", "?")).stem
        url = pages.get(name, ("",))[0]
        line = message.get("lastLine", "?")
        extract = " ".join(message.get("extract", "").split())[:140]
        problems.append(f"{name} ({url}) line {line}: {message['message']}\n      {extract}")
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert not problems, f"{len(problems)} Nu Html Checker errors:\n" + "\n".join(problems)
