"""/partnerlaender/: the world map, its lists and table, and the countries behind it."""

import importlib
import math
import re

import pytest
from django.urls import reverse
from django.utils import translation

from actors.countries import code_for_name, country_choices, country_name
from actors.models import Region
from atlas import worldmap
from tests.atlas.helpers import main_html, text_of
from tests.factories import ActorFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = reverse("atlas:world_map")
SHADED = re.compile(
    r'<a href="(?P<href>[^"]+)" class="worldmap__country worldmap__country--(?P<shade>\d)"'
    r' aria-label="(?P<label>[^"]+)"><title>[^<]+</title><(?P<shape>path|circle)'
)


@pytest.fixture
def partners(db):
    togo = RegionFactory(name="Togo", slug="togo", iso_code="TG")
    peru = RegionFactory(name="Peru", slug="peru", iso_code="PE")
    cabo_verde = RegionFactory(name="Kap Verde", slug="kap-verde", iso_code="CV")
    sahel = RegionFactory(name="Sahelzone", slug="sahel")
    ActorFactory(regions=[togo, sahel], tags=["Kaffee"])
    ActorFactory(regions=[togo, cabo_verde])
    ActorFactory(regions=[peru], status="draft")
    return {"togo": togo, "peru": peru, "cabo_verde": cabo_verde, "sahel": sahel}


def shaded(response) -> dict[str, dict]:
    return {
        m["label"].split(":")[0]: m.groupdict() for m in SHADED.finditer(response.content.decode())
    }


def test_map_shades_a_country_an_actor_names_and_links_the_filtered_directory(client, partners):
    response = client.get(URL)
    assert response.status_code == 200
    countries = shaded(response)
    assert countries["Togo"]["href"] == f"{reverse('actors:list')}?land=togo"
    assert countries["Togo"]["label"] == "Togo: 2 Akteure"
    assert countries["Togo"]["shape"] == "path"
    # Too small for the 1:110m shapes: drawn as a dot.
    assert countries["Kap Verde"]["shape"] == "circle"
    # Only a draft actor names Peru.
    assert "Peru" not in countries and "Peru" not in text_of(main_html(response))
    # The link leads to exactly those actors.
    directory = client.get(countries["Togo"]["href"])
    assert directory.context["result_count"] == 2


def test_more_actors_give_a_darker_shade(client, partners):
    countries = shaded(client.get(URL))
    assert int(countries["Togo"]["shade"]) > int(countries["Kap Verde"]["shade"])


def test_regions_that_are_no_country_are_listed_beside_the_map(client, partners):
    html = main_html(client.get(URL))
    beside = html[html.index('id="regions-heading"') : html.index("countries-heading")]
    assert f'href="{reverse("actors:list")}?land=sahel">Sahelzone</a>' in beside
    assert "Sahelzone" not in html[: html.index('id="regions-heading"')]


def test_table_lists_every_partner_country_with_its_count_and_link(client, partners):
    html = main_html(client.get(URL))
    table = html[html.index('id="countries-heading"') :]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="numeric">(\d+)</td>', table)
    assert rows == [("Kap Verde", "1"), ("Togo", "2")]
    assert f'href="{reverse("actors:list")}?land=kap-verde"' in table


def test_directory_filters_narrow_the_map_and_stay_in_its_links(client, partners):
    response = client.get(URL, {"thema": "kaffee", "land": "peru"})
    countries = shaded(response)
    assert set(countries) == {"Togo"}
    assert countries["Togo"]["href"] == f"{reverse('actors:list')}?thema=kaffee&amp;land=togo"


def test_unknown_filter_values_are_named_and_the_map_still_drawn(client, partners):
    response = client.get(URL, {"sdg": "99", "thema": "<b>"})
    assert response.status_code == 200
    assert "Es gibt nur die Ziele 1 bis 17." in text_of(main_html(response))
    assert "Togo" in shaded(response)


def test_map_without_partner_countries_says_so(client, db):
    text = text_of(main_html(client.get(URL)))
    assert "Noch nennt kein veröffentlichter Akteur ein Partnerland." in text


