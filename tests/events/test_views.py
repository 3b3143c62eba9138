"""Event pages: upcoming list, month calendar, yearly archive, event page."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import DatePrecision, ParticipationRole
from ludwigsburg_portal.publication import Level
from tests.factories import ActorFactory, EventFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("events:list")
ARCHIVE_URL = reverse("events:archive")
UNPUBLISHED = ["draft", "pending", "archived"]


def at(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def past(days=30, **kwargs):
    start = timezone.now() - datetime.timedelta(days=days)
    return EventFactory(start=start, end=start + datetime.timedelta(hours=2), **kwargs)


def titles(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def json_ld(response) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


# --- upcoming list ---------------------------------------------------------------------


def test_upcoming_list_shows_future_events_soonest_first(client):
    now = timezone.now()
    EventFactory(title="Später", start=now + datetime.timedelta(days=20))
    EventFactory(title="Bald", start=now + datetime.timedelta(days=2))
    past(title="Vorbei")
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert titles(response) == ["Bald", "Später"]
    assert "2 kommende Veranstaltungen" in response.content.decode()


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_event_appears_nowhere(client, status):
    event = EventFactory(title="Geheimes Treffen", status=status)
    old = past(title="Geheimes altes Treffen", status=status)
    month = timezone.localtime(event.start)
    for url in [
        LIST_URL,
        ARCHIVE_URL,
        reverse("events:calendar", kwargs={"year": month.year, "month": month.month}),
    ]:
        assert "Geheimes" not in client.get(url).content.decode(), url
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(old.get_absolute_url()).status_code == 404


def test_level_filter(client):
    EventFactory(title="Stadtfest", level=Level.CITY)
    EventFactory(title="Bundeskonferenz", level=Level.FEDERAL)
    assert titles(client.get(LIST_URL, {"ebene": "federal"})) == ["Bundeskonferenz"]


def test_topic_filter_uses_the_topics_of_the_participants(client):
    ParticipationFactory(
        event=EventFactory(title="Kaffeeprobe"), actor=ActorFactory(tags=["Kaffee"])
    )
    ParticipationFactory(
        event=EventFactory(title="Wasserforum"), actor=ActorFactory(tags=["Wasser"])
    )
    assert titles(client.get(LIST_URL, {"thema": "kaffee"})) == ["Kaffeeprobe"]


def test_actor_filter_shows_its_events_and_can_be_removed(client):
    weltladen = ActorFactory(name="Weltladen", slug="weltladen")
    ParticipationFactory(event=EventFactory(title="Verkauf"), actor=weltladen)
    EventFactory(title="Anderes")
    response = client.get(LIST_URL, {"akteur": "weltladen"})
    assert titles(response) == ["Verkauf"]
    html = response.content.decode()
    assert "Nur Veranstaltungen mit <strong>Weltladen</strong>" in html
    assert "Diesen Filter entfernen" in html


def test_role_filter_alone_and_with_actor(client):
    weltladen = ActorFactory(slug="weltladen")
    ParticipationFactory(
        event=EventFactory(title="Markt"), actor=weltladen, role=ParticipationRole.EXHIBITOR
    )
    ParticipationFactory(
        event=EventFactory(title="Vortrag"), actor=weltladen, role=ParticipationRole.SPEAKER
    )
    ParticipationFactory(event=EventFactory(title="Podium"), role=ParticipationRole.SPEAKER)
    assert sorted(titles(client.get(LIST_URL, {"rolle": "speaker"}))) == ["Podium", "Vortrag"]
    assert titles(client.get(LIST_URL, {"rolle": "speaker", "akteur": "weltladen"})) == ["Vortrag"]


def test_role_filter_ignores_unpublished_participants(client):
    ParticipationFactory(
        event=EventFactory(title="Mit Entwurf"),
        actor=ActorFactory(status="draft"),
        role=ParticipationRole.ORGANISER,
    )
    assert titles(client.get(LIST_URL, {"rolle": "organiser"})) == []


@pytest.mark.parametrize(
    "params",
    [
        {"ebene": "galaktisch"},
        {"thema": "gibt-es-nicht"},
        {"rolle": "kaiser"},
        {"akteur": "niemand"},
        {"akteur": "<script>"},
        {"page": "abc"},
        {"page": "99999"},
    ],
)
def test_bad_parameters_are_answered_with_the_list(client, params):
    EventFactory(title="Stadtfest")
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    assert titles(response) == ["Stadtfest"]
    if "page" not in params:
        assert "wurde nicht angewendet" in response.content.decode()


def test_page_links_keep_the_filters(client):
    for _ in range(25):
        EventFactory(level=Level.FEDERAL)
    response = client.get(LIST_URL, {"ebene": "federal"})
    assert 'href="?ebene=federal&amp;page=2"' in response.content.decode()
    assert len(titles(client.get(LIST_URL, {"ebene": "federal", "page": "2"}))) == 5


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "ebene", "thema", "rolle", "akteur", "von", "bis", "page", "monat"]),
        st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200),
    )
)
def test_any_query_parameters_are_answered_without_error(client, params):
    for url in [LIST_URL, ARCHIVE_URL, reverse("events:calendar")]:
        assert client.get(url, params).status_code in (200, 302), url


def test_event_card_shows_date_place_and_public_participants(client):
    event = EventFactory(
        title="Eine-Welt-Markt",
        start=at(2030, 5, 4, 10),
        end=at(2030, 5, 4, 16),
        location="Marktplatz",
    )
    ParticipationFactory(event=event, actor=ActorFactory(name="Weltladen"), role="organiser")
    ParticipationFactory(event=event, actor=ActorFactory(name="Entwurfsverein", status="draft"))
    html = client.get(LIST_URL).content.decode()
    assert '<time datetime="2030-05-04T10:00:00+02:00">4. Mai 2030 10:00</time>' in html
    assert '<time datetime="2030-05-04T16:00:00+02:00">16:00</time>' in html
    assert "Marktplatz" in html
    assert "Weltladen</a> (Veranstalter)" in html
    assert "Entwurfsverein" not in html


# --- archive ---------------------------------------------------------------------------


def test_archive_groups_past_events_by_year_with_undated_ones_last(client):
    EventFactory(title="Vortrag 2019", start=at(2019, 3, 5, 19), end=None)
    EventFactory(title="BuKo 2018", start=at(2018, 1, 1), end=None, date_precision="year")
    EventFactory(title="Tagung März", start=at(2018, 3, 1), end=None, date_precision="month")
    EventFactory(title="BMZ-Afrikatag", start=None, end=None, date_precision="unknown")
    EventFactory(title="Zukunft")
    response = client.get(ARCHIVE_URL)
    assert response.status_code == 200
    groups = [(g["year"], [e.title for e in g["events"]]) for g in response.context["groups"]]
    assert groups == [
        (2019, ["Vortrag 2019"]),
        (2018, ["Tagung März", "BuKo 2018"]),
        (None, ["BMZ-Afrikatag"]),
    ]
    html = response.content.decode()
    assert '<h3 id="jahr-2019">2019</h3>' in html
    assert '<h3 id="datum-unbekannt">Datum nicht bekannt</h3>' in html
    assert '<time datetime="2018">2018</time>' in html
    assert '<time datetime="2018-03">März 2018</time>' in html
    assert '<time datetime="2019-03-05T19:00:00+01:00">5. März 2019 19:00</time>' in html
    assert "Zukunft" not in html


def test_archive_year_navigation_counts_events_per_year(client):
    past(days=400, title="A")
    EventFactory(title="B", start=at(2018, 6, 1), end=None)
    EventFactory(title="C", start=at(2018, 7, 1), end=None)
    response = client.get(ARCHIVE_URL)
    years = {entry["year"]: entry["count"] for entry in response.context["years"]}
    assert years[2018] == 2
    assert f'href="{reverse("events:archive", kwargs={"year": 2018})}"' in response.content.decode()


def test_archive_years_are_ludwigsburg_years_and_add_up_to_the_list(client):
    # 23:30 on New Year's Eve in Ludwigsburg is 22:30 UTC; 00:30 on New Year's Day is
    # still the old year in UTC: each belongs to its local year.
    EventFactory(title="Silvester", start=at(2018, 12, 31, 23, 30), end=None)
    EventFactory(title="Neujahr", start=at(2019, 1, 1, 0, 30), end=None)
    EventFactory(title="Sommer", start=at(2019, 7, 1), end=None)
    EventFactory(title="Ohne Datum", start=None, end=None, date_precision="unknown")
    response = client.get(ARCHIVE_URL)
    years = [(entry["year"], entry["count"]) for entry in response.context["years"]]
    assert years == [(2019, 2), (2018, 1)]
    assert response.context["paginator"].count == 4
    year_page = client.get(reverse("events:archive", kwargs={"year": 2019}))
    assert titles(year_page) == ["Sommer", "Neujahr"]
    assert year_page.context["paginator"].count == 2
    assert titles(client.get(reverse("events:archive", kwargs={"year": 2018}))) == ["Silvester"]


def test_year_archive_shows_only_that_year(client):
    EventFactory(title="In 2018", start=at(2018, 6, 1), end=None)
    EventFactory(title="In 2019", start=at(2019, 6, 1), end=None)
    response = client.get(reverse("events:archive", kwargs={"year": 2018}))
    assert titles(response) == ["In 2018"]
    assert "<h1>Archiv: Veranstaltungen 2018</h1>" in response.content.decode()


def test_year_archive_of_an_empty_year_says_so(client):
    response = client.get(reverse("events:archive", kwargs={"year": 1999}))
    assert response.status_code == 200
    assert "Aus diesem Jahr sind keine Veranstaltungen verzeichnet." in response.content.decode()


@pytest.mark.parametrize("year", [1066, 3000])
def test_year_archive_out_of_range_is_not_found(client, year):
    assert client.get(reverse("events:archive", kwargs={"year": year})).status_code == 404


def test_archive_filters_apply(client):
    EventFactory(title="Bund alt", start=at(2018, 6, 1), end=None, level=Level.FEDERAL)
    EventFactory(title="Stadt alt", start=at(2018, 6, 1), end=None, level=Level.CITY)
    assert titles(client.get(ARCHIVE_URL, {"ebene": "federal"})) == ["Bund alt"]


# --- calendar --------------------------------------------------------------------------


def calendar_url(year, month):
    return reverse("events:calendar", kwargs={"year": year, "month": month})


def test_calendar_is_a_table_with_the_event_on_its_day(client):
    EventFactory(title="Adventsmarkt", start=at(2030, 12, 6, 15), end=at(2030, 12, 6, 20))
    EventFactory(title="Im Januar", start=at(2031, 1, 6, 15), end=None)
    response = client.get(calendar_url(2030, 12))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Kalender: Dezember 2030</h1>" in html
    assert '<table class="calendar">' in html and '<th scope="col">' in html
    day = html.index('datetime="2030-12-06"')
    assert html.index("Adventsmarkt") > day
    assert html.index("Adventsmarkt") < html.index('datetime="2030-12-07"')
    assert "Im Januar" not in html
    assert "1 Veranstaltung in diesem Monat" in html


def test_a_busy_day_shows_five_events_and_links_to_all_of_that_day(client):
    for hour in range(9, 16):
        EventFactory(title=f"Vortrag um {hour}", start=at(2030, 12, 6, hour), end=None)
    html = client.get(calendar_url(2030, 12)).content.decode()

    table = html.split('<table class="calendar">', 1)[1].split("</table>", 1)[0]
    assert [f"Vortrag um {hour}" in table for hour in range(9, 16)] == [True] * 5 + [False] * 2
    assert "7 Veranstaltungen in diesem Monat" in html
    link = re.search(r'<a href="([^"]+)">2 weitere Veranstaltungen', table)
    assert link, table
    url = link[1].replace("&amp;", "&")
    assert url == LIST_URL + "?von=2030-12-06&bis=2030-12-06"

    assert titles(client.get(url)) == [f"Vortrag um {hour}" for hour in range(9, 16)]


def test_multi_day_event_appears_on_each_of_its_days(client):
    EventFactory(title="Aktionswoche", start=at(2030, 3, 30, 9), end=at(2030, 4, 2, 18))
    march = client.get(calendar_url(2030, 3))
    april = client.get(calendar_url(2030, 4))
    march_days = [d["date"].day for w in march.context["weeks"] for d in w if d["events"]]
    april_days = [d["date"].day for w in april.context["weeks"] for d in w if d["events"]]
    assert march_days == [30, 31]
    assert april_days == [1, 2]


def test_late_events_on_the_days_the_clocks_change_stay_on_their_day(client):
    # 27 October 2030 has 25 hours in Ludwigsburg, 31 March 2030 has 23.
    EventFactory(title="Spät im Oktober", start=at(2030, 10, 27, 23, 30), end=None)
    EventFactory(title="Früh danach", start=at(2030, 10, 28, 0, 30), end=None)
    EventFactory(title="Spät im März", start=at(2030, 3, 31, 23, 30), end=None)

    def days_of(year, month):
        response = client.get(calendar_url(year, month))
        return {
            event.title: day["date"].day
            for week in response.context["weeks"]
            for day in week
            for event in day["events"]
        }

    assert days_of(2030, 10) == {"Spät im Oktober": 27, "Früh danach": 28}
    assert days_of(2030, 3) == {"Spät im März": 31}


@pytest.mark.parametrize("words", ["'\"", "%", "()"])
def test_calendar_searched_for_no_words_shows_an_empty_month(client, words):
    EventFactory(title="Adventsmarkt", start=at(2030, 12, 6, 15), end=None)
    response = client.get(calendar_url(2030, 12), {"q": words})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Adventsmarkt" not in html
    assert "0 Veranstaltungen in diesem Monat" in html


def test_calendar_links_to_previous_and_next_month(client):
    html = client.get(calendar_url(2031, 1)).content.decode()
    assert f'href="{calendar_url(2030, 12)}"' in html
    assert f'href="{calendar_url(2031, 2)}"' in html


def test_calendar_month_links_keep_filters(client):
    html = client.get(calendar_url(2031, 1), {"ebene": "city"}).content.decode()
    assert f'href="{calendar_url(2031, 2)}?ebene=city"' in html


def test_event_known_only_by_month_is_listed_below_the_calendar(client):
    EventFactory(title="Irgendwann im Mai", start=at(2030, 5, 1), end=None, date_precision="month")
    response = client.get(calendar_url(2030, 5))
    assert [e.title for e in response.context["month_only_events"]] == ["Irgendwann im Mai"]
    assert "Tag noch offen" in response.content.decode()


def test_month_chooser_redirects_to_the_month(client):
    response = client.get(reverse("events:calendar"), {"monat": "2030-07", "ebene": "city"})
    assert response.status_code == 302
    assert response.url == calendar_url(2030, 7) + "?ebene=city"


def test_bad_month_in_chooser_shows_current_month_with_a_message(client):
    response = client.get(reverse("events:calendar"), {"monat": "Juli"})
    assert response.status_code == 200
    assert "Diesen Monat konnten wir nicht verstehen" in response.content.decode()


@pytest.mark.parametrize(("year", "month"), [(2030, 13), (2030, 0), (1800, 1), (9999, 1)])
def test_impossible_month_is_not_found(client, year, month):
    assert client.get(f"/veranstaltungen/kalender/{year}/{month}/").status_code == 404


# --- event page ------------------------------------------------------------------------


def test_event_page_shows_details_and_participants_by_role(client):
    event = EventFactory(
        title="Fairer Frühstückstisch",
        start=at(2030, 9, 14, 9),
        end=at(2030, 9, 14, 12),
        location="Rathaushof",
        description="Gemeinsam frühstücken.",
        organiser="Stadt Ludwigsburg",
    )
    ParticipationFactory(
        event=event, actor=ActorFactory(name="Weltladen"), role=ParticipationRole.ORGANISER
    )
    ParticipationFactory(
        event=event, actor=ActorFactory(name="Schule Ost"), role=ParticipationRole.EXHIBITOR
    )
    ParticipationFactory(
        event=event, actor=ActorFactory(name="Entwurf", status="pending"), role="speaker"
    )
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "<h1>Fairer Frühstückstisch</h1>",
        "Rathaushof",
        "Gemeinsam frühstücken.",
        "Stadt Ludwigsburg",
        "<dt>Veranstalter</dt>",
        "Weltladen</a>",
        "<dt>Stand / Ausstellung</dt>",
        "Schule Ost</a>",
    ]:
        assert text in html, text
    assert "Entwurf" not in html
    assert "Vortrag / Podium" not in html


def test_event_page_links_to_its_calendar_file(client):
    event = EventFactory()
    html = client.get(event.get_absolute_url()).content.decode()
    assert f'href="{reverse("events:ics", kwargs={"slug": event.slug})}"' in html


def test_event_json_ld_parses_with_type_event_and_dates(client):
    event = EventFactory(
        title="Podium </script><script>alert(1)</script>",
        start=at(2030, 9, 14, 9),
        end=at(2030, 9, 14, 12),
        location="Rathaushof",
    )
    ParticipationFactory(event=event, actor=ActorFactory(name="Weltladen"), role="organiser")
    response = client.get(event.get_absolute_url())
    (data,) = json_ld(response)
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["startDate"] == "2030-09-14T09:00:00+02:00"
    assert data["endDate"] == "2030-09-14T12:00:00+02:00"
    assert data["location"]["name"] == "Rathaushof"
    assert data["organizer"]["name"] == "Weltladen"
    assert "</script><script>" not in response.content.decode()


def test_event_with_only_a_year_has_a_year_in_json_ld(client):
    event = EventFactory(start=at(2018, 1, 1), end=None, date_precision=DatePrecision.YEAR)
    (data,) = json_ld(client.get(event.get_absolute_url()))
    assert data["startDate"] == "2018"


def test_undated_event_has_no_json_ld_and_says_date_unknown(client):
    event = EventFactory(start=None, end=None, date_precision=DatePrecision.UNKNOWN)
    response = client.get(event.get_absolute_url())
    assert json_ld(response) == []
    assert "Datum nicht bekannt" in response.content.decode()


def test_past_event_page_says_it_is_over(client):
    event = past()
    assert "hat bereits stattgefunden" in client.get(event.get_absolute_url()).content.decode()


def test_line_breaks_and_script_tags_in_a_title_stay_text_in_the_json_ld(client):
    title = "Erste Zeile\nzweite\r\n</script><script>alert(1)</script> & mehr"
    event = EventFactory(title=title, location="</script><img src=x>", description=title)
    response = client.get(event.get_absolute_url())

    (data,) = json_ld(response)  # the element ends where it should and parses
    assert data["name"] == data["description"] == title
    assert data["location"]["name"] == "</script><img src=x>"
    # Nothing a title contains can end the JSON-LD element or start HTML inside it.
    assert "<img src=x>" not in response.content.decode()
