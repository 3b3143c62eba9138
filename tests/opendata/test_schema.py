"""The OpenAPI document is valid, and property-based requests generated from it
(schemathesis against the Django WSGI app) never get a server error or a response
that contradicts the document."""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from actors.models import SustainableDevelopmentGoal
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 80  # about 20 s for the six operations


@pytest.fixture
def some_data():
    actor = ActorFactory(
        slug="weltladen",
        tags=["Fairer Handel"],
        sdgs=[SustainableDevelopmentGoal.objects.get(number=12)],
        regions=[RegionFactory(slug="peru", name="Peru")],
        contact_public=True,
        email="laden@example.org",
        latitude="48.897000",
        longitude="9.191000",
        founded_year=1985,
    )
    ActorFactory(slug="verein", contact_public=False)
    network = NetworkFactory(slug="ag")
    MembershipFactory(actor=actor, network=network, start_date=datetime.date(2020, 1, 1))
    event = EventFactory(slug="fest")
    EventFactory(slug="unbekannt", start=None, end=None, date_precision="unknown")
    EventFactory(
        slug="jahr",
        start=timezone.now() - datetime.timedelta(days=3000),
        end=None,
        date_precision="year",
    )
    ParticipationFactory(actor=actor, event=event)


@pytest.fixture
def wsgi_app():
    """The real WSGI application, sharing the test's transaction.

    Like Django's test client, keep request signals from closing the connection
    (that would end the test transaction the data lives in).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_openapi_document_is_valid_openapi_3(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    document = response.json()
    validate_schema(document)  # raises on any violation of the OpenAPI 3 meta-schema
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    assert {
        "/api/v1/actors/",
        "/api/v1/actors/{slug}/",
        "/api/v1/networks/",
        "/api/v1/networks/{slug}/",
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
    } <= paths
    actor_params = {p["name"] for p in document["paths"]["/api/v1/actors/"]["get"]["parameters"]}
    assert {"q", "kind", "topic", "sdg", "district", "region", "network", "page"} <= actor_params


def test_schemathesis_finds_no_server_error_and_no_schema_violation(some_data, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 6

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(checks=CHECKS)

        run()
