import calendar
import datetime
import re

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from ludwigsburg_portal import versioned
from ludwigsburg_portal.content_language import localized
from ludwigsburg_portal.pagination import (
    CountedPaginator,
    ForgivingPaginationMixin,
    RememberedCountPaginator,
)
from ludwigsburg_portal.site import absolute

from .dates import format_event_date
from .filters import ALL, PAST, UPCOMING, EventFilterSet
from .models import (
    FIRST_EVENT_YEAR,
    LAST_EVENT_YEAR,
    DatePrecision,
    Event,
    Participation,
    ParticipationRole,
    is_upcoming,
    local_midnight,
)

# Years outside the plausible range are answered with a 404 (nothing can be there).
FIRST_YEAR, LAST_YEAR = FIRST_EVENT_YEAR, LAST_EVENT_YEAR
MONTH_RE = re.compile(r"(\d{4})-(\d{1,2})")
# A calendar day shows at most this many events and links to the rest: a state-wide
# portal can have hundreds on one day.
DAY_LIMIT = 5


def public_participations():
    """Participations of published actors in published events, roles ordered as in
    ParticipationRole."""
    return (
        Participation.objects.public()
        .select_related("actor")
        .only("role", "event_id", "actor__name", "actor__slug")
        .order_by("role", "actor__name")
    )


def for_event_lists(queryset):
    """The columns an event card needs, with its public participants in one more query."""
    return queryset.defer(
        "description", "description_en", "website", "created", "updated"
    ).prefetch_related(
        Prefetch(
            "participations", queryset=public_participations(), to_attr="public_participations"
        )
    )


class EventFilterMixin:
    """Reads ``?ebene=&thema=&rolle=&akteur=`` (EventFilterSet) within the page's
    ``timeframe``; values that are not understood are left out and explained."""

    timeframe = ALL

    def dispatch(self, request, *args, **kwargs):
        self.filterset = EventFilterSet(
            request.GET, queryset=Event.objects.published(), timeframe=self.timeframe
        )
        self.form = self.filterset.form
        self.page_query = request.GET.copy()
        for name in self.filterset.ignored:
            self.page_query.pop(name, None)  # page links carry only what was understood
        return super().dispatch(request, *args, **kwargs)

    def filtered(self):
        """The published events of the page's time frame that pass the filters, in order."""
        return self.filterset.qs

    def list_key(self) -> tuple:
        """What the page's lists depend on besides the data: the time frame, the search
        and the filters, and the minute (what is upcoming changes with the clock)."""
        form = self.form
        return ("events", self.timeframe, form.search_text, form.filter_key(), versioned.minute())

    def get_paginator(self, queryset, per_page, **kwargs):
        # Counted once per data version and minute, per search and filters.
        return RememberedCountPaginator(
            queryset, per_page, count_key=self.list_key(), counter=self.filterset.count, **kwargs
        )

    def remembered_page(self, context, *key) -> list:
        """The events of the page, read once per data version and minute."""
        page = context["page_obj"]
        return versioned.remember(
            ("event-page", *self.list_key(), *key, page.number), lambda: list(page.object_list)
        )

    def get_context_data(self, **kwargs):
        form = self.form
        parameters = form.active_parameters()
        return super().get_context_data(
            form=form,
            filter_errors=form.filter_errors(),
            active_filters=form.active_filters(),
            is_filtered=bool(parameters),
            filter_parameters=parameters,
            filter_query=urlencode(parameters),
            **kwargs,
        )


class EventListView(EventFilterMixin, ForgivingPaginationMixin, ListView):
    """Upcoming events, soonest first."""

    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20
    timeframe = UPCOMING

    def get_queryset(self):
        return for_event_lists(self.filtered())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "events": self.remembered_page(context)}


