"""Programme goals: goal → sub-goal → indicator with planned and achieved values, and
measures linked to events and actors, shown as "geplant – erreicht"."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from events.models import Event
from reports.compute import compute_report
from reports.layout import blocks
from reports.models import Goal, Indicator, IndicatorValue, Measure, SubGoal
from reports.period import Period
from tests.factories import ActorFactory, EventFactory
from tests.reports.conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def goals(seeded):
    goal = Goal.objects.create(title="Eine-Welt-Arbeit in der Stadt stärken")
    subgoal = SubGoal.objects.create(goal=goal, title="Akteure vernetzen")
    indicator = Indicator.objects.create(subgoal=subgoal, name="Vernetzungstreffen", unit="Treffen")
    IndicatorValue.objects.create(
        indicator=indicator,
        period_start=datetime.date(2018, 1, 1),
        period_end=datetime.date(2018, 12, 31),
        target=Decimal("4"),
        actual=Decimal("5"),
    )
    IndicatorValue.objects.create(
        indicator=indicator,
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2019, 12, 31),
        target=Decimal("6"),
    )
    Indicator.objects.create(subgoal=subgoal, name="Neue Mitglieder", unit="Akteure")
    measure = Measure.objects.create(
        subgoal=subgoal,
        title="Bundesweite Konferenzen besuchen",
        planned="Teilnahme an der BuKo",
        achieved="Mitwirkung an der BuKo 2018",
        period_start=datetime.date(2018, 1, 1),
        period_end=datetime.date(2018, 12, 31),
    )
    measure.events.add(
        Event.objects.get(slug="buko-2018"), EventFactory(title="Später", start=local(2020, 1, 5))
    )
    measure.actors.add(ActorFactory(name="Weltladen Ludwigsburg"))
    return goal


def test_goals_show_planned_and_achieved_values_of_the_period(goals, year_2018):
    report = compute_report(period=year_2018)["goals"]

    (goal,) = report["items"]
    (subgoal,) = goal["subgoals"]
    indicators = {indicator["name"]: indicator for indicator in subgoal["indicators"]}
    meetings, members = indicators["Vernetzungstreffen"], indicators["Neue Mitglieder"]
    assert meetings["values"] == [
        {
            "period_label": "2018",
            "target": "4.00",
            "actual": "5.00",
            "target_label": "4",
            "actual_label": "5",
            "percent": 125,
            "note": "",
        }
    ]
    assert members["values"] == []
    (measure,) = subgoal["measures"]
    assert measure["events"] == [
        {"title": "BuKo 2018", "url": "/veranstaltungen/buko-2018/", "date_label": "2018"}
    ]
    assert measure["actors"] == ["Weltladen Ludwigsburg"]


def test_goals_table_reads_geplant_erreicht(goals, year_2018):
    report_blocks = blocks(compute_report(period=year_2018))
    tables = [b for b in report_blocks if b["type"] == "table"]
    indicator_table = next(t for t in tables if "Soll (geplant)" in t["columns"])
    assert indicator_table["rows"] == [["Vernetzungstreffen", "2018", "4", "5", "Treffen", "125 %"]]
    measure_table = next(t for t in tables if t["caption"] == "Maßnahmen")
    assert measure_table["rows"][0][1:4] == [
        "Teilnahme an der BuKo",
        "Mitwirkung an der BuKo 2018",
        "BuKo 2018 (2018)",
    ]
    notes = [b for b in report_blocks if b["type"] == "paragraphs" and b["style"] == "note"]
    assert any("Neue Mitglieder" in text for b in notes for text in b["items"])


def test_value_not_yet_measured_says_so(goals):
    report = compute_report(period=Period.calendar_year(2019))
    (subgoal,) = report["goals"]["items"][0]["subgoals"]
    (value,) = next(i for i in subgoal["indicators"] if i["name"] == "Vernetzungstreffen")["values"]
    assert (value["target_label"], value["actual_label"], value["percent"]) == (
        "6",
        "noch nicht erfasst",
        None,
    )


def test_indicator_value_period_must_not_end_before_it_starts(goals):
    value = IndicatorValue(
        indicator=Indicator.objects.first(),
        period_start=datetime.date(2018, 12, 31),
        period_end=datetime.date(2018, 1, 1),
        target=1,
    )
    with pytest.raises(ValidationError):
        value.full_clean()
