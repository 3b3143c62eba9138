import datetime
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeBoundary
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import models
from django.db.models import Count, F, Func, Q, Subquery, Value
from django.db.models.functions import Coalesce, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal import tallies
from ludwigsburg_portal.history import PortalHistoricalRecords
from ludwigsburg_portal.publication import (
    Level,
    PublicationStatus,
    PublishableQuerySet,
    confirmation_field,
    example_field,
    status_field,
)
from ludwigsburg_portal.text_limits import (
    DESCRIPTION_MAX_LENGTH,
    limited_text_field,
    text_length_constraint,
)

# Event dates must lie in a plausible range: a typo such as 20026 or 9999 would
# otherwise break every calendar and date calculation that includes the event.
# The bounds are local (Ludwigsburg) midnights; the upper one is exclusive.
FIRST_EVENT_YEAR = 1900
LAST_EVENT_YEAR = 2100
_BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
EVENT_DATES_FROM = datetime.datetime(FIRST_EVENT_YEAR, 1, 1, tzinfo=_BERLIN)
EVENT_DATES_BEFORE = datetime.datetime(LAST_EVENT_YEAR + 1, 1, 1, tzinfo=_BERLIN)


def event_date_message() -> str:
    return _("Das Datum muss zwischen %(first)s und %(last)s liegen.") % {
        "first": FIRST_EVENT_YEAR,
        "last": LAST_EVENT_YEAR,
    }


def validate_event_date(value: datetime.datetime) -> None:
    if not EVENT_DATES_FROM <= value < EVENT_DATES_BEFORE:
        raise ValidationError(event_date_message(), code="implausible_date")


