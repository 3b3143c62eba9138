"""Every rule a form enforces is backed by the database, and the admin explains it."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from events.models import DatePrecision, Event, Participation
from networks.models import ExpertExchange, Membership
from pages.models import AccessibilityFeedback, Page, PageKey
from selfservice.models import Claim, EventSubmission, Revision, Submission
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def raises_integrity_error(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()
    return True


def actor_form_data(**overrides):
    data = {
        "name": "Weltladen Ludwigsburg",
        "slug": "weltladen-ludwigsburg",
        "kind": "world_shop",
        "status": "draft",
        "city": "Ludwigsburg",
        "tags": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "expert_exchanges-TOTAL_FORMS": "0",
        "expert_exchanges-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def errors_of(response) -> str:
    assert response.status_code == 200, "the admin form should re-render with errors"
    return response.content.decode()


class TestActorRules:
    def test_duplicate_slug_is_rejected_by_the_database(self):
        ActorFactory(slug="weltladen")
        assert raises_integrity_error(lambda: ActorFactory(slug="weltladen"))

    def test_duplicate_slug_is_explained_in_the_admin(self, staff_client):
        ActorFactory(slug="weltladen-ludwigsburg")
        response = staff_client.post(reverse("admin:actors_actor_add"), actor_form_data())
        assert "Kurzname (URL) existiert bereits" in errors_of(response)
        assert Actor.objects.count() == 1

    def test_implausible_founding_year_is_rejected(self, staff_client):
        assert raises_integrity_error(lambda: ActorFactory(founded_year=1200))
        response = staff_client.post(
            reverse("admin:actors_actor_add"), actor_form_data(founded_year="1200")
        )
        assert "Das Gründungsjahr muss zwischen 1800 und 2100 liegen." in errors_of(response)

    def test_half_given_coordinates_are_rejected(self, staff_client):
        assert raises_integrity_error(lambda: ActorFactory(latitude=48.9, longitude=None))
        response = staff_client.post(
            reverse("admin:actors_actor_add"), actor_form_data(latitude="48.897")
        )
        assert "Koordinaten brauchen Breiten-" in errors_of(response)
        assert not Actor.objects.exists()

    def test_valid_actor_is_saved_from_the_admin(self, staff_client):
        response = staff_client.post(
            reverse("admin:actors_actor_add"),
            actor_form_data(latitude="48.897", longitude="9.191", tags="Fairer Handel, Kaffee"),
        )
        assert response.status_code == 302
        actor = Actor.objects.get(slug="weltladen-ludwigsburg")
        assert sorted(actor.tags.names()) == ["Fairer Handel", "Kaffee"]


class TestMembershipRules:
    def test_same_role_twice_in_the_same_term_is_rejected(self, staff_client):
        membership = MembershipFactory()
        assert raises_integrity_error(
            lambda: Membership.objects.create(
                actor=membership.actor, network=membership.network, role=membership.role
            )
        )
        response = staff_client.post(
            reverse("admin:networks_membership_add"),
            {
                "actor": membership.actor.pk,
                "network": membership.network.pk,
                "role": membership.role,
            },
        )
        assert "bereits diese Rolle ab diesem Datum" in errors_of(response)

    def test_a_new_term_with_the_same_role_is_allowed(self):
        old = MembershipFactory(
            start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2018, 12, 31)
        )
        MembershipFactory(
            actor=old.actor, network=old.network, start_date=datetime.date(2020, 1, 1)
        )
        assert old.network.memberships.count() == 2

    def test_end_before_start_is_rejected(self, staff_client):
        actor, network = ActorFactory(), NetworkFactory()
        assert raises_integrity_error(
            lambda: MembershipFactory(
                actor=actor,
                network=network,
                start_date=datetime.date(2020, 1, 1),
                end_date=datetime.date(2019, 1, 1),
            )
        )
        response = staff_client.post(
            reverse("admin:networks_membership_add"),
            {
                "actor": actor.pk,
                "network": network.pk,
                "role": "member",
                "start_date": "01.01.2020",
                "end_date": "01.01.2019",
            },
        )
        assert "Das Ende darf nicht vor dem Beginn liegen." in errors_of(response)
        assert not Membership.objects.exists()


class TestEventRules:
    def test_end_before_start_is_rejected(self, staff_client):
        start = timezone.now()
        assert raises_integrity_error(
            lambda: EventFactory(start=start, end=start - datetime.timedelta(hours=1))
        )
        response = staff_client.post(
            reverse("admin:events_event_add"),
            {
                "title": "Fairer Frühstückstisch",
                "slug": "fairer-fruehstueckstisch",
                "start_0": "10.05.2027",
                "start_1": "10:00",
                "end_0": "10.05.2027",
                "end_1": "09:00",
                "date_precision": "datetime",
                "level": "city",
                "status": "draft",
                "participations-TOTAL_FORMS": "0",
                "participations-INITIAL_FORMS": "0",
            },
        )
        assert "Das Ende darf nicht vor dem Beginn liegen." in errors_of(response)
        assert not Event.objects.exists()

    def test_unknown_date_must_be_marked_as_unknown(self):
        assert raises_integrity_error(
            lambda: EventFactory(start=None, end=None, date_precision=DatePrecision.DATETIME)
        )
        assert raises_integrity_error(lambda: EventFactory(date_precision=DatePrecision.UNKNOWN))
        EventFactory(start=None, end=None, date_precision=DatePrecision.UNKNOWN)

    def test_same_participation_role_twice_is_rejected(self, staff_client):
        participation = ParticipationFactory()
        assert raises_integrity_error(
            lambda: Participation.objects.create(
                actor=participation.actor, event=participation.event, role=participation.role
            )
        )
        response = staff_client.post(
            reverse("admin:events_participation_add"),
            {
                "actor": participation.actor.pk,
                "event": participation.event.pk,
                "role": participation.role,
            },
        )
        assert "schon mit dieser Rolle eingetragen" in errors_of(response)


# --- plausible event dates ---------------------------------------------------------------

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
IMPLAUSIBLE_DATE = "Das Datum muss zwischen 1900 und 2100 liegen."


def event_admin_data(**overrides):
    data = {
        "title": "Fairer Frühstückstisch",
        "slug": "fairer-fruehstueckstisch",
        "start_0": "10.05.2027",
        "start_1": "10:00",
        "date_precision": "datetime",
        "level": "city",
        "status": "draft",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


class TestEventDates:
    @pytest.mark.parametrize(
        ("start", "allowed"),
        [
            (datetime.datetime(1899, 12, 31, 23, 59, tzinfo=BERLIN), False),
            (datetime.datetime(1900, 1, 1, 0, 0, tzinfo=BERLIN), True),
            (datetime.datetime(2100, 12, 31, 23, 59, tzinfo=BERLIN), True),
            (datetime.datetime(2101, 1, 1, 0, 0, tzinfo=BERLIN), False),
            (datetime.datetime(9998, 6, 1, 10, 0, tzinfo=BERLIN), False),
        ],
    )
    def test_event_dates_outside_1900_to_2100_are_refused_by_the_database(self, start, allowed):
        if allowed:
            EventFactory(start=start, end=None)
        else:
            assert raises_integrity_error(lambda: EventFactory(start=start, end=None))
            assert raises_integrity_error(
                lambda: EventFactory(start=datetime.datetime(2026, 1, 1, tzinfo=BERLIN), end=start)
            )

    def test_event_in_the_year_9998_is_explained_in_the_admin(self, staff_client):
        response = staff_client.post(
            reverse("admin:events_event_add"),
            event_admin_data(start_0="01.06.9998", end_0="01.06.9998", end_1="12:00"),
        )
        assert errors_of(response).count(IMPLAUSIBLE_DATE) == 2  # at start and at end
        assert not Event.objects.exists()

    def test_editor_cannot_propose_an_event_in_the_year_9998(self):
        from selfservice.forms import EventProposalForm

        form = EventProposalForm(
            data={
                "title": "Faire Woche",
                "start": "9998-06-01T10:00",
                "level": "city",
                "role": "organiser",
            }
        )
        assert not form.is_valid()
        assert form.errors["start"] == [IMPLAUSIBLE_DATE]


# --- text limits -------------------------------------------------------------------------


def _page():
    return Page.objects.get(key=PageKey.IMPRINT)


def _moderated(model):
    def make():
        actor = ActorFactory(status="draft")
        extra = {
            Submission: {
                "submitter_name": "A",
                "submitter_email": "a@example.org",
                "consent_at": timezone.now(),
                "state": "unconfirmed",
            },
            Revision: {},
            Claim: {"user": UserFactory(), "name": "B", "message": "C"},
            EventSubmission: {"event": EventFactory()},
        }[model]
        return model.objects.create(actor=actor, **extra)

    return make


TEXT_LIMITS = [
    (ActorFactory, "description", 10_000),
    (NetworkFactory, "description", 10_000),
    (EventFactory, "description", 10_000),
    (MembershipFactory, "note", 2_000),
    (
        lambda: ExpertExchange.objects.create(
            actor=ActorFactory(), expert_name="A", expert_function="B"
        ),
        "note",
        2_000,
    ),
    (_page, "body", 100_000),
    (_page, "sign_language_description", 2_000),
    (lambda: AccessibilityFeedback.objects.create(message="Kontrast"), "message", 5_000),
    (_moderated(Submission), "reason", 2_000),
    (_moderated(Revision), "reason", 2_000),
    (_moderated(Claim), "reason", 2_000),
    (_moderated(Claim), "message", 2_000),
    (_moderated(EventSubmission), "reason", 2_000),
]


@pytest.mark.parametrize(
    ("make", "field", "limit"),
    TEXT_LIMITS,
    ids=[
        "actor-description",
        "network-description",
        "event-description",
        "membership-note",
        "expert-exchange-note",
        "page-body",
        "page-video-description",
        "feedback-message",
        "submission-reason",
        "revision-reason",
        "claim-reason",
        "claim-message",
        "event-submission-reason",
    ],
)
def test_overlong_text_is_refused_by_form_model_and_database(make, field, limit):
    record = make()
    model = type(record)

    # The form shows the limit (counter / maxlength) and refuses more.
    form_field = modelform_factory(model, fields=[field])().fields[field]
    assert form_field.max_length == limit
    # The model refuses it on every path through full_clean() (admin, import, services).
    setattr(record, field, "x" * (limit + 1))
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert field in error.value.message_dict
    # The database refuses it even from a bulk update; exactly the limit is fine.
    rows = model.objects.filter(pk=record.pk)
    assert raises_integrity_error(lambda: rows.update(**{field: "x" * (limit + 1)}))
    rows.update(**{field: "x" * limit})


def test_text_limit_of_the_database_explains_itself_in_german():
    event = EventFactory.build(description="x" * 10_001)
    with pytest.raises(ValidationError) as error:
        event.validate_constraints()
    assert error.value.messages == ["„Beschreibung“ darf höchstens 10.000 Zeichen lang sein."]


def test_event_description_of_200000_characters_is_refused_in_admin_and_self_service(
    staff_client,
):
    from selfservice.forms import EventProposalForm

    response = staff_client.post(
        reverse("admin:events_event_add"), event_admin_data(description="x" * 200_000)
    )
    assert "höchstens 10000 Zeichen" in errors_of(response)
    assert not Event.objects.exists()

    start = timezone.localtime() + datetime.timedelta(days=20)
    form = EventProposalForm(
        data={
            "title": "Faire Woche",
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "level": "city",
            "role": "organiser",
            "description": "x" * 200_000,
        }
    )
    assert not form.is_valid()
    assert "description" in form.errors


def test_constraint_migration_stops_and_names_existing_rows_that_break_it():
    """A row stored before the rule existed is neither changed nor hidden: migrate stops."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.state import ProjectState

    from ludwigsburg_portal.migration_operations import AddConstraintOrNameViolations

    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE events_event DROP CONSTRAINT event_dates_plausible")
    legacy = EventFactory(start=datetime.datetime(9998, 6, 1, 10, 0, tzinfo=BERLIN), end=None)
    (constraint,) = [c for c in Event._meta.constraints if c.name == "event_dates_plausible"]
    operation = AddConstraintOrNameViolations(model_name="event", constraint=constraint)
    state = ProjectState.from_apps(apps)

    with (
        pytest.raises(RuntimeError, match=rf"primary key {legacy.pk} break it"),
        connection.schema_editor() as editor,
    ):
        operation.database_forwards("events", editor, state, state)

    legacy.refresh_from_db()
    assert legacy.start.year == 9998
