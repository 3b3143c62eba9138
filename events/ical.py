"""iCalendar (RFC 5545) documents for events: feeds and the per-event download.

Times are written as local Europe/Berlin times with a ``TZID`` and a matching
``VTIMEZONE`` generated from the zoneinfo database, so calendar programs show
the right wall-clock time on both sides of a daylight-saving change.

Which events go into a calendar: only those whose day is known. Events with
precision "datetime" become timed entries, "day" becomes an all-day entry
(``VALUE=DATE``). Events known only to the month or year, or with an unknown date,
are left out: an all-day entry spanning a whole month or year would block that
time in subscribers' calendars and claim a precision the record does not have.
So are events with dates outside the plausible range the model allows (a row
stored before that rule existed): one such date must not break a whole calendar.

Every text goes in as an iCalendar TEXT value (``vText``), which escapes line
breaks, commas and semicolons; control characters, which TEXT cannot carry, are
dropped.
"""

import datetime
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vText
from icalendar import Event as VEvent

from events.models import EVENT_DATES_BEFORE, EVENT_DATES_FROM, DatePrecision, Event
from ludwigsburg_portal.plaintext import without_control_characters
from ludwigsburg_portal.site import absolute

PRODID = "-//Stadt Ludwigsburg//Eine-Welt-Portal//DE"
CALENDAR_PRECISIONS = (DatePrecision.DATETIME, DatePrecision.DAY)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def is_calendarable(event: Event) -> bool:
    """True if the event has a known, plausible day and can become a calendar entry."""
    if event.start is None or event.date_precision not in CALENDAR_PRECISIONS:
        return False
    last = event.end or event.start
    return event.start >= EVENT_DATES_FROM and last < EVENT_DATES_BEFORE


def _text(value: str) -> vText:
    return vText(without_control_characters(str(value)))


def event_uid(event: Event) -> str:
    """A UID that stays the same for the lifetime of the record (slug changes do not matter)."""
    return f"event-{event.pk}@{settings.ICAL_UID_DOMAIN}"


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value, BERLIN)


def build_vevent(event: Event) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event_uid(event))
    # DTSTAMP from the record, not from "now": the same data gives the same bytes,
    # so ETags stay stable and subscribers do not see phantom changes.
    vevent.add("dtstamp", event.updated.astimezone(datetime.UTC))
    vevent.add("last-modified", event.updated.astimezone(datetime.UTC))
    vevent.add("created", event.created.astimezone(datetime.UTC))
    vevent.add("summary", _text(event.title))
    start = _local(event.start)
    if event.date_precision == DatePrecision.DAY:
        vevent.add("dtstart", start.date())
        last_day = _local(event.end).date() if event.end else start.date()
        # DTEND of an all-day entry is exclusive: the day after the last day.
        vevent.add("dtend", last_day + datetime.timedelta(days=1))
        vevent.add("transp", "TRANSPARENT")
    else:
        vevent.add("dtstart", start)
        if event.end:
            vevent.add("dtend", _local(event.end))
    location = event.location
    if event.online and not location:
        location = "Online"
    if location:
        vevent.add("location", _text(location))
    description = event.description
    if event.organiser:
        description = f"{event.organiser}\n\n{description}".strip()
    if description:
        vevent.add("description", _text(description))
    vevent.add("url", absolute(event.get_absolute_url()))
    vevent.add("status", "CONFIRMED")
    return vevent


def build_calendar(events: Iterable[Event], *, name: str, description: str = "") -> bytes:
    """A VCALENDAR with one VEVENT per calendarable event, serialised to bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # X- properties default to an unescaped raw value in the icalendar library; a
    # line break in an actor's name would then end the content line.
    calendar.add("x-wr-calname", _text(name))
    calendar.add("x-wr-timezone", _text("Europe/Berlin"))
    if description:
        calendar.add("x-wr-caldesc", _text(description))
    # Subscribers refresh at most every six hours unless they choose otherwise.
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    included = [event for event in events if is_calendarable(event)]
    for event in included:
        calendar.add_component(build_vevent(event))
    if included:
        # The VTIMEZONE covers the events' years (with a margin), not a fixed range.
        starts = [_local(event.start).date() for event in included]
        ends = [_local(event.end or event.start).date() for event in included]
        calendar.add_missing_timezones(
            first_date=datetime.date(min(starts).year - 1, 1, 1),
            last_date=datetime.date(max(ends).year + 2, 1, 1),
        )
    return calendar.to_ical()
