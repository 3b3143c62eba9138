"""What the report says for a period, computed from the data (reports.compute)."""

import datetime

import pytest
from django.utils import timezone

from actors.models import ActorKind
from events.models import DatePrecision
from ludwigsburg_portal.publication import Level, PublicationStatus, set_status
from networks.models import MembershipRole
from reports.compute import compute_report
from reports.period import Period
from selfservice.models import Claim, ModerationState, Revision, Submission
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    UserFactory,
)
from tests.reports.conftest import local

pytestmark = pytest.mark.django_db

OFFICE = "Koordinationsstelle kommunale Entwicklungspolitik"
# Every membership of the seed, as the office's page states it: (network, actor, role).
SEED_MEMBERSHIPS = {
    ("Vernetzung der Eine-Welt-Akteure im Stadtgebiet", OFFICE, "Koordination / Moderation"),
    (
        "Zusammenarbeit in der Stadtverwaltung zur kommunalen Entwicklungspolitik",
        OFFICE,
        "Koordination / Moderation",
    ),
    *(
        (
            "Zusammenarbeit in der Stadtverwaltung zur kommunalen Entwicklungspolitik",
            department,
            "Mitglied",
        )
        for department in (
            "Referat Nachhaltige Stadtentwicklung",
            "Fachbereich Tiefbau und Grünflächen",
            "Fachbereich Bürgerschaftliches Engagement",
            "Fachbereich Organisation und Personal – Städtepartnerschaften",
        )
    ),
    ("Jury des bundesweiten Wettbewerbs „Kommune bewegt Welt“", OFFICE, "Juryvorsitz"),
    ("AG „Kommunale Entwicklungspolitik“ des Städtetags Baden-Württemberg", OFFICE, "Mitglied"),
    (
        "Expertengruppe „Kommunikation über Flucht und Migration“ des Auswärtigen Amtes",
        OFFICE,
        "Mitglied",
    ),
    (
        "Gutachtergremium der entwicklungspolitischen Inlandsförderung des Landes "
        "Baden-Württemberg",
        OFFICE,
        "Mitglied",  # "Mitgliedschaft im Gutachtergremium"
    ),
    (
        "Afrikadialog zur Fortschreibung der afrikapolitischen Leitlinien der Bundesregierung",
        OFFICE,
        "Mitwirkung",
    ),
}


def test_seed_report_2018_names_buko_with_the_citys_role_and_every_membership(seeded, year_2018):
    report = compute_report(period=year_2018)

    assert report["period"]["label"] == "2018"
    events = report["events"]
    assert events["count"] == 1
    assert [level["label"] for level in events["levels"]] == ["Bund"]
    (buko,) = events["levels"][0]["events"]
    assert (buko["title"], buko["date_label"], buko["level_label"]) == ("BuKo 2018", "2018", "Bund")
    assert buko["city_roles"] == [
        {"actor": OFFICE, "role": "contributor", "role_label": "Mitwirkung"}
    ]
    assert [e["title"] for e in events["undated"]] == ["BMZ-Afrikatag", "G20 „Compact with Africa“"]
    assert events["imprecise"] == []

    memberships = report["networks"]["memberships"]
    assert {(m["network"], m["actor"], m["role_label"]) for m in memberships} == SEED_MEMBERSHIPS
    assert len(memberships) == 11
    assert {m["start_label"] for m in memberships} == {"nicht bekannt"}
    assert report["networks"]["counts"] == {
        "held": 11,
        "unknown_start": 11,
        "new": 0,
        "ended": 0,
        "mandates": 0,
        "others": 0,
        "dated": 0,
    }
    exchanges = report["networks"]["exchanges"]
    assert exchanges["in_period"] == []
    assert [x["expert"] for x in exchanges["undated"]] == [
        "Bilkay Öney",
        "Georg Schmidt",
        "Günther Nooke",
    ]
    assert report["landscape"]["total"] == 5
    assert report["landscape"]["by_kind"] == [
        {"key": "municipal", "label": "Städtische Einrichtung", "value": 5}
    ]
    assert report["landscape"]["new"]["count"] == 0  # the seed was loaded today, not in 2018
    assert report["selfservice"]["total"] == 0
    assert report["is_empty"] is False


