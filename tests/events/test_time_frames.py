"""Upcoming and past: every event is in exactly one of them, whatever its dates, and
the pages follow the clock without a write.

``EventQuerySet.upcoming()`` and ``past()`` carry extra conditions that only make
them fast (the start bound from the events running now, the archive from now
backwards); these tests pin that they change nothing in what is listed.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import DatePrecision, Event
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def event(title, start, end=None, **kwargs):
    if start is None:
        kwargs.setdefault("date_precision", DatePrecision.UNKNOWN)
    return EventFactory(title=title, start=start, end=end, **kwargs)


@pytest.fixture
def events():
    return {
        "ended yesterday": event("ended yesterday", NOW - 2 * DAY, NOW - DAY),
        # Began two years ago and runs until tomorrow: the start bound must reach it.
        "exhibition": event("exhibition", NOW - 730 * DAY, NOW + DAY),
        "running since an hour": event(
            "running since an hour", NOW - datetime.timedelta(hours=1), NOW + DAY
        ),
        "tomorrow": event("tomorrow", NOW + DAY, NOW + DAY + datetime.timedelta(hours=2)),
        "tomorrow, no end": event("tomorrow, no end", NOW + DAY),
        "began an hour ago, no end": event(
            "began an hour ago, no end", NOW - datetime.timedelta(hours=1)
        ),
        "undated": event("undated", None),
        "next year, month only": event(
            "next year, month only", NOW + 300 * DAY, date_precision=DatePrecision.MONTH
        ),
    }


def titles(queryset) -> list[str]:
    return list(queryset.values_list("title", flat=True))


def test_every_event_is_either_upcoming_or_past(events):
    upcoming = titles(Event.objects.upcoming(now=NOW))
    past = titles(Event.objects.past(now=NOW))

    assert upcoming == [
        "exhibition",
        "running since an hour",
        "tomorrow",
        "tomorrow, no end",
        "next year, month only",
    ]
    assert past == ["began an hour ago, no end", "ended yesterday", "undated"]
    assert sorted(upcoming + past) == sorted(events)


def test_a_running_event_without_others_still_bounds_the_list_by_now(events):
    """With nothing running, the bound is now: events that started earlier are past."""
    later = NOW + 3 * DAY
    assert titles(Event.objects.upcoming(now=later)) == ["next year, month only"]
    assert "exhibition" in titles(Event.objects.past(now=later))


def test_the_event_list_and_archive_follow_the_clock_without_a_write(client, events, monkeypatch):
    listing, archive = reverse("events:list"), reverse("events:archive")
    html = client.get(listing).content.decode()
    assert "running since an hour" in html and "5 kommende Veranstaltungen" in html
    assert "running since an hour" not in client.get(archive).content.decode()

    # Two days later nothing was written, but what is over is over.
    later = NOW + 2 * DAY
    monkeypatch.setattr(timezone, "now", lambda: later)

    html = client.get(listing).content.decode()
    assert "running since an hour" not in html and "exhibition" not in html
    assert "1 kommende Veranstaltung" in html
    html = client.get(archive).content.decode()
    assert "running since an hour" in html and "exhibition" in html
