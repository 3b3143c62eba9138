"""The numbers of a report, computed for one period from the data the office keeps.

:func:`compute_report` returns a plain, JSON-serialisable dict. A saved report stores
exactly this dict (``Report.snapshot``) and every renderer (page, PDF, Word, CSV)
reads only this dict, so a saved report renders the same way however the data
changes later. Labels are resolved in the report's language when the numbers are
computed, for the same reason.

Rules (also stated in the report itself where a reader needs them):

- **Published only.** Names, lists and counts come from published actors, networks
  and events (``published()``/``public()``), so a report may be published as a page.
  Self-service counts are plain numbers about proposals, never names.
- **Memberships held during the period**: begun on or before its last day (or begun
  on an unknown date) and not ended before its first day. A membership without a
  start date is listed with "seit: nicht bekannt" and counted separately; no date is
  ever invented. "New" means begun in the period, "ended" means ended in it.
- **Events in the period** as exactly as their date is known: an event with a day
  (or a time) counts when it takes place at least partly in the period; an event
  known only by its month or year counts when the period covers that whole month or
  year (BuKo 2018 counts in the report for 2018, not in one for July 2018 – June
  2019, where it is listed as "Datum ungenau"); events without a date are listed
  separately and never counted.
- **The city** is the city's own offices and departments, the actors of kind
  "Städtische Einrichtung" (the coordination office among them).
- **The actor landscape** is the directory as it is when the report is computed
  (the "Stand"): kinds, districts, SDGs and partner countries are not historised.
  What changed in the period comes from the history tables (django-simple-history):
  newly published, archived, confirmed as current.
"""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Case, Count, F, Min, OuterRef, Prefetch, Q, Subquery, When
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext

from actors.models import SDG_TITLES, Actor, ActorKind, District
from events.dates import event_date_value, format_event_date
from events.models import DatePrecision, Event, Participation, ParticipationRole
from ludwigsburg_portal.publication import Level, PublicationStatus
from networks.models import ExpertExchange, Membership, MembershipRole
from selfservice.models import Claim, EventSubmission, ModerationState, Revision, Submission

from .models import Goal, Indicator, IndicatorValue, Measure, SubGoal
from .period import Period

SNAPSHOT_VERSION = 1
# Longest list of names a page shows per group; the CSV annex always has every row.
# Events without the city are listed up to this many per level (the PDF of a year at
# 20,000 events stays within a few pages and seconds).
LIST_LIMIT = 25
# Names of newly published actors listed (a short list in two columns).
NAME_LIMIT = 60
# Participants named per event; the rest are counted.
PARTICIPANT_LIMIT = 5
# Partner countries shown one by one in the chart; the rest are summed up.
REGION_LIMIT = 10

ANNEX_COLUMNS = [
    "section",
    "metric",
    "label",
    "record_type",
    "record_id",
    "name",
    "related",
    "role",
    "level",
    "date_from",
    "date_to",
    "value",
]