def test_memberships_listed_are_those_held_during_the_period(year_2018):
    city = ActorFactory(kind=ActorKind.MUNICIPAL, name="Stadt")
    held = {
        "before, still running": (datetime.date(2015, 1, 1), None),
        "begun in 2018": (datetime.date(2018, 5, 1), None),
        "ended in 2018": (datetime.date(2016, 1, 1), datetime.date(2018, 6, 30)),
        "ended on the first day": (datetime.date(2016, 1, 1), datetime.date(2018, 1, 1)),
        "begun on the last day": (datetime.date(2018, 12, 31), None),
    }
    not_held = {
        "ended before": (datetime.date(2016, 1, 1), datetime.date(2017, 12, 31)),
        "begun after": (datetime.date(2019, 1, 1), None),
    }
    for name, (start, end) in {**held, **not_held}.items():
        MembershipFactory(
            actor=city, network=NetworkFactory(name=name), start_date=start, end_date=end
        )

    report = compute_report(period=year_2018)["networks"]

    assert {m["network"] for m in report["memberships"]} == set(held)
    assert {m["network"] for m in report["memberships"] if m["new"]} == {
        "begun in 2018",
        "begun on the last day",
    }
    assert {m["network"] for m in report["memberships"] if m["ended"]} == {
        "ended in 2018",
        "ended on the first day",
    }
    assert report["counts"]["unknown_start"] == 0


def test_memberships_of_other_actors_are_counted_per_network_not_listed_as_the_citys(year_2018):
    network = NetworkFactory(name="Eine-Welt-Netz")
    MembershipFactory.create_batch(2, network=network, role=MembershipRole.MEMBER)
    report = compute_report(period=year_2018)["networks"]
    assert report["memberships"] == []
    assert report["other_networks"] == [{"label": "Eine-Welt-Netz", "value": 2}]


@pytest.mark.parametrize(
    ("precision", "start", "in_2018", "in_july_to_june"),
    [
        (DatePrecision.YEAR, local(2018, 1, 1), "counted", "imprecise"),
        (DatePrecision.MONTH, local(2018, 3, 1), "counted", "absent"),
        (DatePrecision.MONTH, local(2018, 9, 1), "counted", "counted"),
        (DatePrecision.DAY, local(2018, 12, 31), "counted", "counted"),
        (DatePrecision.DATETIME, local(2018, 12, 31, 23, 30), "counted", "counted"),
        (DatePrecision.DATETIME, local(2019, 1, 1, 0, 30), "absent", "counted"),
    ],
)
def test_events_count_only_as_exactly_as_their_date_is_known(
    precision, start, in_2018, in_july_to_june
):
    EventFactory(title="Tag der Einen Welt", date_precision=precision, start=start, end=None)

    def where(period):
        events = compute_report(period=period)["events"]
        if events["count"]:
            return "counted"
        return "imprecise" if events["imprecise"] else "absent"

    assert where(Period.calendar_year(2018)) == in_2018
    assert where(Period(datetime.date(2018, 7, 1), datetime.date(2019, 6, 30))) == in_july_to_june


def test_events_are_grouped_by_level_with_the_citys_and_the_actors_roles(year_2018):
    city = ActorFactory(kind=ActorKind.MUNICIPAL, name="Koordinationsstelle")
    verein = ActorFactory(name="Weltladen Ludwigsburg")
    fair = EventFactory(title="Fairer Markt", level=Level.CITY, start=local(2018, 5, 5, 10))
    ParticipationFactory(event=fair, actor=city, role="organiser")
    ParticipationFactory(event=fair, actor=verein, role="exhibitor")
    EventFactory(title="Landeskonferenz", level=Level.STATE, start=local(2018, 6, 1, 10))
    EventFactory(title="Entwurf", level=Level.CITY, start=local(2018, 7, 1), status="draft")

    events = compute_report(period=year_2018)["events"]

    assert [(lv["label"], lv["count"], lv["city_count"]) for lv in events["levels"]] == [
        ("Stadt", 1, 1),
        ("Land Baden-Württemberg", 1, 0),
    ]
    (market,) = events["levels"][0]["events"]
    assert market["city_roles"] == [
        {"actor": "Koordinationsstelle", "role": "organiser", "role_label": "Veranstalter"}
    ]
    assert market["participants"] == [
        {"actor": "Weltladen Ludwigsburg", "role": "exhibitor", "role_label": "Stand / Ausstellung"}
    ]
    assert {r["label"]: r["cells"] for r in events["roles"]} == {
        "Veranstalter": [1, 0, 0, 0],
        "Stand / Ausstellung": [1, 0, 0, 0],
    }


