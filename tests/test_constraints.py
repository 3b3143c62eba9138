"""Every rule a form enforces is backed by the database, and the admin explains it."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from events.models import DatePrecision, Event, Participation
from networks.models import Membership
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
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
