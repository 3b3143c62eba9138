"""A report period: whole days from ``start`` to ``end``, both included."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

# Periods are whole days in years the data can hold (also keeps ``end + 1 day`` valid).
FIRST_YEAR, LAST_YEAR = 1900, 2100


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("period ends before it starts")

    @classmethod
    def calendar_year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def last_twelve_months(cls, *, today: datetime.date | None = None) -> "Period":
        today = today or timezone.localdate()
        try:
            start = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            start = today.replace(year=today.year - 1, day=28)
        return cls(start + datetime.timedelta(days=1), today)

    # Aware datetimes in the project's time zone: [starts_at, ends_before).
    @property
    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def ends_before(self) -> datetime.datetime:
        day_after = self.end + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def covers(self, first: datetime.date, last: datetime.date) -> bool:
        """The whole span ``first``–``last`` lies in the period."""
        return self.start <= first and last <= self.end

    def overlaps(self, first: datetime.date | None, last: datetime.date | None) -> bool:
        """``first``–``last`` (an open end where None) shares at least one day."""
        return (first is None or first <= self.end) and (last is None or last >= self.start)

    @property
    def is_calendar_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            1,
            1,
            12,
            31,
        ) and self.start.year == self.end.year

    def label(self) -> str:
        """ "2018" for a calendar year, else "01.07.2017 – 30.06.2019" (active language)."""
        if self.is_calendar_year:
            return str(self.start.year)
        return gettext("%(start)s – %(end)s") % {
            "start": date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": date_format(self.end, "SHORT_DATE_FORMAT"),
        }

    def as_query(self) -> dict[str, str]:
        return {"von": self.start.isoformat(), "bis": self.end.isoformat()}


def presets(*, today: datetime.date | None = None, funding_periods=()) -> list[dict]:
    """Ready-made periods for the period form: the last three calendar years, the
    current year so far, the last twelve months, and the office's funding periods."""
    today = today or timezone.localdate()
    items = [
        {"label": gettext("Kalenderjahr %(year)s") % {"year": year}, "period": period}
        for year in (today.year - 1, today.year - 2, today.year - 3)
        for period in [Period.calendar_year(year)]
    ]
    items.insert(
        0,
        {
            "label": gettext("Laufendes Jahr %(year)s") % {"year": today.year},
            "period": Period(datetime.date(today.year, 1, 1), today),
        },
    )
    items.append(
        {"label": gettext("Letzte 12 Monate"), "period": Period.last_twelve_months(today=today)}
    )
    for funding in funding_periods:
        items.append(
            {
                "label": gettext("Förderzeitraum: %(name)s") % {"name": funding.name},
                "period": Period(funding.period_start, funding.period_end),
            }
        )
    return items