def test_unpublished_records_never_appear_in_a_report(year_2018):
    draft = ActorFactory(kind=ActorKind.MUNICIPAL, name="Entwurf-Amt", status="draft")
    MembershipFactory(actor=draft)
    event = EventFactory(title="Geheim", start=local(2018, 5, 1), status="pending")
    ParticipationFactory(event=event, actor=ActorFactory(name="Sichtbar"))
    report = compute_report(period=year_2018)
    text = str(report)
    assert "Entwurf-Amt" not in text
    assert "Geheim" not in text
    assert report["landscape"]["total"] == 1


def test_period_without_any_dated_data_is_reported_as_empty(seeded):
    report = compute_report(period=Period.calendar_year(1950))
    assert report["is_empty"] is True
    assert report["events"]["count"] == 0
    # Undated facts are still shown, marked as such.
    assert len(report["events"]["undated"]) == 2


def test_new_archived_and_confirmed_actors_come_from_the_history():
    today = timezone.localdate()
    this_year = Period(datetime.date(today.year, 1, 1), today)
    new = ActorFactory(name="Neuer Verein")
    archived = ActorFactory(name="Alter Verein")
    set_status(obj_or_queryset=archived, status=PublicationStatus.ARCHIVED, by=None)
    confirmed = ActorFactory(name="Aktueller Verein")
    confirmed.last_confirmed_at = timezone.now()
    confirmed.save()

    landscape = compute_report(period=this_year)["landscape"]
    assert landscape["new"]["count"] == 3
    assert [i["name"] for i in landscape["new"]["items"]] == ["Aktueller Verein", "Neuer Verein"]
    assert landscape["archived"] == 1
    assert landscape["confirmed"] == 1
    assert new.name in str(landscape)

    last_year = compute_report(period=Period.calendar_year(today.year - 1))["landscape"]
    assert (last_year["new"]["count"], last_year["archived"], last_year["confirmed"]) == (0, 0, 0)


def test_self_service_activity_counts_proposals_received_and_decided_in_the_period():
    now = timezone.now()
    today = timezone.localdate()
    period = Period(datetime.date(today.year, 1, 1), today)
    actor = ActorFactory()
    user = UserFactory()
    Submission.objects.create(
        actor=ActorFactory(status="pending"),
        submitter_name="A",
        submitter_email="a@example.org",
        consent_at=now,
        confirmed_at=now,
        state=ModerationState.PENDING,
    )
    Submission.objects.create(
        actor=ActorFactory(status="draft"),
        submitter_name="B",
        submitter_email="b@example.org",
        consent_at=now,
        state=ModerationState.UNCONFIRMED,
    )
    Revision.objects.create(actor=actor, state=ModerationState.APPROVED, decided_at=now)
    Claim.objects.create(
        actor=actor,
        user=user,
        name="C",
        message="Vorstand",
        state=ModerationState.REJECTED,
        decided_at=now,
    )

    rows = {r["key"]: r for r in compute_report(period=period)["selfservice"]["rows"]}
    assert (rows["submissions"]["received"], rows["submissions"]["approved"]) == (1, 0)
    assert (rows["revisions"]["received"], rows["revisions"]["approved"]) == (1, 1)
    assert (rows["claims"]["received"], rows["claims"]["rejected"]) == (1, 1)
    assert rows["event_submissions"]["received"] == 0
