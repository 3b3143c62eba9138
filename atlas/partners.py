"""Partner countries and regions with the number of published actors naming them."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from actors.countries import name_sort_key
from actors.models import Actor, Region

from . import worldmap
from .pictures import cache_key, cache_seconds


@dataclass
class Partner:
    region: Region
    count: int
    url: str  # the directory filtered by this country or region (and the other filters)
    shade: int = 0
    on_map: str = ""  # "shape", "dot" or "" (not drawn)
    path: str = ""
    dot: tuple[float, float] | None = None


def partners(actors, *, parameters: dict[str, str]) -> list[Partner]:
    """Every region at least one of ``actors`` names, by name; two queries. Unfiltered
    (no ``parameters``, every published actor) the counts are the database's own."""
    counts = actors.count_per_region() if parameters else Actor.objects.published_per_region()
    directory = reverse("actors:list")
    found = []
    regions = sorted(
        Region.objects.filter(pk__in=counts), key=lambda r: (name_sort_key(r.name), r.pk)
    )
    for region in regions:
        query = urlencode({**parameters, "land": region.slug})
        found.append(Partner(region, counts[region.pk], f"{directory}?{query}"))
    return found


def world_map_html(actors, *, parameters: dict[str, str]) -> tuple[str, list[Partner]]:
    """The map, its legend and the lists beside it (cached like the network pictures)."""
    key = cache_key("worldmap", parameters)
    cached = cache.get(key)
    if cached is not None:
        return cached
    found = partners(actors, parameters=parameters)
    shapes = worldmap.shapes()
    countries = [p for p in found if p.region.iso_code]
    bounds = worldmap.class_bounds([p.count for p in countries])
    shaded_codes = set()
    for partner in countries:
        partner.shade = worldmap.shade(partner.count, bounds)
        shape = shapes.get(partner.region.iso_code)
        if shape is not None and shape.path:
            partner.on_map, partner.path = "shape", shape.path
        elif shape is not None:
            partner.on_map, partner.dot = "dot", shape.dot
        if partner.on_map:
            shaded_codes.add(partner.region.iso_code)
    land = "".join(
        shape.path
        for code, shape in sorted(shapes.items())
        if shape.path and code not in shaded_codes
    )
    # One class per number when there are few; the last class is then no "and more".
    exact = bounds == sorted({p.count for p in countries})
    legend = []
    for index, bound in enumerate(bounds, start=1):
        upper = bounds[index] - 1 if index < len(bounds) else (bound if exact else None)
        legend.append({"shade": index, "low": bound, "high": upper})
    html = render_to_string(
        "atlas/includes/world_map.html",
        {
            "width": int(worldmap.WIDTH),
            "height": worldmap.HEIGHT,
            "outline": worldmap.outline_path(),
            "land": land,
            "countries": countries,
            "drawn": [p for p in countries if p.on_map],
            "not_drawn": [p for p in countries if not p.on_map],
            "regions": [p for p in found if not p.region.iso_code],
            "legend": legend,
        },
    )
    result = (html, found)
    cache.set(key, result, cache_seconds())
    return result
