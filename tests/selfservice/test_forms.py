"""The self-service profile form on its own: bounds that depend on the calendar."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from selfservice.forms import ActorProfileForm, SubmissionForm

from .conftest import profile_data, submission_data

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def at_berlin(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form_class", "data"), [(ActorProfileForm, profile_data), (SubmissionForm, submission_data)]
)
def test_after_new_year_next_year_is_accepted_as_founding_year(monkeypatch, form_class, data):
    # The process started on New Year's Eve and is still running on 1 January.
    monkeypatch.setattr(timezone, "now", lambda: at_berlin(2030, 12, 31, 23, 30))
    old_year = form_class(data=data(founded_year="2032"))
    assert not old_year.is_valid()
    assert "founded_year" in old_year.errors
    assert form_class(data=data(founded_year="2031")).is_valid()

    monkeypatch.setattr(timezone, "now", lambda: at_berlin(2031, 1, 1, 0, 30))
    new_year = form_class(data=data(founded_year="2032"))
    assert new_year.is_valid(), new_year.errors
    assert 'max="2032"' in str(new_year["founded_year"])