@pytest.mark.parametrize("language", ["de", "en"])
def test_map_page_in_both_languages(client, partners, language):
    with translation.override(language):
        url = reverse("atlas:world_map")
        directory = reverse("actors:list")
    response = client.get(url)
    assert f'<html lang="{language}">' in response.content.decode()
    assert shaded(response)["Togo"]["href"] == f"{directory}?land=togo"


def test_map_page_stays_small(client, partners):
    import gzip

    assert len(gzip.compress(client.get(URL).content)) < 60_000


# --- Geometry ---------------------------------------------------------------------------


def projected_area(lon0, lat0, lon1, lat1, steps=40):
    ring = [(lon0 + (lon1 - lon0) * i / steps, lat0) for i in range(steps)]
    ring += [(lon1, lat0 + (lat1 - lat0) * i / steps) for i in range(steps)]
    ring += [(lon1 - (lon1 - lon0) * i / steps, lat1) for i in range(steps)]
    ring += [(lon0, lat1 - (lat1 - lat0) * i / steps) for i in range(steps)]
    points = [worldmap.equal_earth(lon, lat) for lon, lat in ring]
    return (
        abs(
            sum(
                x0 * y1 - x1 * y0
                for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)
            )
        )
        / 2
    )


def test_projection_is_equal_area():
    # Equal areas on the globe (a band of 10° x 10° at the equator and one near 60° N scaled
    # by the ratio of their true areas) have equal areas on the map.
    equator = projected_area(0, 0, 10, 10)
    north = projected_area(0, 55, 10, 65)
    true_ratio = (math.sin(math.radians(65)) - math.sin(math.radians(55))) / math.sin(
        math.radians(10)
    )
    assert north / equator == pytest.approx(true_ratio, rel=0.01)


def test_countries_across_the_180th_meridian_are_split_not_drawn_across_the_map():
    for code in ("RU", "FJ", "US"):
        path = worldmap.shapes()[code].path
        for step in re.findall(r"l([^Mz]*)", path):
            numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", step)]
            assert all(abs(dx) < 400 for dx in numbers[0::2]), code


# --- Countries for regions ----------------------------------------------------------------


def test_countries_have_german_and_english_names_from_the_iso_list():
    assert country_name("TZ", "de") == "Tansania"
    assert country_name("TZ", "en") == "Tanzania"
    assert code_for_name("Elfenbeinküste") in ("", "CI")
    assert code_for_name("Bolivien") == "BO"
    with translation.override("de"):
        names = [name for _code, name in country_choices()]
    assert names.index("Äthiopien") < names.index("Belgien")  # sorted as in an atlas


def test_staff_pick_a_country_from_the_list_and_its_name_follows(staff_client):
    response = staff_client.get(reverse("admin:actors_region_add"))
    assert '<option value="MZ">Mosambik</option>' in response.content.decode()
    response = staff_client.post(
        reverse("admin:actors_region_add"), {"iso_code": "MZ", "name": "", "slug": ""}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    region = Region.objects.get(iso_code="MZ")
    assert (region.name, region.slug) == ("Mosambik", "mosambik")


def test_a_country_can_be_entered_once_and_a_region_needs_a_name(staff_client, partners):
    response = staff_client.post(
        reverse("admin:actors_region_add"), {"iso_code": "TG", "name": "Togo (2)", "slug": ""}
    )
    assert response.status_code == 200
    assert "Dieses Land ist bereits als Partnerland erfasst." in response.content.decode()
    response = staff_client.post(
        reverse("admin:actors_region_add"), {"iso_code": "", "name": "", "slug": ""}
    )
    assert "Bitte wählen Sie ein Land oder geben Sie den Namen der Region ein." in (
        response.content.decode()
    )


def test_migration_gives_existing_countries_their_code_and_leaves_regions_without(db):
    from django.apps import apps

    migration = importlib.import_module("actors.migrations.0008_region_iso_code")
    bolivia = RegionFactory(name="Bolivien", slug="demo-bolivien")
    sahel = RegionFactory(name="Afrika südlich der Sahara", slug="subsahara")
    migration.codes_for_existing_regions(apps, None)
    bolivia.refresh_from_db()
    sahel.refresh_from_db()
    assert (bolivia.iso_code, sahel.iso_code) == ("BO", "")