class Annex:
    """Rows of the CSV annex: one ``summary`` row per number in the report, and
    under the same ``metric`` every record that number counts."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.rows: list[list] = []

    def total(self, section: str, metric: str, label: str, value) -> None:
        self._add(section="summary", metric=metric, label=f"{section}: {label}", value=value)

    def row(self, section: str, metric: str, **cells) -> None:
        self._add(section=section, metric=metric, **cells)

    def _add(self, **cells) -> None:
        if self.enabled:
            self.rows.append([_cell(cells.get(column, "")) for column in ANNEX_COLUMNS])


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    return value


def compute_report(*, period: Period, language: str = "de", annex: bool = False, now=None):
    """Everything the report says about ``period``, labelled in ``language``.

    ``annex=True`` also collects the rows behind every number (the CSV annex); a saved
    report always has them, the page does not need them.
    """
    now = now or timezone.now()
    with translation.override(language):
        rows = Annex(annex)
        networks = _networks(period, rows)
        events, counted = _events(period, rows)
        landscape = _landscape(period, rows)
        selfservice = _selfservice(period, rows)
        goals = _goals(period, rows, counted_events=counted)
        local_now = timezone.localtime(now)
        report = {
            "version": SNAPSHOT_VERSION,
            "language": language,
            "period": {
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "label": period.label(),
                "is_calendar_year": period.is_calendar_year,
            },
            "generated_at": local_now.isoformat(),
            "generated_label": date_format(local_now.date(), "DATE_FORMAT"),
            "source": gettext(
                "Eine-Welt-Portal Ludwigsburg, Koordinationsstelle kommunale "
                "Entwicklungspolitik (%(url)s)"
            )
            % {"url": settings.SITE_URL},
            "networks": networks,
            "events": events,
            "landscape": landscape,
            "selfservice": selfservice,
            "goals": goals,
        }
        report["is_empty"] = not any(
            [
                networks["counts"]["dated"],
                networks["exchanges"]["in_period"],
                events["count"],
                events["imprecise"],
                landscape["new"]["count"],
                landscape["archived"],
                landscape["confirmed"],
                selfservice["total"],
                goals["values"],
                goals["measures"],
            ]
        )
        if annex:
            report["annex"] = {"columns": ANNEX_COLUMNS, "rows": rows.rows}
        return report


# --- Labels ---------------------------------------------------------------------------


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def _date_label(value: datetime.date | None, *, unknown: str) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else unknown


def _number_label(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
    return number_format(value, force_grouping=True)


def _level_order(level: str) -> int:
    return Level.values.index(level) if level in Level.values else len(Level.values)


# --- The city's network work -----------------------------------------------------------


def _networks(period: Period, rows: Annex) -> dict:
    held = (
        Membership.objects.public()
        .filter(Q(start_date__lte=period.end) | Q(start_date__isnull=True))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period.start))
        .select_related("actor", "network")
    )
    city, others = [], []
    for membership in held:
        (city if membership.actor.kind == ActorKind.MUNICIPAL else others).append(membership)
    city.sort(
        key=lambda m: (
            _level_order(m.network.level),
            m.network.name,
            m.actor.name,
            m.start_date or datetime.date.min,
        )
    )

    items = []
    for membership in city:
        item = _membership_item(membership, period)
        items.append(item)
        rows.row(
            "networks",
            "city_memberships",
            record_type="membership",
            record_id=membership.pk,
            name=membership.network.name,
            related=membership.actor.name,
            role=item["role_label"],
            level=item["level_label"],
            date_from=membership.start_date,
            date_to=membership.end_date,
            value=1,
        )
        for flag, metric in (
            ("unknown_start", "city_memberships_unknown_start"),
            ("new", "city_memberships_new"),
            ("ended", "city_memberships_ended"),
            ("has_mandate", "mandates"),
        ):
            if item[flag]:
                rows.row(
                    "networks",
                    metric,
                    record_type="membership",
                    record_id=membership.pk,
                    name=membership.network.name,
                    related=membership.actor.name,
                    role=item["mandate_function"] if flag == "has_mandate" else item["role_label"],
                    date_from=membership.start_date,
                    date_to=membership.end_date,
                    value=1,
                )
    counts = {
        "held": len(items),
        "unknown_start": sum(item["unknown_start"] for item in items),
        "new": sum(item["new"] for item in items),
        "ended": sum(item["ended"] for item in items),
        "mandates": sum(item["has_mandate"] for item in items),
        "others": len(others),
    }
    counts["dated"] = counts["held"] - counts["unknown_start"]

    per_network = Counter()
    names = {}
    for membership in others:
        per_network[membership.network_id] += 1
        names[membership.network_id] = membership.network.name
        rows.row(
            "networks",
            "other_memberships",
            record_type="membership",
            record_id=membership.pk,
            name=membership.network.name,
            related=membership.actor.name,
            role=_label(MembershipRole, membership.role),
            date_from=membership.start_date,
            date_to=membership.end_date,
            value=1,
        )
    other_networks = [
        {"label": names[pk], "value": count}
        for pk, count in sorted(per_network.items(), key=lambda kv: (-kv[1], names[kv[0]]))
    ]

    exchanges = _exchanges(period, rows)
    for metric, label, value in (
        ("city_memberships", gettext("Mitgliedschaften und Rollen der Stadt"), counts["held"]),
        (
            "city_memberships_unknown_start",
            gettext("davon Beginn nicht bekannt"),
            counts["unknown_start"],
        ),
        ("city_memberships_new", gettext("neu im Zeitraum"), counts["new"]),
        ("city_memberships_ended", gettext("beendet im Zeitraum"), counts["ended"]),
        ("mandates", gettext("Mandate"), counts["mandates"]),
        ("other_memberships", gettext("Mitgliedschaften weiterer Akteure"), counts["others"]),
        (
            "expert_exchanges",
            gettext("Austausch mit Expert*innen im Zeitraum"),
            len(exchanges["in_period"]),
        ),
        (
            "expert_exchanges_undated",
            gettext("Austausch mit Expert*innen ohne Datum"),
            len(exchanges["undated"]),
        ),
    ):
        rows.total("networks", metric, label, value)
    return {
        "memberships": items,
        "counts": counts,
        "other_networks": other_networks,
        "exchanges": exchanges,
    }


def _membership_item(membership, period: Period) -> dict:
    start, end = membership.start_date, membership.end_date
    return {
        "id": membership.pk,
        "network": membership.network.name,
        "network_url": membership.network.get_absolute_url(),
        "level": membership.network.level,
        "level_label": _label(Level, membership.network.level),
        "actor": membership.actor.name,
        "role": membership.role,
        "role_label": _label(MembershipRole, membership.role),
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "start_label": _date_label(start, unknown=gettext("nicht bekannt")),
        "end_label": _date_label(end, unknown=gettext("besteht")),
        "unknown_start": start is None,
        "new": bool(start and period.contains(start)),
        "ended": bool(end and period.contains(end)),
        "has_mandate": bool(membership.mandate_holder or membership.mandate_function),
        "mandate_holder": membership.mandate_holder,
        "mandate_function": membership.mandate_function,
        "mandate_basis": membership.mandate_basis,
        # Holders are named on a published report only where the membership publishes them.
        "holder_public": membership.public_mandate_holder is not None,
    }


def _exchanges(period: Period, rows: Annex) -> dict:
    in_period, undated = [], []
    exchanges = (
        ExpertExchange.objects.filter(actor__status=PublicationStatus.PUBLISHED)
        .filter(Q(date__isnull=True) | Q(date__gte=period.start, date__lte=period.end))
        .select_related("actor")
        .order_by(F("date").asc(nulls_last=True), "expert_name")
    )
    for exchange in exchanges:
        item = {
            "id": exchange.pk,
            "expert": exchange.expert_name,
            "function": exchange.expert_function,
            "topic": exchange.topic,
            "actor": exchange.actor.name,
            "date": exchange.date.isoformat() if exchange.date else None,
            "date_label": _date_label(exchange.date, unknown=gettext("Datum nicht bekannt")),
        }
        (in_period if exchange.date else undated).append(item)
        rows.row(
            "networks",
            "expert_exchanges" if exchange.date else "expert_exchanges_undated",
            record_type="expert_exchange",
            record_id=exchange.pk,
            name=exchange.expert_name,
            related=exchange.actor.name,
            role=exchange.expert_function,
            date_from=exchange.date,
            value=1,
        )
    return {"in_period": in_period, "undated": undated}


# --- Events ----------------------------------------------------------------------------


def _coarse_span(event) -> tuple[datetime.date, datetime.date]:
    """The days an event known only by month or year may fall on."""
    start = timezone.localtime(event.start).date()
    if event.date_precision == DatePrecision.YEAR:
        return datetime.date(start.year, 1, 1), datetime.date(start.year, 12, 31)
    first = start.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def counted_events(period: Period):
    """(QuerySet of published events counted in ``period``, events whose coarse date
    only partly overlaps it)."""
    published = Event.objects.published()
    precise = published.filter(
        date_precision__in=[DatePrecision.DATETIME, DatePrecision.DAY]
    ).overlapping(period.starts_at, period.ends_before)
    # A year or month is stored as its first moment; look back far enough for both.
    coarse = published.filter(
        date_precision__in=[DatePrecision.MONTH, DatePrecision.YEAR],
        start__lt=period.ends_before,
        start__gte=period.starts_at - datetime.timedelta(days=366),
    )
    covered, imprecise = [], []
    for event in coarse:
        first, last = _coarse_span(event)
        if period.covers(first, last):
            covered.append(event.pk)
        elif period.overlaps(first, last):
            imprecise.append(event)
    return precise | published.filter(pk__in=covered), imprecise


def _participants_prefetch():
    return Prefetch(
        "participations",
        queryset=Participation.objects.filter(actor__status=PublicationStatus.PUBLISHED)
        .select_related("actor")
        .only("role", "event_id", "actor__name", "actor__kind", "actor__slug")
        .order_by("role", "actor__name"),
        to_attr="public_participations",
    )


def _event_item(event) -> dict:
    city, others = [], []
    for participation in getattr(event, "public_participations", []):
        entry = {
            "actor": participation.actor.name,
            "role": participation.role,
            "role_label": _label(ParticipationRole, participation.role),
        }
        (city if participation.actor.kind == ActorKind.MUNICIPAL else others).append(entry)
    return {
        "id": event.pk,
        "title": event.title,
        "url": event.get_absolute_url(),
        "date": event_date_value(event),
        "date_label": format_event_date(event).text,
        "level": event.level,
        "level_label": _label(Level, event.level),
        "organiser": event.organiser,
        "location": event.location,
        "city_roles": city,
        "participants": others[:PARTICIPANT_LIMIT],
        "participants_more": max(len(others) - PARTICIPANT_LIMIT, 0),
    }


def _events(period: Period, rows: Annex) -> tuple[dict, object]:
    counted, imprecise = counted_events(period)
    public_participations = Participation.objects.filter(
        event__in=counted, actor__status=PublicationStatus.PUBLISHED
    )
    city_participations = public_participations.filter(actor__kind=ActorKind.MUNICIPAL)
    per_level = dict(counted.order_by().values_list("level").annotate(n=Count("pk")))
    city_per_level = dict(
        counted.filter(pk__in=city_participations.values("event_id"))
        .order_by()
        .values_list("level")
        .annotate(n=Count("pk"))
    )
    role_matrix = defaultdict(dict)
    for level, role, count in (
        public_participations.order_by().values_list("event__level", "role").annotate(n=Count("pk"))
    ):
        role_matrix[role][level] = count

    levels = []
    for level, label in Level.choices:
        total = per_level.get(level, 0)
        if not total:
            continue
        at_level = counted.filter(level=level).prefetch_related(_participants_prefetch())
        with_city = at_level.filter(pk__in=city_participations.values("event_id"))
        shown = list(with_city.order_by("start", "title"))
        shown += list(
            at_level.exclude(pk__in=city_participations.values("event_id")).order_by(
                "start", "title"
            )[:LIST_LIMIT]
        )
        shown.sort(key=lambda e: (e.start, e.title))
        levels.append(
            {
                "level": level,
                "label": str(label),
                "count": total,
                "city_count": city_per_level.get(level, 0),
                "events": [_event_item(event) for event in shown],
                "more": total - len(shown),
            }
        )
        rows.total("events", f"events:{level}", gettext("Veranstaltungen: %s") % label, total)
        rows.total(
            "events",
            f"events_city:{level}",
            gettext("mit Beteiligung der Stadt: %s") % label,
            city_per_level.get(level, 0),
        )

    roles = []
    for role, label in ParticipationRole.choices:
        if role not in role_matrix:
            continue
        cells = [role_matrix[role].get(level, 0) for level in Level.values]
        roles.append({"role": role, "label": str(label), "cells": cells, "total": sum(cells)})
        for level, value in zip(Level.values, cells, strict=True):
            if value:
                rows.total(
                    "events",
                    f"participations:{level}:{role}",
                    f"{label} ({_label(Level, level)})",
                    value,
                )

    if rows.enabled:
        for event in counted.order_by("start", "title").only(
            "pk", "title", "level", "start", "date_precision"
        ):
            for metric in ("events", f"events:{event.level}"):
                rows.row(
                    "events",
                    metric,
                    record_type="event",
                    record_id=event.pk,
                    name=event.title,
                    level=_label(Level, event.level),
                    date_from=event_date_value(event),
                    value=1,
                )
        city_event_ids = set(city_participations.values_list("event_id", flat=True))
        for event in counted.filter(pk__in=city_event_ids).order_by("start", "title"):
            rows.row(
                "events",
                f"events_city:{event.level}",
                record_type="event",
                record_id=event.pk,
                name=event.title,
                level=_label(Level, event.level),
                date_from=event_date_value(event),
                value=1,
            )
        for participation in public_participations.select_related("actor", "event").order_by(
            "event__start", "event__title", "actor__name"
        ):
            event = participation.event
            rows.row(
                "events",
                f"participations:{event.level}:{participation.role}",
                record_type="participation",
                record_id=participation.pk,
                name=event.title,
                related=participation.actor.name,
                role=_label(ParticipationRole, participation.role),
                level=_label(Level, event.level),
                date_from=event_date_value(event),
                value=1,
            )

    imprecise_items = [_event_item(e) for e in _with_participants(imprecise)]
    undated_items = [
        _event_item(e)
        for e in Event.objects.published()
        .undated()
        .prefetch_related(_participants_prefetch())
        .order_by("title")
    ]
    for metric, items in (("events_imprecise", imprecise_items), ("events_undated", undated_items)):
        for item in items:
            rows.row(
                "events",
                metric,
                record_type="event",
                record_id=item["id"],
                name=item["title"],
                level=item["level_label"],
                date_from=item["date"],
                value=1,
            )
    count = sum(per_level.values())
    city_count = sum(city_per_level.values())
    rows.total("events", "events", gettext("Veranstaltungen im Zeitraum"), count)
    rows.total("events", "events_imprecise", gettext("Datum ungenau"), len(imprecise_items))
    rows.total("events", "events_undated", gettext("ohne Datum"), len(undated_items))
    return {
        "count": count,
        "city_count": city_count,
        "levels": levels,
        "by_level": [
            {"key": level, "label": str(label), "value": per_level.get(level, 0)}
            for level, label in Level.choices
        ],
        "roles": roles,
        "role_levels": [str(label) for _, label in Level.choices],
        "imprecise": imprecise_items,
        "undated": undated_items,
    }, counted


def _with_participants(events):
    if not events:
        return []
    return list(
        Event.objects.filter(pk__in=[e.pk for e in events])
        .prefetch_related(_participants_prefetch())
        .order_by("start", "title")
    )


# --- The actor landscape ---------------------------------------------------------------


def _landscape(period: Period, rows: Annex) -> dict:
    published = Actor.objects.published()
    total = published.count()
    in_period = {"gte": period.starts_at, "lt": period.ends_before}

    kinds = dict(published.order_by().values_list("kind").annotate(n=Count("pk")))
    by_kind = [
        {"key": key, "label": str(label), "value": kinds[key]}
        for key, label in ActorKind.choices
        if kinds.get(key)
    ]
    districts = dict(published.order_by().values_list("district").annotate(n=Count("pk")))
    by_district = [
        {"key": key, "label": str(label), "value": districts[key]}
        for key, label in District.choices
        if districts.get(key)
    ]
    if districts.get(""):
        by_district.append({"key": "", "label": gettext("keine Angabe"), "value": districts[""]})

    sdg_through = Actor.sdgs.through.objects.filter(actor__status=PublicationStatus.PUBLISHED)
    sdgs = dict(
        sdg_through.order_by()
        .values_list("sustainabledevelopmentgoal_id")
        .annotate(n=Count("actor_id"))
    )
    english = (translation.get_language() or "de").startswith("en")
    by_sdg = [
        {
            "key": str(number),
            "label": f"{number}. {SDG_TITLES[number][1 if english else 0]}",
            "value": sdgs[number],
        }
        for number in sorted(sdgs)
    ]
    region_through = Actor.regions.through.objects.filter(actor__status=PublicationStatus.PUBLISHED)
    regions = list(
        region_through.order_by()
        .values_list("region__slug", "region__name")
        .annotate(n=Count("actor_id"))
        .order_by("-n", "region__name")
    )
    by_region = [{"key": slug, "label": name, "value": n} for slug, name, n in regions]
    region_chart = by_region[:REGION_LIMIT]
    if len(by_region) > REGION_LIMIT:
        rest = by_region[REGION_LIMIT:]
        region_chart.append(
            {
                "key": "",
                "label": gettext("%(count)s weitere") % {"count": len(rest)},
                "value": sum(item["value"] for item in rest),
            }
        )

    # Newly public in the period: the first history row that shows the actor published
    # (actors without history, e.g. bulk-loaded demo data: their creation, if published).
    # Only actors with a published history row or a creation in the period can qualify.
    History = Actor.history.model
    published_rows = History.objects.filter(status=PublicationStatus.PUBLISHED)
    starts_at, ends_before = period.starts_at, period.ends_before
    created_in_period = Q(created__gte=starts_at, created__lt=ends_before)
    candidate_actors = Actor.objects.filter(
        Q(
            pk__in=published_rows.filter(
                history_date__gte=starts_at, history_date__lt=ends_before
            ).values("id")
        )
        | created_in_period
    )
    first_published = dict(
        published_rows.filter(id__in=candidate_actors.values("pk"))
        .order_by()
        .values_list("id")
        .annotate(first=Min("history_date"))
    )
    new_actors = []
    for pk, name, slug, status, created_public in candidate_actors.annotate(
        created_public=Case(
            When(created_in_period & Q(status=PublicationStatus.PUBLISHED), then=True),
            default=False,
        )
    ).values_list("pk", "name", "slug", "status", "created_public"):
        first = first_published.get(pk)
        if (first and starts_at <= first < ends_before) or (first is None and created_public):
            new_actors.append((name, pk, slug, status, first))
    new_actors.sort()
    new_public = [row for row in new_actors if row[3] == PublicationStatus.PUBLISHED]
    new_items = [
        {"name": name, "url": Actor(slug=slug).get_absolute_url()}
        for name, _pk, slug, _status, _when in new_public[:NAME_LIMIT]
    ]
    new_count, new_public_count = len(new_actors), len(new_public)

    previous_status = Subquery(
        History.objects.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
        .order_by("-history_date")
        .values("status")[:1]
    )
    archived_rows = (
        History.objects.filter(
            status=PublicationStatus.ARCHIVED,
            history_date__gte=period.starts_at,
            history_date__lt=period.ends_before,
        )
        .annotate(previous=previous_status)
        .filter(
            Q(previous__isnull=True)
            | Q(
                previous__in=[
                    PublicationStatus.DRAFT,
                    PublicationStatus.PENDING,
                    PublicationStatus.PUBLISHED,
                ]
            )
        )
    )
    archived_ids = sorted(set(archived_rows.values_list("id", flat=True)))
    confirmed_ids = sorted(
        set(
            History.objects.filter(
                last_confirmed_at__gte=in_period["gte"], last_confirmed_at__lt=in_period["lt"]
            ).values_list("id", flat=True)
        )
        | set(
            Actor.objects.filter(
                last_confirmed_at__gte=in_period["gte"], last_confirmed_at__lt=in_period["lt"]
            ).values_list("pk", flat=True)
        )
    )

    rows.total("landscape", "actors_published", gettext("Veröffentlichte Akteure"), total)
    for dimension, items, label in (
        ("kind", by_kind, gettext("nach Art")),
        ("district", by_district, gettext("nach Stadtteil")),
        ("sdg", by_sdg, gettext("nach SDG")),
        ("region", by_region, gettext("nach Partnerland")),
    ):
        for item in items:
            rows.total(
                "landscape",
                f"actors_by_{dimension}:{item['key']}",
                f"{label}: {item['label']}",
                item["value"],
            )
    rows.total("landscape", "actors_new", gettext("neu veröffentlicht im Zeitraum"), new_count)
    rows.total("landscape", "actors_archived", gettext("archiviert im Zeitraum"), len(archived_ids))
    rows.total(
        "landscape",
        "actors_confirmed",
        gettext("als aktuell bestätigt im Zeitraum"),
        len(confirmed_ids),
    )
    if rows.enabled:
        _landscape_rows(rows, published, new_actors, archived_ids, confirmed_ids)

    return {
        "total": total,
        "by_kind": by_kind,
        "by_district": by_district,
        "by_sdg": by_sdg,
        "by_region": by_region,
        "region_chart": region_chart,
        "without_sdg": total - sdg_through.values("actor_id").distinct().count(),
        "without_region": total - region_through.values("actor_id").distinct().count(),
        "new": {"count": new_count, "public_count": new_public_count, "items": new_items},
        "archived": len(archived_ids),
        "confirmed": len(confirmed_ids),
    }


def _landscape_rows(rows: Annex, published, new_actors, archived_ids, confirmed_ids) -> None:
    def actor_row(metric, pk, name, **cells):
        rows.row(
            "landscape", metric, record_type="actor", record_id=pk, name=name, value=1, **cells
        )

    for pk, name, kind, district in published.order_by("name").values_list(
        "pk", "name", "kind", "district"
    ):
        actor_row("actors_published", pk, name)
        actor_row(f"actors_by_kind:{kind}", pk, name, related=_label(ActorKind, kind))
        actor_row(
            f"actors_by_district:{district}",
            pk,
            name,
            related=_label(District, district) if district else gettext("keine Angabe"),
        )
    for pk, name, number in (
        Actor.sdgs.through.objects.filter(actor__status=PublicationStatus.PUBLISHED)
        .order_by("sustainabledevelopmentgoal_id", "actor__name")
        .values_list("actor_id", "actor__name", "sustainabledevelopmentgoal_id")
    ):
        actor_row(f"actors_by_sdg:{number}", pk, name, related=str(number))
    for pk, name, slug, region in (
        Actor.regions.through.objects.filter(actor__status=PublicationStatus.PUBLISHED)
        .order_by("region__name", "actor__name")
        .values_list("actor_id", "actor__name", "region__slug", "region__name")
    ):
        actor_row(f"actors_by_region:{slug}", pk, name, related=region)
    for name, pk, _slug, status, when in new_actors:
        actor_row("actors_new", pk, name, role=_label(PublicationStatus, status), date_from=when)
    names = dict(
        Actor.objects.filter(pk__in=[*archived_ids, *confirmed_ids]).values_list("pk", "name")
    )
    for pk in archived_ids:
        actor_row("actors_archived", pk, names.get(pk, ""))
    for pk in confirmed_ids:
        actor_row("actors_confirmed", pk, names.get(pk, ""))


# --- Self-service activity -------------------------------------------------------------


def _selfservice(period: Period, rows: Annex) -> dict:
    received = Q(created__gte=period.starts_at, created__lt=period.ends_before) & ~Q(
        state=ModerationState.UNCONFIRMED
    )
    decided = Q(decided_at__gte=period.starts_at, decided_at__lt=period.ends_before)
    items = []
    for model, key, label in (
        (Submission, "submissions", gettext("Neueinträge")),
        (Revision, "revisions", gettext("Profiländerungen")),
        (Claim, "claims", gettext("Profilübernahmen")),
        (EventSubmission, "event_submissions", gettext("Veranstaltungsvorschläge")),
    ):
        counts = model.objects.aggregate(
            received=Count("pk", filter=received),
            approved=Count("pk", filter=decided & Q(state=ModerationState.APPROVED)),
            rejected=Count("pk", filter=decided & Q(state=ModerationState.REJECTED)),
        )
        items.append({"key": key, "label": label, **counts})
        for measure in ("received", "approved", "rejected"):
            rows.total("selfservice", f"{key}_{measure}", label, counts[measure])
        if rows.enabled:
            for pk, state, created, decided_at, in_period, was_decided in (
                model.objects.annotate(
                    in_period=Case(When(received, then=True), default=False),
                    was_decided=Case(When(decided, then=True), default=False),
                )
                .filter(received | decided)
                .order_by("created")
                .values_list("pk", "state", "created", "decided_at", "in_period", "was_decided")
            ):
                metrics = [f"{key}_received"] if in_period else []
                if was_decided and state in (ModerationState.APPROVED, ModerationState.REJECTED):
                    metrics.append(f"{key}_{state}")
                for metric in metrics:
                    # Numbers only: who proposed what stays in the moderation admin.
                    rows.row(
                        "selfservice",
                        metric,
                        record_type=model._meta.model_name,
                        record_id=pk,
                        role=_label(ModerationState, state),
                        date_from=created,
                        date_to=decided_at,
                        value=1,
                    )
    total = sum(item["received"] + item["approved"] + item["rejected"] for item in items)
    return {"rows": items, "total": total}


# --- Programme goals -------------------------------------------------------------------


def _goals(period: Period, rows: Annex, *, counted_events) -> dict:
    overlapping = Q(period_start__lte=period.end, period_end__gte=period.start)
    open_overlapping = (Q(period_start__isnull=True) | Q(period_start__lte=period.end)) & (
        Q(period_end__isnull=True) | Q(period_end__gte=period.start)
    )
    goals = Goal.objects.prefetch_related(
        Prefetch(
            "subgoals",
            queryset=SubGoal.objects.order_by("order", "title").prefetch_related(
                Prefetch(
                    "indicators",
                    queryset=Indicator.objects.order_by("order", "name").prefetch_related(
                        Prefetch(
                            "values",
                            queryset=IndicatorValue.objects.filter(overlapping).order_by(
                                "period_start", "period_end"
                            ),
                        )
                    ),
                ),
                Prefetch(
                    "measures",
                    queryset=Measure.objects.filter(open_overlapping)
                    .order_by("order", "title")
                    .prefetch_related(
                        Prefetch(
                            "events",
                            queryset=Event.objects.published().order_by("start", "title"),
                        ),
                        Prefetch("actors", queryset=Actor.objects.published().order_by("name")),
                    ),
                ),
            ),
        )
    )
    goals = list(goals)
    linked = {
        e.pk
        for g in goals
        for s in g.subgoals.all()
        for m in s.measures.all()
        for e in m.events.all()
    }
    in_period = set(counted_events.filter(pk__in=linked).values_list("pk", flat=True))

    items, values_count, measures_count = [], 0, 0
    for goal in goals:
        subgoals = []
        for subgoal in goal.subgoals.all():
            indicators = []
            for indicator in subgoal.indicators.all():
                values = [_indicator_value(value) for value in indicator.values.all()]
                values_count += len(values)
                indicators.append(
                    {"name": indicator.name, "unit": indicator.unit, "values": values}
                )
                for value in indicator.values.all():
                    for metric, number in (
                        ("indicator_target", value.target),
                        ("indicator_actual", value.actual),
                    ):
                        rows.row(
                            "goals",
                            metric,
                            record_type="indicator_value",
                            record_id=value.pk,
                            name=indicator.name,
                            related=f"{goal.title} › {subgoal.title}",
                            role=indicator.unit,
                            date_from=value.period_start,
                            date_to=value.period_end,
                            value=number,
                        )
            measures = []
            for measure in subgoal.measures.all():
                events = [
                    {
                        "title": event.title,
                        "url": event.get_absolute_url(),
                        "date_label": format_event_date(event).text,
                    }
                    for event in measure.events.all()
                    if event.pk in in_period
                ]
                measures.append(
                    {
                        "title": measure.title,
                        "planned": measure.planned,
                        "achieved": measure.achieved,
                        "period_label": _open_period_label(measure),
                        "events": events,
                        "actors": [actor.name for actor in measure.actors.all()],
                    }
                )
                rows.row(
                    "goals",
                    "measures",
                    record_type="measure",
                    record_id=measure.pk,
                    name=measure.title,
                    related=f"{goal.title} › {subgoal.title}",
                    date_from=measure.period_start,
                    date_to=measure.period_end,
                    value=len(events),
                )
            measures_count += len(measures)
            subgoals.append(
                {
                    "title": subgoal.title,
                    "description": subgoal.description,
                    "indicators": indicators,
                    "measures": measures,
                }
            )
        items.append({"title": goal.title, "description": goal.description, "subgoals": subgoals})
    rows.total("goals", "measures", gettext("Maßnahmen im Zeitraum"), measures_count)
    return {"items": items, "values": values_count, "measures": measures_count}


def _indicator_value(value: IndicatorValue) -> dict:
    percent = None
    if value.actual is not None and value.target:
        percent = int((value.actual / value.target * 100).to_integral_value())
    return {
        "period_label": Period(value.period_start, value.period_end).label(),
        "target": str(value.target),
        "actual": None if value.actual is None else str(value.actual),
        "target_label": _number_label(value.target),
        "actual_label": _number_label(value.actual) or gettext("noch nicht erfasst"),
        "percent": percent,
        "note": value.note,
    }


def _open_period_label(measure: Measure) -> str:
    if measure.period_start and measure.period_end:
        return Period(measure.period_start, measure.period_end).label()
    if measure.period_start:
        return gettext("seit %(date)s") % {
            "date": date_format(measure.period_start, "SHORT_DATE_FORMAT")
        }
    if measure.period_end:
        return gettext("bis %(date)s") % {
            "date": date_format(measure.period_end, "SHORT_DATE_FORMAT")
        }
    return ""
