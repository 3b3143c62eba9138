"""The whole-dataset downloads of a large directory, written ahead by the worker.

From ``DOWNLOADS_PREPARED_FROM`` records on, a download of a whole dataset is a file
written for a data version (``ludwigsburg_portal.prepared_files``); the tests lower the
threshold to a few records and give each test its own directory. The file holds exactly
what the request would have built, a write reaches it, and a failed build loses nothing.
"""

import csv
import gzip
import io
import json
import os
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from actors.models import ActorKind
from opendata import exports
from tests.factories import ActorFactory, EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def written_ahead(settings, tmp_path):
    settings.DOWNLOADS_DIR = tmp_path / "downloads"
    settings.DOWNLOADS_PREPARED_FROM = 2
    return settings.DOWNLOADS_DIR


@pytest.fixture
def actors(db):
    return [
        ActorFactory(slug="weltladen", name="Weltladen", kind=ActorKind.WORLD_SHOP),
        ActorFactory(slug="verein", name="Verein für Partnerschaft", contact_public=False),
        ActorFactory(slug="schule", name="Schule am See", tags=["Fairer Handel"]),
    ]


def url(dataset="akteure", fmt="csv", language="de"):
    with translation.override(language):
        return reverse("opendata:download", args=[dataset, fmt])


def body(response) -> bytes:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return gzip.decompress(content) if response.get("Content-Encoding") == "gzip" else content


def built_per_request(client, settings, target: str) -> bytes:
    """What the request itself builds (the threshold out of reach)."""
    threshold = settings.DOWNLOADS_PREPARED_FROM
    settings.DOWNLOADS_PREPARED_FROM = 10**9
    response = client.get(target)
    settings.DOWNLOADS_PREPARED_FROM = threshold
    assert response.status_code == 200 and not response.streaming
    return response.content


def slugs(content: bytes) -> list[str]:
    return [row["slug"] for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig")))]


@pytest.mark.parametrize(
    ("dataset", "fmt", "language"),
    [
        ("akteure", "csv", "de"),
        ("akteure", "json", "de"),
        ("akteure", "json", "en"),
        ("veranstaltungen", "csv", "en"),
        ("netzwerke", "json", "de"),
    ],
)
def test_the_file_written_ahead_holds_what_the_request_would_build(
    client, settings, actors, written_ahead, dataset, fmt, language
):
    EventFactory.create_batch(3)
    NetworkFactory.create_batch(3)
    expected = built_per_request(client, settings, url(dataset, fmt, language))

    response = client.get(url(dataset, fmt, language), headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert body(response) == expected
    assert [p.name for p in written_ahead.iterdir()] == [
        f"{dataset}-{language}.{fmt}.{exports.versioned.data_version()}.gz"
    ]
    assert response["Content-Disposition"] == (
        f'attachment; filename="eine-welt-ludwigsburg-{dataset}.{fmt}"'
    )
    assert "dl-de/by-2-0" in response["Link"]
    if fmt == "json":
        data = json.loads(expected)
        assert data["count"] == len(data["results"]) == 3


def test_a_client_without_gzip_gets_the_plain_file(client, settings, actors):
    expected = built_per_request(client, settings, url())

    response = client.get(url())

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    content = body(response)
    assert content == expected
    assert slugs(content) == ["schule", "verein", "weltladen"]
    assert "Accept-Encoding" in response["Vary"]


def test_an_unchanged_file_answers_304(client, actors):
    first = client.get(url(), headers={"accept-encoding": "gzip"})
    body(first)

    again = client.get(url(), headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]})

    assert again.status_code == 304
    # The plain file is another representation, with its own tag.
    plain = client.get(url(), headers={"if-none-match": first["ETag"]})
    assert plain.status_code == 200
    assert slugs(body(plain)) == ["schule", "verein", "weltladen"]


def test_small_selections_are_built_per_request(client, actors, written_ahead):
    filtered = client.get(url(), {"kind": ActorKind.WORLD_SHOP})
    searched = client.get(url(), {"q": "Schule"})

    assert slugs(filtered.content) == ["weltladen"]
    assert slugs(searched.content) == ["schule"]
    assert not written_ahead.exists()
    # A value that is not understood filters nothing: the whole set, named in the header.
    ignored = client.get(url(), {"kind": "quatsch"})
    assert slugs(body(ignored)) == ["schule", "verein", "weltladen"]
    assert ignored["Ignored-Filters"] == "kind"
    assert ignored.streaming


def test_a_small_dataset_is_built_per_request(client, settings, actors, written_ahead):
    settings.DOWNLOADS_PREPARED_FROM = 4

    response = client.get(url())

    assert not response.streaming
    assert slugs(response.content) == ["schule", "verein", "weltladen"]
    assert not written_ahead.exists()


def test_a_write_reaches_the_next_download(
    client, actors, written_ahead, django_capture_on_commit_callbacks
):
    assert slugs(body(client.get(url()))) == ["schule", "verein", "weltladen"]

    with django_capture_on_commit_callbacks(execute=True):
        ActorFactory(slug="neu", name="Neue Initiative")
        actors[0].delete()

    assert slugs(body(client.get(url()))) == ["neu", "schule", "verein"]
    # The older version's file is gone; one file per name is kept.
    assert len(list(written_ahead.iterdir())) == 1


