import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from PIL import Image

from tests.factories import ActorFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache; every test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (mail scheduling) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def profile_data(**overrides):
    data = {
        "name": "Partnerschaft Ludwigsburg–Kongo",
        "kind": "association",
        "teaser": "Schulpartnerschaften und fairer Handel.",
        "description": "Wir sind **seit 1990** aktiv.",
        "tags": "Fairer Handel, Bildung",
        "district": "mitte",
        "street": "Marktplatz 1",
        "postal_code": "71634",
        "city": "Ludwigsburg",
        "website": "https://kongo-partnerschaft.example",
        "email": "info@kongo-partnerschaft.example",
        "phone": "07141 123456",
        "contact_person": "Amara Diallo",
        "contact_public": "on",
        "founded_year": "1990",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submission_data(**overrides):
    data = profile_data()
    data.update(
        {
            "submitter_name": "Amara Diallo",
            "submitter_email": "amara@example.org",
            "consent": "on",
            "homepage": "",
        }
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def png_bytes(size=(40, 40), exif=False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    if exif:
        data = Image.Exif()
        data[0x010E] = "Geheime Beschreibung"  # ImageDescription
        image.save(out, format="JPEG", exif=data)
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def link_in(message, pattern: str) -> str:
    match = re.search(rf"http://[^\s]*{pattern}[^\s]*", message.body)
    assert match, message.body
    return match.group(0).removeprefix("http://127.0.0.1:8000")


def mails_to(address: str):
    return [m for m in mail.outbox if address in m.to]


def verified_user(**kwargs):
    """An account as sign-up or approval leaves it: its address verified."""
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def editor(db):
    return verified_user(username="editor-a", email="redaktion-a@example.org")


@pytest.fixture
def actor_a(editor):
    actor = ActorFactory(name="Weltladen Ludwigsburg", slug="weltladen-ludwigsburg")
    actor.editors.add(editor)
    return actor


@pytest.fixture
def actor_b(db):
    other = verified_user(username="editor-b", email="redaktion-b@example.org")
    actor = ActorFactory(name="Eine Welt Oßweil", slug="eine-welt-ossweil")
    actor.editors.add(other)
    return actor