def _plausible(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(
        **{f"{field}__gte": EVENT_DATES_FROM, f"{field}__lt": EVENT_DATES_BEFORE}
    )


class DatePrecision(models.TextChoices):
    """How exactly an event's date is known. Historic records often give only a year."""

    DATETIME = "datetime", _("Datum und Uhrzeit")
    DAY = "day", _("Tag (ganztägig)")
    MONTH = "month", _("Monat")
    YEAR = "year", _("Jahr")
    UNKNOWN = "unknown", _("Datum nicht bekannt")


class ParticipationRole(models.TextChoices):
    ATTENDEE = "attendee", _("Teilnahme")
    CONTRIBUTOR = "contributor", _("Mitwirkung")
    SPEAKER = "speaker", _("Vortrag / Podium")
    ORGANISER = "organiser", _("Veranstalter")
    JURY = "jury", _("Jury")
    EXHIBITOR = "exhibitor", _("Stand / Ausstellung")


class EventSpan(Func):
    """``tstzrange(start, end or start, '[]')``: the time an event takes, as the GiST
    index ``event_span`` holds it (queries must spell it the same way to use it)."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()

    def __init__(self):
        super().__init__(
            F("start"),
            Coalesce(F("end"), F("start")),
            RangeBoundary(inclusive_lower=True, inclusive_upper=True),
        )


class LatestFirstKey(Func):
    """The start with undated events as ``-infinity``: ordering by it descending is
    "latest first, undated last", and the btree index ``event_status_latest_first``
    answers it (also as a range: everything that started before a moment)."""

    template = "COALESCE(%(expressions)s, '-infinity'::timestamp with time zone)"
    output_field = models.DateTimeField()
    arity = 1


# The first instant of every year an event may start in, and of the year after the last.
YEAR_STARTS = [
    datetime.datetime(year, 1, 1, tzinfo=_BERLIN)
    for year in range(FIRST_EVENT_YEAR, LAST_EVENT_YEAR + 2)
]


class YearBucket(Func):
    """1 for a moment in FIRST_EVENT_YEAR (Ludwigsburg time), 2 for the year after, …"""

    function = "width_bucket"
    output_field = models.IntegerField()

    def __init__(self, moment):
        starts = Value(YEAR_STARTS, output_field=ArrayField(models.DateTimeField()))
        super().__init__(moment, starts)


class EventQuerySet(PublishableQuerySet):
    def count_by_last_day(self) -> dict[int, int]:
        """{UTC day (days since 1970): how many of these dated events end on it} (their
        end, or their start without one)."""
        days = Counter()
        for last in (
            self.annotate(last=Coalesce("end", "start"))
            .filter(last__isnull=False)
            .order_by()
            .values_list("last", flat=True)
            .iterator()
        ):
            days[int(last.timestamp() // DAY_SECONDS)] += 1
        return dict(days)

    def upcoming(self, *, now=None):
        """Events that have not ended yet, soonest first.

        The second condition changes nothing in the result, only how fast it comes:
        every event that has not ended starts now or later, or is running now and so
        starts no earlier than the earliest running one (a few found by the GiST index
        ``event_span``). The index on the start then reads just the events from there
        on, instead of walking past every event of the archive.
        """
        now = now or timezone.now()
        return (
            self.filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=now))
            .filter(start__gte=starts_from(now))
            .order_by("start", "title")
        )

    def running_at(self, moment):
        """Events that have begun and not yet ended at ``moment`` (dated ones only)."""
        return (
            self.filter(start__isnull=False).alias(span=EventSpan()).filter(span__contains=moment)
        )

    def past(self, *, now=None):
        """Events that have ended (or, without an end, began before ``now``) and undated
        ones: exactly those that are not :meth:`upcoming`. Latest first, undated last.

        The last condition is implied by the others; it lets the index
        ``event_status_latest_first`` start reading at ``now``.
        """
        now = now or timezone.now()
        return (
            self.filter(Q(end__lt=now) | Q(end__isnull=True, start__lt=now) | Q(start__isnull=True))
            .alias(latest_first_key=LatestFirstKey(F("start")))
            .filter(latest_first_key__lt=now)
            .latest_first()
        )

    def in_year(self, year: int):
        """Events that start in ``year`` (Ludwigsburg time). The same bounds on the
        latest-first key are implied; they let the index ``event_status_latest_first``
        read only that year (the archive of a year, latest first)."""
        if not FIRST_EVENT_YEAR <= year <= LAST_EVENT_YEAR:
            return self.none()  # no event may start then
        first = YEAR_STARTS[year - FIRST_EVENT_YEAR]
        after = YEAR_STARTS[year - FIRST_EVENT_YEAR + 1]
        return (
            self.filter(start__gte=first, start__lt=after)
            .alias(latest_first_key=LatestFirstKey(F("start")))
            .filter(latest_first_key__gte=first, latest_first_key__lt=after)
        )

    # --- Public event pages -------------------------------------------------------

    def at_level(self, level: str):
        return self.filter(level=level)

    def with_participant(self, *, actor=None, role: str = ""):
        """Events in which a published actor (``actor`` if given) takes part (in ``role``)."""
        participations = Participation.objects.public()
        if actor is not None:
            participations = participations.filter(actor=actor)
        if role:
            participations = participations.filter(role=role)
        return self.filter(pk__in=participations.values("event_id"))

    def on_topic(self, slug: str):
        """Events with a published participant working on the topic ``slug``.

        Events carry no topics of their own; their participants' topics stand in.
        """
        from actors.models import Actor

        participations = Participation.objects.public().filter(
            actor__in=Actor.objects.with_topic(slug)
        )
        return self.filter(pk__in=participations.values("event_id"))

    def with_members_of(self, slug: str):
        """Events in which a current member of the published network ``slug`` takes part."""
        from actors.models import Actor

        participations = Participation.objects.public().filter(
            actor__in=Actor.objects.current_members_of(slug)
        )
        return self.filter(pk__in=participations.values("event_id"))

    def search(self, text: str):
        """German full-text search over title, description, place, organiser and
        participants (the event's search document, ``events/search.py``); the order is
        left to the caller (lists stay chronological). Text without words finds nothing."""
        from ludwigsburg_portal.textsearch import german_query

        query = german_query(text)
        if query is None:
            return self.none()
        return self.filter(search_document=query)

    def by_relevance(self, text: str):
        """:meth:`search`, best match first (title ≫ organiser, place, participants ≫
        description), then soonest."""
        from ludwigsburg_portal.textsearch import RANK_WEIGHTS, exact_name_bonus, german_query

        query = german_query(text)
        if query is None:
            return self.none()
        return (
            self.filter(search_document=query)
            .annotate(
                rank=SearchRank(F("search_document"), query, weights=RANK_WEIGHTS)
                + exact_name_bonus("title", text)
            )
            .order_by("-rank", F("start").asc(nulls_last=True), "title", "pk")
        )

    def soonest_first(self):
        """By start, undated events last (then by title)."""
        return self.order_by(F("start").asc(nulls_last=True), "title", "pk")

    def latest_first(self):
        """By start, latest first, undated events last (then by title)."""
        return self.order_by(LatestFirstKey(F("start")).desc(), "title", "pk")

    def on_calendar_days(self):
        """Events whose day is known (not only a month, a year or nothing)."""
        return self.filter(date_precision__in=[DatePrecision.DATETIME, DatePrecision.DAY])

    def overlapping(self, start, end):
        """Events that take place (at least partly) in [start, end). The bound on the
        start is implied, as in :meth:`upcoming`; it lets the index read only the span."""
        return self.filter(start__lt=end, start__gte=starts_from(start)).filter(
            Q(end__gte=start) | Q(end__isnull=True, start__gte=start)
        )

    def by_day(self, first: datetime.date, after: datetime.date, *, limit: int) -> "DaysShown":
        """These events on each local day from ``first`` up to (not including) ``after``:
        how many in all and per day (an event of several days counts on each), and the
        first ``limit`` of each day by start and title.

        One query: the span's events are read by the index on the start, spread over
        their days (``generate_series``) and numbered per day in PostgreSQL, which
        returns only the events shown; a busy month of a state-wide portal has
        thousands, of which a calendar shows a few per day.
        """
        shown_columns = ("id", "title", "title_en", "slug", "start", "end", "date_precision")
        span = (
            self.overlapping(local_midnight(first), local_midnight(after))
            .order_by()
            .values_list(*shown_columns)
        )
        try:
            span_sql, span_params = span.query.get_compiler(using=self.db).as_sql()
        except EmptyResultSet:  # filters nothing can match (a search of no words)
            return DaysShown()
        zone = timezone.get_current_timezone_name()
        columns = ", ".join(f'ranked."{name}"' for name in shown_columns)
        rows = Event.objects.using(self.db).raw(
            f"""
            SELECT {columns}, ranked.day AS calendar_day, ranked.on_day AS day_count,
                   ranked.in_all AS span_count
            FROM (
                SELECT spread.*,
                       row_number() OVER (
                           PARTITION BY spread.day ORDER BY spread.start, spread.title, spread.id
                       ) AS place,
                       count(*) OVER (PARTITION BY spread.day) AS on_day
                FROM (
                    SELECT span.*, d.day::date AS day
                    FROM (
                        SELECT inside.*, count(*) OVER () AS in_all FROM ({span_sql}) inside
                    ) span
                    CROSS JOIN LATERAL generate_series(
                        GREATEST((span.start AT TIME ZONE %s)::date, %s::date),
                        LEAST((COALESCE(span."end", span.start) AT TIME ZONE %s)::date, %s::date),
                        interval '1 day'
                    ) AS d(day)
                ) spread
            ) ranked
            WHERE ranked.place <= %s
            ORDER BY ranked.day, ranked.place
            """,
            [*span_params, zone, first, zone, after - datetime.timedelta(days=1), limit],
        )
        shown = DaysShown()
        for event in rows:
            shown.total = event.span_count
            shown.counts[event.calendar_day] = event.day_count
            shown.events.setdefault(event.calendar_day, []).append(event)
        return shown

    def undated(self):
        return self.filter(start__isnull=True)

    def count_by_year(self) -> dict[int, int]:
        """How many of these events start in each (Ludwigsburg) year; undated ones are
        not counted. Each start is placed among the first instants of the years
        (``width_bucket``, a binary search) instead of being converted to local time,
        and only the start is read: past() counted by year reads the index
        ``event_status_latest_first`` alone."""
        rows = (
            self.filter(start__isnull=False)
            .order_by()
            .annotate(bucket=YearBucket(F("start")))
            .values("bucket")
            .annotate(count=Count("*"))
            .values_list("bucket", "count")
        )
        return {FIRST_EVENT_YEAR + bucket - 1: count for bucket, count in rows}


@dataclass
class DaysShown:
    """What :meth:`EventQuerySet.by_day` found: the events in all, per day, and the
    first of each day."""

    total: int = 0
    counts: dict[datetime.date, int] = field(default_factory=dict)
    events: dict[datetime.date, list] = field(default_factory=dict)


def local_midnight(day: datetime.date) -> datetime.datetime:
    """The first instant of ``day`` in the current time zone."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def starts_from(moment):
    """The earliest start of any event that has not ended at ``moment``: ``moment``
    itself or, if earlier, the start of the earliest event running then (one query of
    the GiST index ``event_span``, as a subquery of the query that uses it)."""
    earliest_running = Event.objects.running_at(moment).order_by("start").values("start")[:1]
    return Least(Value(moment), Subquery(earliest_running))


def is_upcoming(event, now) -> bool:
    """Same rule as ``EventQuerySet.upcoming()``, for an event already in memory."""
    if event.end:
        return event.end >= now
    return event.start is not None and event.start >= now


# Counts of published events the database keeps on every write (ludwigsburg_portal.tallies):
# in all (migration 0016), the dated ones by the UTC day of their last instant (0017) and
# by the year they start in Ludwigsburg (0018).
PUBLISHED_TALLY = "events.published"
BY_LAST_DAY_TALLY = "events.published_by_last_day"
BY_START_YEAR_TALLY = "events.published_by_start_year"
SHARED_TALLY = "events.shared"  # 1 per event of two or more actors (0019)
DAY_SECONDS = 86_400


def _day(moment) -> int:
    """The UTC day of ``moment`` as the count by last day keys it."""
    return int(moment.timestamp() // DAY_SECONDS)


class EventManager(models.Manager.from_queryset(EventQuerySet)):
    def published_count(self) -> int:
        """``published().count()``, without reading the events (``apps.py`` registers
        the slow count it equals)."""
        return tallies.total(PUBLISHED_TALLY)

    def upcoming_count(self, *, now=None) -> int:
        """``published().upcoming().count()``: the events ending after today (UTC), as
        the database keeps them by day, and today's that have not ended, read by index."""
        now = now or timezone.now()
        later = tallies.counts(BY_LAST_DAY_TALLY, above=_day(now))
        return self._upcoming_count(now, later)

    def _upcoming_count(self, now, by_last_day: dict[int, int]) -> int:
        """From the counts by last day (at least those after today's)."""
        day = _day(now)
        tomorrow = datetime.datetime.fromtimestamp((day + 1) * DAY_SECONDS, datetime.UTC)
        later = sum(n for key, n in by_last_day.items() if key > day)
        # Ending today means starting before tomorrow too (which bounds the index read).
        today = (
            self.published()
            .upcoming(now=now)
            .filter(Q(end__lt=tomorrow) | Q(end__isnull=True, start__lt=tomorrow))
            .filter(start__lt=tomorrow)
            .count()
        )
        return later + today

    def past_count_by_year(self, *, now=None) -> dict[int, int]:
        """``published().past().count_by_year()``: the events starting in each year, as
        the database keeps them, less those not over yet. Those are, for a year before
        this one, the events of it running now (the index on the time span); for this
        year, every event not over yet less those starting in later years and those
        running since an earlier year; later years have none that are over."""
        now = now or timezone.now()
        this_year = timezone.localtime(now, _BERLIN).year
        kept = tallies.counts_of(
            BY_START_YEAR_TALLY, BY_LAST_DAY_TALLY, above={BY_LAST_DAY_TALLY: _day(now)}
        )
        started = kept[BY_START_YEAR_TALLY]
        running_since_earlier = (
            self.published()
            .running_at(now)
            .filter(start__lt=datetime.datetime(this_year, 1, 1, tzinfo=_BERLIN))
        )
        not_over = Counter(  # a handful: their years in Python, not among 200 year starts
            timezone.localtime(start, _BERLIN).year
            for start in running_since_earlier.values_list("start", flat=True)
        )
        later = sum(n for year, n in started.items() if year > this_year)
        upcoming = self._upcoming_count(now, kept[BY_LAST_DAY_TALLY])
        not_over[this_year] = upcoming - later - sum(not_over.values())
        past = {year: n - not_over.get(year, 0) for year, n in started.items() if year <= this_year}
        return {year: n for year, n in past.items() if n}


class Event(models.Model):
    title = models.CharField(_("Titel"), max_length=250)
    # English next to German: the German fields are the source; English pages show the
    # English text, or else the German one marked lang="de".
    title_en = models.CharField(
        _("Titel (englisch)"),
        max_length=250,
        blank=True,
        help_text=_("Leer lassen: Die englische Seite zeigt dann den deutschen Text."),
    )
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    start = models.DateTimeField(
        _("Beginn"), null=True, blank=True, validators=[validate_event_date]
    )
    end = models.DateTimeField(_("Ende"), null=True, blank=True, validators=[validate_event_date])
    date_precision = models.CharField(
        _("Genauigkeit des Datums"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DATETIME,
    )
    location = models.CharField(_("Ort"), max_length=250, blank=True)
    online = models.BooleanField(_("online"), default=False)
    level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices)
    organiser = models.CharField(
        _("Veranstalter"),
        max_length=250,
        blank=True,
        help_text=_("Veranstaltende Organisation, auch wenn sie kein Akteur im Portal ist."),
    )
    description = limited_text_field(
        _("Beschreibung"), max_length=DESCRIPTION_MAX_LENGTH, blank=True
    )
    description_en = limited_text_field(
        _("Beschreibung (englisch)"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        help_text=_("Leer lassen: Die englische Seite zeigt dann den deutschen Text."),
    )
    website = models.URLField(_("Website"), blank=True)
    status = status_field()
    is_example = example_field()
    to_confirm = confirmation_field()
    # Self-service: the editor account that proposed the event, if any.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingereicht von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_events",
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    # German full-text search document, written by events/search.py (derived data,
    # NULL until first written, filled after every ``migrate``).
    search_document = SearchVectorField(_("Suchindex"), null=True, editable=False)

    objects = EventManager()
    history = PortalHistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = [F("start").desc(nulls_last=True), "title"]
        indexes = [
            models.Index(fields=["status", "start"], name="event_status_start"),
            # upcoming() asks "has it ended yet?": without this, every past event is scanned.
            models.Index(fields=["status", "end"], name="event_status_end"),
            # The newest first (feeds).
            models.Index(fields=["status", "-created", "-id"], name="event_status_newest"),
            # past() and latest_first(): the archive from now backwards.
            # With the start and end in the index, the archive's counts per year read it
            # alone (see count_by_year()).
            models.Index(
                F("status"),
                LatestFirstKey(F("start")).desc(),
                name="event_status_latest_first",
                include=["start", "end"],
            ),
            # upcoming(): the few events running at a moment (see EventSpan).
            GistIndex(EventSpan(), name="event_span", condition=Q(start__isnull=False)),
            GinIndex(fields=["search_document"], name="event_search_gin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=False, end__gte=F("start")),
                name="event_end_not_before_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True, date_precision=DatePrecision.UNKNOWN)
                | Q(start__isnull=False) & ~Q(date_precision=DatePrecision.UNKNOWN),
                name="event_start_matches_precision",
                violation_error_message=_(
                    "Ohne Beginn muss die Genauigkeit „Datum nicht bekannt“ sein, sonst nicht."
                ),
            ),
            models.CheckConstraint(
                condition=_plausible("start") & _plausible("end"),
                name="event_dates_plausible",
                violation_error_message=lazy(event_date_message, str)(),
            ),
            text_length_constraint(
                "description",
                max_length=DESCRIPTION_MAX_LENGTH,
                label=_("Beschreibung"),
                name="event_description_length",
            ),
            text_length_constraint(
                "description_en",
                max_length=DESCRIPTION_MAX_LENGTH,
                label=_("Beschreibung (englisch)"),
                name="event_description_en_length",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})


class ParticipationQuerySet(models.QuerySet):
    def public(self):
        """Participations whose actor and event are both published."""
        return self.of_published_actors().filter(event__status=PublicationStatus.PUBLISHED)

    def of_published_actors(self):
        """Participations whose actor is published: the others at an event already known
        to be published (as beside a public participation in the same event)."""
        return self.filter(actor__status=PublicationStatus.PUBLISHED)

    def in_shared_events(self):
        """Participations in events that at least two actors (of any status) take part
        in, as the database keeps them (``events.shared``, migration 0019): the events
        where a published actor may meet another, without reading every participation."""
        return self.filter(event_id__in=tallies.keys(SHARED_TALLY))

    def shared_event_ids(self) -> set[int]:
        """The same events counted from the participations (the check of the kept ones)."""
        return set(
            self.order_by()
            .values("event_id")
            .annotate(actors=Count("actor_id", distinct=True))
            .filter(actors__gte=2)
            .values_list("event_id", flat=True)
        )


class Participation(models.Model):
    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("Akteur"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("Veranstaltung"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=ParticipationRole.choices)
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    objects = ParticipationQuerySet.as_manager()
    history = PortalHistoricalRecords()

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        ordering = ["event", "role", "actor__name"]
        # The participants of an event, read from the index alone (the network pictures).
        indexes = [models.Index(fields=["event", "actor"], name="participation_event_actor")]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "event", "role"],
                name="participation_unique_role",
                violation_error_message=_(
                    "Dieser Akteur ist bei dieser Veranstaltung schon mit dieser Rolle eingetragen."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.actor} – {self.get_role_display()} – {self.event}"