def test_with_the_worker_the_newest_file_is_served_until_the_new_one_is_written(
    client, actors, worker, written_ahead, django_capture_on_commit_callbacks
):
    # Nothing written yet: a clear answer to come back, and the worker is asked.
    response = client.get(url())
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Die Datei wird gerade erstellt" in response.content.decode()
    worker()
    first = client.get(url())
    assert first.status_code == 200
    assert slugs(body(first)) == ["schule", "verein", "weltladen"]

    with django_capture_on_commit_callbacks(execute=True):
        ActorFactory(slug="neu", name="Neue Initiative")

    stale = client.get(url())
    assert slugs(body(stale)) == ["schule", "verein", "weltladen"]
    assert stale["Last-Modified"] == first["Last-Modified"]
    worker()
    assert slugs(body(client.get(url()))) == ["neu", "schule", "verein", "weltladen"]


def test_a_failed_build_leaves_the_previous_file_and_no_partial_one(
    client, actors, written_ahead, monkeypatch, django_capture_on_commit_callbacks
):
    assert slugs(body(client.get(url()))) == ["schule", "verein", "weltladen"]
    with django_capture_on_commit_callbacks(execute=True):
        ActorFactory(slug="neu", name="Neue Initiative")
    before = sorted(p.name for p in written_ahead.iterdir())

    def broken(dataset, queryset):
        yield from exports.ActorSerializer(queryset[:1], many=True).data
        raise RuntimeError("the database went away")

    monkeypatch.setattr(exports, "serialized", broken)
    with pytest.raises(RuntimeError):
        exports.prepare("akteure", "csv", "de")

    assert sorted(p.name for p in written_ahead.iterdir()) == before
    assert slugs(body(client.get(url()))) == ["schule", "verein", "weltladen"]


def test_prepare_downloads_writes_every_large_dataset_in_both_languages(actors, written_ahead):
    NetworkFactory()  # one network: below the threshold, built per request

    call_command("prepare_downloads", verbosity=0)

    assert sorted(p.name.rsplit(".", 2)[0] for p in written_ahead.iterdir()) == [
        "akteure-de.csv",
        "akteure-de.json",
        "akteure-en.csv",
        "akteure-en.json",
    ]


def test_a_file_from_a_later_version_than_the_database_is_not_served(client, actors, written_ahead):
    """A database restored from a backup counts its versions from an older one again: a
    file written after the backup holds records the database no longer has."""
    written_ahead.mkdir()
    later = written_ahead / f"akteure-de.csv.{exports.versioned.data_version() + 100}.gz"
    later.write_bytes(gzip.compress("\ufeffslug\r\ngeloescht\r\n".encode()))

    assert slugs(body(client.get(url()))) == ["schule", "verein", "weltladen"]
    assert not later.exists()


def test_the_answer_while_the_first_file_is_written_is_in_the_visitors_language(
    client, actors, worker
):
    response = client.get(url(language="en"))

    assert response.status_code == 503
    assert "The file is being written right now" in response.content.decode()
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Ab 2 Datensätzen wird die Datei (vollständig oder gefiltert)"),
        ("en", "From 2 records on"),
    ],
)
def test_the_open_data_page_says_from_when_files_are_written_ahead(client, language, sentence):
    with translation.override(language):
        page = client.get(reverse("opendata:index"))
    assert sentence in page.content.decode()


def test_a_large_selection_is_written_ahead_under_its_filters(
    client, settings, actors, written_ahead
):
    ActorFactory.create_batch(2, kind=ActorKind.WORLD_SHOP)
    shops = url() + f"?kind={ActorKind.WORLD_SHOP}"
    expected = built_per_request(client, settings, shops)

    response = client.get(shops, headers={"accept-encoding": "gzip"})

    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    content = body(response)
    assert content == expected
    assert len(slugs(content)) == 3
    (file,) = written_ahead.iterdir()
    assert file.name.startswith("akteure-de-") and ".csv." in file.name
    # The whole dataset is a file of its own.
    assert len(slugs(body(client.get(url())))) == 5
    assert len(list(written_ahead.iterdir())) == 2


def test_a_search_with_too_many_matches_gets_a_clear_answer(client, actors, written_ahead):
    ActorFactory.create_batch(2, name="Weltladen im Süden")

    german = client.get(url(), {"q": "Weltladen"})
    english = client.get(url(language="en"), {"q": "Weltladen"})

    assert german.status_code == english.status_code == 400
    assert "Diese Suche findet 3 Datensätze" in german.content.decode()
    assert f'href="{url()}"' in german.content.decode()  # the whole dataset instead
    assert "This search finds 3 records" in english.content.decode()
    assert not written_ahead.exists()
    # Below the limit it is an ordinary download.
    assert slugs(client.get(url(), {"q": "Schule"}).content) == ["schule"]


def test_old_selections_and_partial_files_are_swept_after_a_day(client, actors, written_ahead):
    written_ahead.mkdir()
    old_selection = written_ahead / "akteure-de-0123456789abcdef.csv.1.gz"
    partial = written_ahead / ".akteure-de.json.x1y2.partial"
    recent_selection = written_ahead / "akteure-de-fedcba9876543210.csv.1.gz"
    whole_other_format = written_ahead / "akteure-de.json.1.gz"
    for path in (old_selection, partial, recent_selection, whole_other_format):
        path.write_bytes(gzip.compress(b"x"))
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (old_selection, partial, whole_other_format):
        os.utime(path, (two_days_ago, two_days_ago))

    assert slugs(body(client.get(url()))) == ["schule", "verein", "weltladen"]

    assert not old_selection.exists() and not partial.exists()
    assert recent_selection.exists()  # its newer file may still be asked for today
    assert whole_other_format.exists()  # whole datasets stay until their next build
