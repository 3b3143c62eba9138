"""The city's mandates in public: role, since when, function (always) and the holder
(only with the membership's switch "Name … veröffentlichen")."""

import datetime
import json
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from networks.models import Membership, MembershipRole
from tests.factories import ActorFactory, MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db

HOLDER = "Dr. Maria Mandat"


@pytest.fixture
def office():
    return ActorFactory(
        slug=settings.PORTAL_OFFICE_SLUG, kind="municipal", name="Koordinationsstelle"
    )


@pytest.fixture
def jury():
    return NetworkFactory(slug="jury", name="Jury Kommune bewegt Welt")


def seat(office, network, **kwargs) -> Membership:
    return MembershipFactory(
        actor=office,
        network=network,
        role=MembershipRole.JURY_CHAIR,
        start_date=datetime.date(2019, 3, 1),
        mandate_function="Vorsitzende der Jury",
        mandate_function_en="Chair of the jury",
        mandate_holder=HOLDER,
        **kwargs,
    )


def json_ld(response) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


def test_function_and_since_appear_on_network_page_and_office_page_but_not_the_holder(
    client, office, jury
):
    seat(office, jury)
    network_page = client.get(jury.get_absolute_url()).content.decode()
    office_page = client.get(reverse("pages:office")).content.decode()
    for html in (network_page, office_page):
        assert "Vorsitzende der Jury" in html
        assert "1. März 2019" in html
        assert "Juryvorsitz" in html
        assert HOLDER not in html


def test_published_holder_is_named_on_network_page_office_page_and_in_the_api(client, office, jury):
    seat(office, jury, publish_holder=True)
    assert HOLDER in client.get(jury.get_absolute_url()).content.decode()
    assert HOLDER in client.get(reverse("pages:office")).content.decode()
    api = client.get(reverse("api:network-detail", kwargs={"slug": "jury"})).json()
    assert api["memberships"][0]["mandate_holder"] == HOLDER
    assert api["memberships"][0]["mandate_function"] == "Vorsitzende der Jury"


def test_english_pages_show_the_english_function(client, office, jury):
    seat(office, jury)
    assert "Chair of the jury" in client.get("/en" + jury.get_absolute_url()).content.decode()


def test_unpublished_holder_is_in_neither_api_nor_json_ld(client, office, jury):
    # Publishing the office's contact data does not publish a mandate holder.
    office.contact_public = True
    office.save()
    seat(office, jury)
    api = client.get(reverse("api:actor-detail", kwargs={"slug": office.slug}))
    assert api.json()["memberships"][0]["mandate_holder"] is None
    page = client.get(office.get_absolute_url())
    assert HOLDER not in api.content.decode()
    assert HOLDER not in page.content.decode()
    (organization,) = json_ld(page)
    assert "member" not in organization


def test_organization_json_ld_has_a_role_with_role_name_and_start_date(client, office, jury):
    seat(office, jury, publish_holder=True, end_date=datetime.date(2024, 12, 31))
    (organization,) = json_ld(client.get(office.get_absolute_url()))
    (role,) = organization["memberOf"]
    assert role["@type"] == "Role"
    assert role["roleName"] == "Juryvorsitz"
    assert role["startDate"] == "2019-03-01"
    assert role["endDate"] == "2024-12-31"
    assert role["description"] == "Vorsitzende der Jury"
    assert role["memberOf"]["name"] == "Jury Kommune bewegt Welt"
    assert role["memberOf"]["url"].endswith(jury.get_absolute_url())
    (holder,) = organization["member"]
    assert holder["member"] == {"@type": "Person", "name": HOLDER}


def test_network_list_shows_since_when_the_city_holds_its_role(client, office, jury):
    seat(office, jury)
    html = client.get(reverse("networks:list")).content.decode()
    assert re.search(
        r"Juryvorsitz\s+seit\s+<time datetime=\"2019-03-01\">1\. März 2019</time>", html
    )


def test_a_name_cannot_be_published_without_a_name(office, jury):
    membership = MembershipFactory.build(actor=office, network=jury, publish_holder=True)
    with pytest.raises(ValidationError, match="Ein Name kann nur veröffentlicht werden"):
        membership.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_admin_membership_form_offers_the_publication_switch(admin_client, office, jury):
    membership = seat(office, jury)
    url = reverse("admin:networks_membership_change", args=[membership.pk])
    html = admin_client.get(url).content.decode()
    assert "Name der Mandatsträgerin/des Mandatsträgers veröffentlichen" in html
    assert 'name="mandate_function_en"' in html
