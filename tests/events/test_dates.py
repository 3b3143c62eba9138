"""One event-date formatter: the page, the feeds and the JSON-LD say the same date."""

import datetime
import zoneinfo

import pytest
from django.utils.html import strip_tags

from events.dates import format_event_date
from events.models import DatePrecision, Event
from events.templatetags.events import event_date

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
START = datetime.datetime(2026, 3, 12, 18, 0, 0, 123456, tzinfo=BERLIN)


def unsaved_event(precision, *, start=START, end=None):
    return Event(
        title="Eine-Welt-Tag", slug="eine-welt-tag", start=start, end=end, date_precision=precision
    )


@pytest.mark.parametrize(
    ("precision", "end", "shown", "machine_end"),
    [
        (DatePrecision.YEAR, None, "2026", ""),
        (DatePrecision.MONTH, None, "März 2026", ""),
        (DatePrecision.DAY, START + datetime.timedelta(hours=2), "12. März 2026", "2026-03-12"),
        (
            DatePrecision.DAY,
            START + datetime.timedelta(days=2),
            "12. März 2026 – 14. März 2026",
            "2026-03-14",
        ),
        (
            DatePrecision.DATETIME,
            START + datetime.timedelta(hours=2),
            "12. März 2026 18:00 – 20:00",
            "2026-03-12T20:00:00+01:00",
        ),
    ],
)
def test_the_page_shows_the_date_the_formatter_gives(precision, end, shown, machine_end):
    event = unsaved_event(precision, end=end)
    date = format_event_date(event)
    assert strip_tags(event_date(event)) == date.text == shown
    assert date.end == machine_end  # also for an end on the same day (JSON-LD endDate)


def test_an_event_without_a_date_says_so_everywhere():
    event = unsaved_event(DatePrecision.UNKNOWN, start=None)
    date = format_event_date(event)
    assert date.start == ""
    assert strip_tags(event_date(event)) == date.text == "Datum nicht bekannt"


def test_machine_readable_times_have_no_microseconds():
    date = format_event_date(unsaved_event(DatePrecision.DATETIME))
    assert date.start == "2026-03-12T18:00:00+01:00"