class EventArchiveView(EventFilterMixin, ForgivingPaginationMixin, ListView):
    """Past events, newest first, grouped by year; undated ones at the very end."""

    template_name = "events/event_archive.html"
    context_object_name = "events"
    paginate_by = 50
    timeframe = PAST

    def get_year(self) -> int | None:
        year = self.kwargs.get("year")
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise Http404(_("Für dieses Jahr gibt es kein Archiv."))
        return year

    def get_queryset(self):
        events = self.filtered()
        if (year := self.get_year()) is not None:
            events = events.in_year(year)
        return for_event_lists(events)

    def year_counts(self) -> tuple[list[dict], int]:
        """The years with past events (latest first) with their counts, and the count of
        undated ones, once per data version and minute. The list's count is their sum."""
        past = self.filtered()
        return versioned.remember(
            ("event-years", *self.list_key()),
            lambda: (
                [
                    {"year": year, "count": count}
                    for year, count in sorted(self.filterset.count_by_year().items(), reverse=True)
                ],
                past.undated().count(),
            ),
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        years, undated_count = self.year_counts()
        if (year := self.get_year()) is None:
            count = sum(entry["count"] for entry in years) + undated_count
        else:
            count = next((entry["count"] for entry in years if entry["year"] == year), 0)
        return CountedPaginator(queryset, per_page, count=count, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.get_year()
        events = self.remembered_page(context, year)
        years, undated_count = self.year_counts()
        groups = []
        for event in events:
            event_year = timezone.localtime(event.start).year if event.start else None
            if not groups or groups[-1]["year"] != event_year:
                groups.append({"year": event_year, "events": []})
            groups[-1]["events"].append(event)
        return {
            **context,
            "year": year,
            "years": years,
            "events": events,
            "undated_count": undated_count if year is None else 0,
            "groups": groups,
        }


class EventCalendarView(EventFilterMixin, TemplateView):
    """A month as a table (Monday first); works without JavaScript."""

    template_name = "events/event_calendar.html"

    def get(self, request, *args, **kwargs):
        if "year" not in kwargs:
            year, month = self.month_from_query()
            if year is not None:
                query = request.GET.copy()
                query.pop("monat", None)
                url = reverse("events:calendar", kwargs={"year": year, "month": month})
                return redirect(f"{url}?{query.urlencode()}" if query else url)
        return super().get(request, *args, **kwargs)

    def month_from_query(self):
        """(year, month) from ``?monat=2026-11``; (None, None) when absent or not understood."""
        value = self.request.GET.get("monat", "")
        if match := MONTH_RE.fullmatch(value.strip()):
            year, month = int(match[1]), int(match[2])
            if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
                return year, month
        return None, None

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        year = kwargs.get("year", today.year)
        month = kwargs.get("month", today.month)
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            raise Http404(_("Diesen Monat gibt es nicht."))
        month_error = "monat" in self.request.GET and "year" not in kwargs
        first = datetime.date(year, month, 1)
        next_first = (first + datetime.timedelta(days=32)).replace(day=1)
        previous_first = (first - datetime.timedelta(days=1)).replace(day=1)
        start, end = local_midnight(first), local_midnight(next_first)

        # What the month shows changes on writes and with the day (today's mark).
        shown = versioned.remember(
            versioned.language_key(
                "calendar-month", self.form.search_text, self.form.filter_key(), first, today
            ),
            lambda: self.month_data(first, next_first, start, end, today),
        )
        return super().get_context_data(
            month_start=first,
            today=today,
            month_label=date_format(first, "YEAR_MONTH_FORMAT"),
            weeks=shown["weeks"],
            weekdays=[(WEEKDAYS[i], WEEKDAYS_ABBR[i]) for i in range(7)],
            previous_month=previous_first if previous_first.year >= FIRST_YEAR else None,
            next_month=next_first if next_first.year <= LAST_YEAR else None,
            month_only_events=shown["month_only"],
            event_count=shown["event_count"],
            month_error=month_error,
            **kwargs,
        )

    def month_data(self, first, next_first, start, end, today) -> dict:
        """The weeks of the month with each day's events (at most DAY_LIMIT shown, the
        rest linked), the events known only to the month, and how many there are.
        Only the shown events are read, however many the month has."""
        published = self.filtered()
        shown = published.on_calendar_days().by_day(first, next_first, limit=DAY_LIMIT)
        weeks = [
            [
                self.day(
                    day,
                    shown.events.get(day, []),
                    shown.counts.get(day, 0),
                    month=first.month,
                    today=today,
                )
                for day in week
            ]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(
                first.year, first.month
            )
        ]
        month_only = list(
            published.filter(date_precision=DatePrecision.MONTH, start__gte=start, start__lt=end)
            .only("title", "title_en", "slug", "start", "date_precision")
            .order_by("title")
        )
        return {"weeks": weeks, "month_only": month_only, "event_count": shown.total}

    def day(self, day, events, count, *, month, today) -> dict:
        """A cell: the first events of ``day`` (of ``count``) and a link to all of them."""
        in_month = day.month == month
        events, count = (events, count) if in_month else ([], 0)
        more_url = ""
        if count > len(events):
            # The list of the day: the upcoming list from today on, the archive before.
            route = "events:list" if day >= today else "events:archive"
            query = {
                **self.form.active_parameters(),
                "von": day.isoformat(),
                "bis": day.isoformat(),
            }
            more_url = f"{reverse(route)}?{urlencode(query)}"
        return {
            "date": day,
            "in_month": in_month,
            "is_today": day == today,
            "events": events,
            "more": count - len(events),
            "more_url": more_url,
        }


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published()

    def get_context_data(self, **kwargs):
        event = self.object
        participations = list(public_participations().filter(event=event))
        roles = []
        for role, label in ParticipationRole.choices:
            actors = [p.actor for p in participations if p.role == role]
            if actors:
                roles.append({"role": role, "label": label, "actors": actors})
        return super().get_context_data(
            participant_roles=roles,
            json_ld=event_json_ld(event, participations),
            is_past=not is_upcoming(event, timezone.now()),
            **kwargs,
        )


def event_json_ld(event, participations) -> dict | None:
    """schema.org Event, only when the event has a start date (required by schema.org).

    Name and description in the page's language where given, else in German;
    ``inLanguage`` says which: that of the description, or of the name without one.
    """
    date = format_event_date(event)
    if not date.start:
        return None
    title = localized(event, "title")
    description = localized(event, "description")
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(title),
        "inLanguage": description.lang if description else title.lang,
        "startDate": date.start,
        "url": absolute(event.get_absolute_url()),
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if date.end:
        data["endDate"] = date.end
    if description:
        data["description"] = description[:500]
    locations = []
    if event.location:
        locations.append({"@type": "Place", "name": event.location, "address": event.location})
    if event.online:
        locations.append({"@type": "VirtualLocation", "url": event.website or data["url"]})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.online:
        data["eventAttendanceMode"] = (
            "https://schema.org/MixedEventAttendanceMode"
            if event.location
            else "https://schema.org/OnlineEventAttendanceMode"
        )
    elif event.location:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
    organisers = [
        {
            "@type": "Organization",
            "name": p.actor.name,
            "url": absolute(p.actor.get_absolute_url()),
        }
        for p in participations
        if p.role == ParticipationRole.ORGANISER
    ]
    if not organisers and event.organiser:
        organisers = [{"@type": "Organization", "name": event.organiser}]
    if organisers:
        data["organizer"] = organisers[0] if len(organisers) == 1 else organisers
    return data
