"""An event's date, only as exact as it is known.

:func:`format_event_date` is the one formatter: the pages (template tag
``{% event_date %}`` in ``events/templatetags/events.py``), the feeds, the embeds
and the schema.org JSON-LD all take their date from it.

Year → "2018", month → "März 2018", day → "12. März 2018", date and time →
"12. März 2018 18:00"; the end follows as a time ("20:00") when the event ends the
same day, as a date (and time) when it ends on another day. Without a date:
"Datum nicht bekannt".
"""

from typing import NamedTuple

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from .models import DatePrecision

# Precisions that know the day, so an end can be given.
_DAY_PRECISIONS = (DatePrecision.DATETIME, DatePrecision.DAY)
_TEXT_FORMATS = {
    DatePrecision.MONTH: "YEAR_MONTH_FORMAT",
    DatePrecision.DAY: "DATE_FORMAT",
    DatePrecision.DATETIME: "DATETIME_FORMAT",
}


class EventDate(NamedTuple):
    start: str
    """Machine-readable start ("2018", "2018-03", "2018-03-12", ISO date and time); ""
    without a date."""
    start_text: str
    """The start as people read it; "Datum nicht bekannt" without a date."""
    end: str = ""
    """Machine-readable end, as exact as the start (a date, or a date and time)."""
    end_text: str = ""
    """The end as shown after the start; "" when it adds nothing (ends the same day)."""

    @property
    def text(self) -> str:
        """The whole date as plain text, as the pages show it ("12. März 2018 18:00 – 20:00")."""
        return f"{self.start_text} – {self.end_text}" if self.end_text else self.start_text


def html_datetime(value) -> str:
    """A datetime as HTML's ``<time datetime>`` accepts it: seconds and offset, never
    Python's microseconds (HTML allows at most three digits of a second fraction)."""
    return value.isoformat(timespec="seconds")


def event_date_value(event) -> str:
    """The machine-readable date of an event, as exact as it is known ("2018", "2018-03")."""
    if event.start is None or event.date_precision == DatePrecision.UNKNOWN:
        return ""
    start = timezone.localtime(event.start)
    match event.date_precision:
        case DatePrecision.YEAR:
            return f"{start.year:04d}"
        case DatePrecision.MONTH:
            return f"{start.year:04d}-{start.month:02d}"
        case DatePrecision.DAY:
            return start.date().isoformat()
    return html_datetime(start)


def format_event_date(event) -> EventDate:
    machine = event_date_value(event)
    if not machine:
        return EventDate(start="", start_text=gettext("Datum nicht bekannt"))
    start = timezone.localtime(event.start)
    if event.date_precision == DatePrecision.YEAR:
        text = str(start.year)
    else:
        text = date_format(start, _TEXT_FORMATS[event.date_precision])
    if not event.end or event.date_precision not in _DAY_PRECISIONS:
        return EventDate(start=machine, start_text=text)
    end = timezone.localtime(event.end)
    timed = event.date_precision == DatePrecision.DATETIME
    end_machine = html_datetime(end) if timed else end.date().isoformat()
    if timed and end.date() == start.date():
        end_text = date_format(end, "TIME_FORMAT")
    elif end.date() != start.date():
        end_text = date_format(end, "DATETIME_FORMAT" if timed else "DATE_FORMAT")
    else:
        end_text = ""
    return EventDate(start=machine, start_text=text, end=end_machine, end_text=end_text)
