"""SEO basics: titles, descriptions, canonical and OpenGraph tags, hreflang, sitemap, robots."""

import json
import re

import pytest
from django.conf import settings

from ludwigsburg_portal.publication import PublicationStatus
from tests.factories import ActorFactory, EventFactory, NetworkFactory
from tests.portal.html import Page

SITE = "Eine-Welt-Portal Ludwigsburg"


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/", SITE),
        ("/impressum/", f"Impressum – {SITE}"),
        ("/datenschutz/", f"Datenschutzerklärung – {SITE}"),
        ("/barrierefreiheit/", f"Erklärung zur Barrierefreiheit – {SITE}"),
        ("/leichte-sprache/", f"Leichte Sprache – {SITE}"),
        ("/koordinationsstelle/", f"Koordinationsstelle kommunale Entwicklungspolitik – {SITE}"),
    ],
)
def test_page_title_names_the_page_and_the_portal(client, db, url, title):
    html = client.get(url).content.decode()
    assert "".join(Page(html).text_by_tag["title"]).strip() == title


def test_pages_carry_canonical_description_and_opengraph_tags(client, db):
    page = Page(client.get("/datenschutz/").content.decode())
    canonical = settings.SITE_URL + "/datenschutz/"
    assert page.find_all("link", rel="canonical")[0]["href"] == canonical
    assert page.meta(prop="og:url") == canonical
    assert page.meta(prop="og:title") == "Datenschutzerklärung"
    assert page.meta(prop="og:type") == "website"
    assert page.meta(prop="og:locale") == "de_DE"
    assert page.meta(prop="og:site_name") == SITE
    assert "kein Tracking" in page.meta(name="description")
    assert page.meta(prop="og:description") == page.meta(name="description")


def test_canonical_link_keeps_the_page_number_but_not_filters_or_tracking(client, db):
    from tests.factories import ActorFactory

    ActorFactory.create_batch(25)
    second = Page(client.get("/akteure/?page=2&utm_source=x&art=association").content.decode())
    assert second.find_all("link", rel="canonical")[0]["href"] == (
        settings.SITE_URL + "/akteure/?page=2"
    )
    first = Page(client.get("/akteure/?page=1").content.decode())
    assert first.find_all("link", rel="canonical")[0]["href"] == settings.SITE_URL + "/akteure/"


def test_english_pages_have_english_locale_canonical_and_hreflang_alternates(client, db):
    page = Page(client.get("/en/impressum/").content.decode())
    assert page.find_all("html")[0]["lang"] == "en"
    assert page.find_all("link", rel="canonical")[0]["href"] == settings.SITE_URL + "/en/impressum/"
    assert page.meta(prop="og:locale") == "en_US"
    alternates = {
        a["hreflang"]: a["href"] for a in page.find_all("link", rel="alternate") if "hreflang" in a
    }
    assert alternates == {
        "de": settings.SITE_URL + "/impressum/",
        "en": settings.SITE_URL + "/en/impressum/",
    }


def test_language_switcher_links_to_the_same_page_in_the_other_language(client, db):
    page = Page(client.get("/akteure/?q=Schule").content.decode())
    english = page.find_all("a", hreflang="en", lang="en")
    assert english[0]["href"] == "/en/akteure/?q=Schule"
    # The <head> alternates pair with the canonical URL, which has no query string.
    head_alternate = page.find_all("link", rel="alternate", hreflang="en")[0]
    assert head_alternate["href"] == settings.SITE_URL + "/en/akteure/"
    german = Page(client.get("/en/akteure/").content.decode()).find_all("a", hreflang="de")
    assert german[0]["href"] == "/akteure/"


def _sitemap_urls(client) -> str:
    """The sitemap index and every section sitemap it lists, concatenated."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert "<sitemapindex" in index.content.decode()
    sections = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index.content.decode())
    assert sections
    return "".join(client.get(section).content.decode() for section in sections)


def test_sitemap_lists_published_records_in_both_languages_and_no_drafts(client, db):
    ActorFactory(slug="weltladen", status=PublicationStatus.PUBLISHED)
    ActorFactory(slug="geheimer-entwurf", status=PublicationStatus.DRAFT)
    ActorFactory(slug="wartet-auf-pruefung", status=PublicationStatus.PENDING)
    NetworkFactory(slug="ag-fairtrade")
    NetworkFactory(slug="archiviertes-netz", status=PublicationStatus.ARCHIVED)
    EventFactory(slug="fairer-markt")
    EventFactory(slug="entwurf-fest", status=PublicationStatus.DRAFT)

    xml = _sitemap_urls(client)

    for path in (
        "/akteure/weltladen/",
        "/netzwerke/ag-fairtrade/",
        "/veranstaltungen/fairer-markt/",
    ):
        assert f"<loc>http://testserver{path}</loc>" in xml
        assert f"<loc>http://testserver/en{path}</loc>" in xml
    assert "<loc>http://testserver/impressum/</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/akteure/weltladen/"' in xml
    for slug in ("geheimer-entwurf", "wartet-auf-pruefung", "archiviertes-netz", "entwurf-fest"):
        assert slug not in xml


def test_sitemap_splits_large_sections_into_pages(client, db, monkeypatch):
    from pages.sitemaps import ActorSitemap

    monkeypatch.setattr(ActorSitemap, "limit", 4)
    actors = ActorFactory.create_batch(3)  # 3 actors × 2 languages = 6 URLs → 2 pages

    index = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/sitemap-actors.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-actors.xml?p=2</loc>" in index
    locs = []
    for page in ("/sitemap-actors.xml", "/sitemap-actors.xml?p=2"):
        locs += re.findall(r"<url><loc>([^<]+)</loc>", client.get(page).content.decode())
    assert len(locs) == 6
    assert sorted(locs) == sorted(
        f"http://testserver{prefix}/akteure/{actor.slug}/"
        for actor in actors
        for prefix in ("", "/en")
    )
    assert client.get("/sitemap-actors.xml?p=99").status_code == 404
    assert client.get("/sitemap-unbekannt.xml").status_code == 404


def test_robots_txt_allows_the_portal_hides_the_admin_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *" in lines
    assert "Disallow: /verwaltung/" in lines
    assert "Disallow: /en/verwaltung/" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_home_describes_the_website_and_its_search_as_json_ld(client, db):
    page = Page(client.get("/").content.decode())
    scripts = [a for a in page.find_all("script") if a.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    html = client.get("/").content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "WebSite"
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["potentialAction"]["target"].endswith("/akteure/?q={search_term_string}")


def test_page_dates_follow_the_language(client, db):
    german = client.get("/impressum/").content.decode()
    english = client.get("/en/impressum/").content.decode()
    assert re.search(r"Stand:.*?\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}", german, re.S)
    assert re.search(r"[A-Z][a-z]{2}\.? \d{1,2}, \d{4}", english)


def test_home_event_dates_follow_the_language(client, db):
    import datetime

    from django.utils import timezone

    start = timezone.make_aware(datetime.datetime(2030, 3, 12, 18, 0))
    EventFactory(start=start, end=start + datetime.timedelta(hours=2))
    assert "12. März 2030" in client.get("/").content.decode()
    assert "March 12, 2030" in client.get("/en/").content.decode()
