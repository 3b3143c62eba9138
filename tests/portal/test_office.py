"""The coordination office is found by the PORTAL_OFFICE_SLUG setting, not by seed data."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from actors.models import Actor
from seeding.seed import OFFICE, load_ludwigsburg
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

NETWORK_LIST = reverse("networks:list")
JURY = "Jury des bundesweiten Wettbewerbs „Kommune bewegt Welt“"


@pytest.fixture
def renamed_office():
    """The seeded office after staff gave it a new slug (Verwaltung → Akteure)."""
    load_ludwigsburg()
    office = Actor.objects.get(slug=OFFICE)
    office.slug = "koordinationsstelle-eine-welt"
    office.save()
    return office


def city_roles(client) -> dict[str, list[str]]:
    response = client.get(NETWORK_LIST)
    assert response.status_code == 200
    return {
        network.name: [m.get_role_display() for m in network.city_memberships]
        for group in response.context["levels"]
        for network in group["networks"]
    }


def test_office_renamed_together_with_the_setting_keeps_its_page_and_city_roles(
    client, renamed_office
):
    with override_settings(PORTAL_OFFICE_SLUG="koordinationsstelle-eine-welt"):
        office_page = client.get(reverse("pages:office"))
        roles = city_roles(client)
        jury = client.get(reverse("networks:detail", args=["jury-kommune-bewegt-welt"]))

    html = office_page.content.decode()
    assert office_page.context["office"] == renamed_office
    assert JURY in html and "Juryvorsitz" in html
    assert "Günther Nooke" in html
    assert renamed_office.get_absolute_url() in html
    # The office is not listed among its own partner departments.
    assert renamed_office not in office_page.context["departments"]
    assert roles[JURY] == ["Juryvorsitz"]
    assert "Rolle der Stadt Ludwigsburg" in jury.content.decode()


def test_office_renamed_without_the_setting_leaves_its_lists_empty_without_an_error(
    client, renamed_office
):
    office_page = client.get(reverse("pages:office"))
    roles = city_roles(client)
    jury = client.get(reverse("networks:detail", args=["jury-kommune-bewegt-welt"]))

    assert office_page.status_code == 200
    assert office_page.context["office"] is None
    assert "Noch keine Netzwerke eingetragen." in office_page.content.decode()
    assert roles[JURY] == []
    assert jury.status_code == 200
    assert "Rolle der Stadt Ludwigsburg" not in jury.content.decode()


def test_archived_office_is_not_shown_as_the_office(client):
    ActorFactory(slug=settings.PORTAL_OFFICE_SLUG, kind="municipal", status="archived")
    assert Actor.objects.office().first() is None
    assert client.get(reverse("pages:office")).status_code == 200
