"""The office page lists the published events the city took part in (role and date as
the event pages give them) and its exchanges with experts, not only the profile link."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.models import ExpertExchange
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.django_db

OFFICE_URL = reverse("pages:office")


@pytest.fixture
def office():
    return ActorFactory(slug=settings.PORTAL_OFFICE_SLUG, kind="municipal")


def test_office_page_lists_the_events_with_role_and_date(client, office):
    ParticipationFactory(
        actor=office,
        event=EventFactory(
            title="BuKo 2018",
            start=timezone.make_aware(datetime.datetime(2018, 1, 1)),
            end=None,
            date_precision="year",
        ),
        role="contributor",
    )
    ParticipationFactory(
        actor=office,
        event=EventFactory(title="BMZ-Afrikatag", start=None, end=None, date_precision="unknown"),
        role="speaker",
    )
    ParticipationFactory(actor=office, event=EventFactory(title="Entwurfstreffen", status="draft"))
    ParticipationFactory(event=EventFactory(title="Fest eines Vereins"))

    html = client.get(OFFICE_URL).content.decode()

    assert "Veranstaltungen, an denen die Stadt mitgewirkt hat" in html
    assert (
        'BuKo 2018</a> – <time datetime="2018">2018</time> <span class="badge">Mitwirkung</span>'
        in html
    )
    assert 'BMZ-Afrikatag</a> – <span class="date-unknown">Datum nicht bekannt</span>' in html
    assert "Vortrag / Podium" in html
    assert "Entwurfstreffen" not in html
    assert "Fest eines Vereins" not in html


def test_office_page_lists_the_expert_exchanges_with_their_date(client, office):
    ExpertExchange.objects.create(
        actor=office,
        expert_name="Günther Nooke",
        expert_function="Afrikabeauftragter der Bundesregierung",
        date=datetime.date(2019, 5, 6),
    )
    html = client.get(OFFICE_URL).content.decode()
    assert "Günther Nooke" in html and "Afrikabeauftragter der Bundesregierung" in html
    assert '<time datetime="2019-05-06">6. Mai 2019</time>' in html


def test_office_page_without_events_says_so(client, office):
    assert "Noch keine Veranstaltungen eingetragen." in client.get(OFFICE_URL).content.decode()


def office_with(office, numbers):
    for i in numbers:
        ParticipationFactory(actor=office, event=EventFactory(title=f"Tagung {i}"))
        MembershipFactory(
            actor=office, mandate_function=f"Funktion {i}", start_date=datetime.date(2020, 1, 1)
        )
        ExpertExchange.objects.create(
            actor=office, expert_name=f"Expertin {i}", expert_function="Amt"
        )


def test_office_page_query_count_does_not_grow_with_events_networks_and_exchanges(client, office):
    office_with(office, range(5))
    with CaptureQueriesContext(connection) as few:
        client.get(OFFICE_URL)
    office_with(office, range(5, 50))
    with CaptureQueriesContext(connection) as many:
        html = client.get(OFFICE_URL).content.decode()
    assert "Tagung 49" in html and "Funktion 49" in html and "Expertin 49" in html
    assert len(many) == len(few)
