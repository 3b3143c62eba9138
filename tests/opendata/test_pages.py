"""Guards over the open-data HTML pages and embeds, and constant query counts."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import ActorFactory, EventFactory, MembershipFactory, ParticipationFactory
from tests.portal.html import Page, third_party_resources

pytestmark = pytest.mark.django_db
OWN_HOSTS = ("testserver", settings.SITE_URL.split("://")[1].split(":")[0])
PAGES = [
    ("opendata:index", {}),
    ("opendata:api_reference", {}),
    ("opendata:embed_snippet", {}),
    ("opendata:embed_snippet", {"what": "events", "level": "city", "height": "600"}),
    ("opendata:embed_actors", {}),
    ("opendata:embed_events", {}),
]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("route", "params"), PAGES)
def test_open_data_pages_have_one_h1_no_third_party_resource_no_inline_code(
    client, language, route, params
):
    ActorFactory()
    EventFactory()
    with translation.override(language):
        url = reverse(route)
    response = client.get(url, params)
    html = response.content.decode()
    page = Page(html)

    assert response.status_code == 200
    assert len(page.find_all("h1")) == 1
    assert page.find_all("html")[0].get("lang") == language
    assert third_party_resources(html, own_hosts=OWN_HOSTS) == []
    assert [attrs for attrs in page.find_all("script") if "src" not in attrs] == []
    assert page.find_all("style") == []
    assert not any("style" in attrs for _tag, attrs in page.tags)
    assert not re.search(r"\son[a-z]+=", html)


def test_swagger_ui_assets_are_served_by_the_portal(client):
    html = client.get(reverse("api:docs")).content.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert len(assets) >= 3
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        response.close()  # whitenoise streams the file


def _directory(size):
    for number in range(size):
        actor = ActorFactory(tags=["Fairer Handel", f"Thema {number}"])
        MembershipFactory(actor=actor)
        ParticipationFactory(actor=actor)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/actors/",
        "/api/v1/networks/",
        "/api/v1/events/",
        "/offene-daten/akteure.csv",
        "/offene-daten/veranstaltungen.json",
        "/offene-daten/feeds/akteure.atom",
        "/offene-daten/kalender.ics",
        "/einbetten/akteure/",
    ],
)
def test_query_count_does_not_grow_with_the_records(client, django_assert_max_num_queries, url):
    _directory(5)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    _directory(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
