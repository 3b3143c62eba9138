"""iCalendar feeds and downloads: valid, one VEVENT per event, right times across DST."""

import datetime
import re
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from events.models import DatePrecision
from networks.models import Network
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=BERLIN)


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return list(calendar.walk("VEVENT"))


@pytest.fixture
def frozen_now(monkeypatch):
    """Upcoming means after 1 March 2026, so the DST dates below are in the future."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def test_times_are_right_on_both_sides_of_the_dst_change(client, frozen_now):
    # Clocks in Germany go forward on Sunday, 29 March 2026, 02:00 → 03:00.
    before = EventFactory(
        slug="vor", start=berlin(2026, 3, 28, 19, 0), end=berlin(2026, 3, 28, 21, 0)
    )
    after = EventFactory(
        slug="nach", start=berlin(2026, 3, 30, 19, 0), end=berlin(2026, 3, 30, 21, 0)
    )

    calendar = parse(client.get(reverse("opendata:calendar")))
    by_uid = {str(event["UID"]): event for event in vevents(calendar)}

    first = by_uid[f"event-{before.pk}@eine-welt.ludwigsburg.de"]
    second = by_uid[f"event-{after.pk}@eine-welt.ludwigsburg.de"]
    # Both read 19:00 local time, with the Berlin zone attached …
    assert first.decoded("DTSTART").hour == second.decoded("DTSTART").hour == 19
    assert first["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert second.decoded("DTEND").hour == 21
    # … which is 18:00 UTC in winter time and 17:00 UTC in summer time.
    assert first.decoded("DTSTART").astimezone(datetime.UTC).hour == 18
    assert second.decoded("DTSTART").astimezone(datetime.UTC).hour == 17
    # The VTIMEZONE the TZIDs refer to is in the file, with both offsets.
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Berlin"]
    offsets = {sub["TZOFFSETTO"].to_ical() for sub in zones[0].subcomponents}
    assert {"+0100", "+0200"} <= offsets


def test_feed_has_one_vevent_per_upcoming_published_event(client, frozen_now):
    EventFactory(slug="a", start=berlin(2026, 4, 1, 10, 0))
    EventFactory(slug="b", start=berlin(2026, 5, 1, 10, 0))
    EventFactory(slug="vorbei", start=berlin(2026, 1, 1, 10, 0))
    EventFactory(slug="entwurf", start=berlin(2026, 4, 2, 10, 0), status="draft")

    calendar = parse(client.get(reverse("opendata:calendar")))

    urls = sorted(str(event["URL"]).rsplit("/", 2)[-2] for event in vevents(calendar))
    assert urls == ["a", "b"]
    assert str(calendar["VERSION"]) == "2.0"
    assert "PRODID" in calendar
    # Every VEVENT carries what RFC 5545 requires.
    for event in vevents(calendar):
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(event)


def test_day_precision_is_all_day_and_vague_dates_are_left_out(client, frozen_now):
    EventFactory(
        slug="ganztags",
        start=berlin(2026, 4, 10, 0, 0),
        end=berlin(2026, 4, 11, 0, 0),
        date_precision=DatePrecision.DAY,
    )
    EventFactory(slug="monat", start=berlin(2026, 6, 1, 0, 0), date_precision=DatePrecision.MONTH)
    EventFactory(slug="jahr", start=berlin(2026, 12, 1, 0, 0), date_precision=DatePrecision.YEAR)

    calendar = parse(client.get(reverse("opendata:calendar")))
    events = vevents(calendar)

    assert [str(event["URL"]).rsplit("/", 2)[-2] for event in events] == ["ganztags"]
    assert events[0].decoded("DTSTART") == datetime.date(2026, 4, 10)
    # Exclusive end: the day after the last day (10 and 11 April).
    assert events[0].decoded("DTEND") == datetime.date(2026, 4, 12)


def test_uid_stays_the_same_when_the_slug_changes(client):
    event = EventFactory(slug="alt")
    uid = str(vevents(parse(client.get(reverse("events:ics", args=["alt"]))))[0]["UID"])
    event.slug = "neu"
    event.save()

    new = vevents(parse(client.get(reverse("events:ics", args=["neu"]))))[0]

    assert str(new["UID"]) == uid == f"event-{event.pk}@eine-welt.ludwigsburg.de"


def test_per_event_download(client):
    event = EventFactory(slug="fest", title="Eine-Welt-Fest", location="Marktplatz")
    response = client.get(reverse("events:ics", kwargs={"slug": "fest"}))

    events = vevents(parse(response))

    assert response["Content-Disposition"] == 'attachment; filename="fest.ics"'
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Eine-Welt-Fest"
    assert str(events[0]["LOCATION"]) == "Marktplatz"
    assert str(events[0]["URL"]).endswith(event.get_absolute_url())


@pytest.mark.parametrize(
    "kwargs",
    [{"status": "draft"}, {"date_precision": DatePrecision.MONTH}],
)
def test_per_event_download_is_404_for_unpublished_or_vague_events(client, kwargs):
    EventFactory(slug="x", **kwargs)
    assert client.get(reverse("events:ics", kwargs={"slug": "x"})).status_code == 404


def test_actor_calendar_has_the_events_the_actor_takes_part_in(client):
    actor = ActorFactory(slug="verein")
    ParticipationFactory(actor=actor, event=EventFactory(slug="mit"))
    EventFactory(slug="ohne")

    calendar = parse(client.get(reverse("opendata:calendar_actor", args=["verein"])))

    assert [str(e["URL"]).rsplit("/", 2)[-2] for e in vevents(calendar)] == ["mit"]
    assert actor.name in str(calendar["X-WR-CALNAME"])


def test_network_calendar_has_the_events_of_its_current_members(client):
    network = NetworkFactory(slug="ag")
    member = ActorFactory(slug="mitglied")
    former = ActorFactory(slug="ehemalig")
    MembershipFactory(actor=member, network=network)
    MembershipFactory(
        actor=former,
        network=network,
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2012, 1, 1),
    )
    ParticipationFactory(actor=member, event=EventFactory(slug="von-mitglied"))
    ParticipationFactory(actor=former, event=EventFactory(slug="von-ehemaligem"))

    calendar = parse(client.get(reverse("opendata:calendar_network", args=["ag"])))

    assert [str(e["URL"]).rsplit("/", 2)[-2] for e in vevents(calendar)] == ["von-mitglied"]


@pytest.mark.parametrize("route", ["opendata:calendar_actor", "opendata:calendar_network"])
def test_calendars_of_unpublished_records_are_404(client, route):
    ActorFactory(slug="x", status="draft")
    NetworkFactory(slug="x", status="draft")
    assert client.get(reverse(route, args=["x"])).status_code == 404


def test_calendar_answers_304_when_unchanged(client):
    EventFactory()
    url = reverse("opendata:calendar")
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_webcal_link_on_actor_page_template_tag():
    from django.template import Context, Template

    actor = ActorFactory.build(slug="verein", name="Verein")
    html = Template("{% load opendata %}{% calendar_subscribe actor=actor %}").render(
        Context({"actor": actor})
    )
    assert "webcal://" in html
    assert reverse("opendata:calendar_actor", args=["verein"]) in html


def test_actor_and_network_pages_offer_their_calendar_subscription(client):
    actor = ActorFactory(slug="verein")
    network = NetworkFactory(slug="ag")
    actor_page = client.get(actor.get_absolute_url()).content.decode()
    network_page = client.get(network.get_absolute_url()).content.decode()

    assert "webcal://" in actor_page
    assert reverse("opendata:calendar_actor", args=["verein"]) in actor_page
    assert reverse("opendata:calendar_network", args=["ag"]) in network_page
    assert reverse("opendata:index") in actor_page


def test_event_page_offers_the_download_only_when_the_day_is_known(client):
    timed = EventFactory(slug="fest")
    vague = EventFactory(slug="irgendwann", date_precision=DatePrecision.MONTH)

    timed_page = client.get(timed.get_absolute_url()).content.decode()
    vague_page = client.get(vague.get_absolute_url()).content.decode()

    assert reverse("events:ics", args=["fest"]) in timed_page
    assert reverse("events:ics", args=["irgendwann"]) not in vague_page


def test_event_list_offers_the_calendar_of_all_upcoming_events(client):
    html = client.get(reverse("events:list")).content.decode()
    assert "webcal://" in html and reverse("opendata:calendar") in html


def test_time_zone_definition_also_covers_events_after_2038(client):
    EventFactory(slug="zukunft", start=berlin(2040, 7, 1, 18, 0), end=berlin(2040, 7, 1, 20, 0))
    calendar = parse(client.get(reverse("events:ics", args=["zukunft"])))
    event = vevents(calendar)[0]
    assert event.decoded("DTSTART").astimezone(datetime.UTC).hour == 16  # CEST, +02:00
    zone = calendar.walk("VTIMEZONE")[0]
    summer = [sub for sub in zone.subcomponents if sub.name == "DAYLIGHT"]
    assert any("2040" in sub.to_ical().decode() for sub in summer)


# --- dates and texts no calendar may choke on -------------------------------------------


@pytest.fixture
def legacy_rows_allowed(db):
    """Rows as they could be stored before the plausible-date rule existed.

    The constraint is dropped inside the test's transaction, which rolls back
    afterwards (PostgreSQL DDL is transactional), so it exists again for later tests.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE events_event DROP CONSTRAINT IF EXISTS event_dates_plausible")


