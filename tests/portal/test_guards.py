"""Project guards over every public page: one <h1>, a language, legal links in the
footer, no resource from a third-party host, no inline script or style."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ludwigsburg_portal.publication import Level
from tests.factories import (
    ActorFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    RegionFactory,
)
from tests.portal.html import Page, third_party_resources

OWN_HOSTS = ("testserver", urlsplit(settings.SITE_URL).hostname)

PUBLIC_ROUTES = [
    ("pages:home", {}),
    ("pages:office", {}),
    ("pages:imprint", {}),
    ("pages:privacy", {}),
    ("pages:accessibility", {}),
    ("pages:easy_language", {}),
    ("actors:list", {}),
    ("actors:detail", {"slug": "weltladen-ludwigsburg"}),
    ("networks:list", {}),
    ("networks:detail", {"slug": "ag-eine-welt"}),
    ("events:list", {}),
    ("events:archive", {}),
    ("events:calendar", {}),
    ("events:detail", {"slug": "fairer-fruehstueck"}),
    ("atlas:network", {}),
    ("atlas:world_map", {}),
    ("opendata:index", {}),
    ("opendata:api_reference", {}),
    ("search:results", {}),
]


@pytest.fixture
def portal_content(db):
    """One published record of every kind, linked to each other, as citizens see them."""
    actor = ActorFactory(
        slug="weltladen-ludwigsburg",
        name="Weltladen Ludwigsburg",
        website="https://weltladen-ludwigsburg.example.org/",
        tags=["Fairer Handel"],
        regions=[RegionFactory(name="Togo", slug="togo", iso_code="TG")],
    )
    network = NetworkFactory(slug="ag-eine-welt", level=Level.CITY)
    MembershipFactory(actor=actor, network=network)
    event = EventFactory(slug="fairer-fruehstueck", title="Faires Frühstück")
    ParticipationFactory(actor=actor, event=event)
    return actor


def public_urls():
    for language in ("de", "en"):
        for name, kwargs in PUBLIC_ROUTES:
            yield pytest.param((language, name, kwargs), id=f"{language}-{name}")


@pytest.fixture(params=list(public_urls()))
def rendered(request, client, portal_content):
    language, name, kwargs = request.param
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 200, url
    return language, url, response.content.decode()


def test_every_public_page_has_exactly_one_h1(rendered):
    _language, url, html = rendered
    assert len(Page(html).find_all("h1")) == 1, url


def test_every_public_page_declares_its_language(rendered):
    language, url, html = rendered
    assert Page(html).find_all("html")[0].get("lang") == language, url


def test_no_public_page_loads_anything_from_a_third_party_host(rendered):
    _language, url, html = rendered
    assert third_party_resources(html, own_hosts=OWN_HOSTS) == [], url


def test_no_public_page_has_inline_script_or_style(rendered):
    _language, url, html = rendered
    page = Page(html)
    inline_scripts = [
        attrs
        for attrs in page.find_all("script")
        if "src" not in attrs and attrs.get("type") != "application/ld+json"
    ]
    assert inline_scripts == [], url
    assert page.find_all("style") == [], url
    assert not any("style" in attrs for _tag, attrs in page.tags), url
    assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {url}"


def test_every_public_page_links_the_legal_pages_in_its_footer(rendered):
    language, url, html = rendered
    footer = html[html.index("<footer") :]
    with translation.override(language):
        for name in ("pages:imprint", "pages:privacy", "pages:accessibility"):
            assert f'href="{reverse(name)}"' in footer, (url, name)


def test_every_public_page_links_easy_language_in_the_header(rendered):
    language, url, html = rendered
    header = html[html.index("<header") : html.index("</header>")]
    with translation.override(language):
        assert f'href="{reverse("pages:easy_language")}"' in header, url


def test_every_public_page_has_a_title_naming_the_portal_once_and_a_description(rendered):
    language, url, html = rendered
    # The document's <head> only: inline SVG pictures carry <title> elements of their own.
    page = Page(html[: html.index("</head>")])
    title = "".join(page.text_by_tag["title"]).strip()
    with translation.override(language):
        site_name = translation.gettext("Eine-Welt-Portal Ludwigsburg")
    assert title.endswith(site_name), url
    assert title.count(site_name) == 1, title
    assert len(page.meta(name="description") or "") > 30, url
    assert page.meta(prop="og:title"), url
    assert page.find_all("link", rel="canonical"), url


def test_error_pages_have_one_h1_and_no_third_party_resources(client, db):
    response = client.get("/gibt-es-nicht/")
    html = response.content.decode()
    assert response.status_code == 404
    assert len(Page(html).find_all("h1")) == 1
    assert third_party_resources(html, own_hosts=OWN_HOSTS) == []


def test_stylesheets_and_scripts_reference_no_external_host():
    static_dir = Path(settings.BASE_DIR) / "static"
    for path in [*static_dir.rglob("*.css"), *static_dir.rglob("*.js")]:
        text = path.read_text()
        assert "@import" not in text, path
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), path
        assert not re.search(r"https?://", text.replace("http://www.w3.org", "")), path


def test_svg_images_reference_no_external_host():
    for path in (Path(settings.BASE_DIR) / "static" / "img").rglob("*.svg"):
        text = path.read_text().replace("http://www.w3.org/2000/svg", "")
        assert not re.search(r"(href|src)=\"(https?:)?//", text), path


def test_guard_detects_resources_from_other_hosts_but_allows_hyperlinks():
    html = (
        '<link rel="stylesheet" href="https://fonts.example.com/a.css">'
        '<img src="//cdn.example.com/x.png"><a href="https://verein.example.org/">Website</a>'
        '<img src="/static/img/logo.svg">'
    )
    assert third_party_resources(html, own_hosts=OWN_HOSTS) == [
        "<link href=https://fonts.example.com/a.css>",
        "<img src=//cdn.example.com/x.png>",
    ]