def _directory_with_event(**event_fields):
    """An actor in a network, taking part in one event with ``event_fields``."""
    actor = ActorFactory(slug="verein")
    network = NetworkFactory(slug="ag")
    MembershipFactory(actor=actor, network=network)
    normal = EventFactory(slug="normal")
    odd = EventFactory(slug="sonderbar", **event_fields)
    for event in (normal, odd):
        ParticipationFactory(actor=actor, event=event)
    return odd


CALENDARS = [
    ("opendata:calendar", []),
    ("opendata:calendar_actor", ["verein"]),
    ("opendata:calendar_network", ["ag"]),
]


@pytest.mark.parametrize(
    "start",
    [berlin(9998, 6, 1, 10, 0), berlin(1, 6, 1, 10, 0)],
    ids=["year-9998", "year-1"],
)
def test_an_event_with_an_absurd_year_leaves_every_calendar_working(
    client, frozen_now, legacy_rows_allowed, start
):
    _directory_with_event(start=start, end=None)

    for route, args in CALENDARS:
        calendar = parse(client.get(reverse(route, args=args)))
        slugs = [str(e["URL"]).rsplit("/", 2)[-2] for e in vevents(calendar)]
        # The plausible event stays; the absurd one is left out instead of breaking it.
        assert "normal" in slugs and "sonderbar" not in slugs, route
    assert client.get(reverse("events:ics", args=["sonderbar"])).status_code == 404


def _calendar_name(response) -> str:
    """X-WR-CALNAME as a calendar program reads it (the library leaves X- values raw)."""
    raw = parse(response)["X-WR-CALNAME"].to_ical().decode()
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)


NASTY = "Erste Zeile\nzweite\r\ndritte\r</script><script>alert(1)</script>, mit; Zeichen"
NASTY_AS_READ = NASTY.replace("\r\n", "\n").replace("\r", "\n")


def test_line_breaks_in_names_and_titles_keep_every_calendar_readable(client, frozen_now):
    event = _directory_with_event(title=NASTY, location=NASTY, description=NASTY)
    Actor.objects.filter(slug="verein").update(name=NASTY)
    Network.objects.filter(slug="ag").update(name=NASTY)

    for route, args in CALENDARS[1:]:
        assert _calendar_name(client.get(reverse(route, args=args))) == (
            f"Veranstaltungen: {NASTY_AS_READ}"
        )
    download = client.get(reverse("events:ics", args=[event.slug]))
    assert _calendar_name(download) == NASTY_AS_READ
    (entry,) = vevents(icalendar.Calendar.from_ical(download.content))
    assert str(entry["SUMMARY"]) == str(entry["LOCATION"]) == NASTY_AS_READ


def test_control_characters_in_a_title_keep_the_calendar_valid(client, frozen_now):
    EventFactory(slug="fest", title="Fest\x0bim\x1bPark")
    content = client.get(reverse("events:ics", args=["fest"])).content
    assert b"\x0b" not in content and b"\x1b" not in content
    (entry,) = vevents(icalendar.Calendar.from_ical(content))
    assert str(entry["SUMMARY"]) == "FestimPark"


def test_the_portal_calendar_holds_the_soonest_events_up_to_its_limit(
    client, frozen_now, monkeypatch
):
    from events import calendars

    monkeypatch.setattr(calendars, "CALENDAR_LIMIT", 2)
    EventFactory(slug="dritte", start=berlin(2026, 6, 1, 10, 0))
    EventFactory(slug="erste", start=berlin(2026, 4, 1, 10, 0))
    EventFactory(slug="monat", start=berlin(2026, 3, 15, 10, 0), date_precision="month")
    EventFactory(slug="zweite", start=berlin(2026, 5, 1, 10, 0))

    calendar = parse(client.get(reverse("opendata:calendar")))

    # Events without a known day never count against the limit.
    urls = [str(event["URL"]) for event in vevents(calendar)]
    assert [url.rstrip("/").rsplit("/", 1)[1] for url in urls] == ["erste", "zweite"]


def test_a_new_event_is_in_the_remembered_calendar_at_once(
    client, frozen_now, django_capture_on_commit_callbacks
):
    EventFactory(slug="erste", start=berlin(2026, 4, 1, 10, 0))
    assert len(vevents(parse(client.get(reverse("opendata:calendar"))))) == 1

    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(slug="neu", start=berlin(2026, 4, 2, 10, 0))

    assert len(vevents(parse(client.get(reverse("opendata:calendar"))))) == 2
