"""The world map of partner countries, drawn on the server from Natural Earth shapes.

The shapes are Natural Earth's 1:110m countries as TopoJSON, shipped with the project
(``atlas/data/countries-110m.json`` from the npm package world-atlas 2.0.2, see
``atlas/data/README.md``); countries too small for that scale are drawn as a dot at a
point taken from the 1:50m shapes (``small-countries.json``). Nothing is loaded from
another host.

The projection is Equal Earth (Šavrič, Patterson and Jenny 2018), an equal-area
projection: a country's area on the map is true to its area on the globe, so large
countries do not look more important than they are (as they would in Web Mercator).
Each country is projected once per process into an SVG path with relative coordinates
rounded to a tenth of a unit, which keeps the page small.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pycountry

DATA = Path(__file__).resolve().parent / "data"
TOPOLOGY = DATA / "countries-110m.json"
SMALL_COUNTRIES = DATA / "small-countries.json"

# Equal Earth's polynomial coefficients.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2

WIDTH = 1000.0
SCALE = WIDTH / (2 * 2 * math.sqrt(3) * math.pi / (3 * A1))  # x spans [-π…π] → [0, WIDTH]
# Antarctica is left out (nobody names it as a partner); the map ends south of Cape Horn.
LEFT_OUT = {"010"}
NORTH, SOUTH = 84.0, -57.0


def _equal_earth_units(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * math.sqrt(3)
        * lam
        * math.cos(theta)
        / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    )
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


_TOP = _equal_earth_units(0, NORTH)[1]
HEIGHT = round(SCALE * (_TOP - _equal_earth_units(0, SOUTH)[1]), 1)


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth in map units: x from 0 (180° W) to WIDTH, y from 0 (NORTH) downwards."""
    x, y = _equal_earth_units(lon, lat)
    return WIDTH / 2 + SCALE * x, SCALE * (_TOP - y)


def decode(topology: dict, object_name: str = "countries") -> dict[str, tuple[str, list]]:
    """{id: (name, polygons)} from a TopoJSON topology; each polygon is a list of rings
    of (lon, lat). Arcs are delta-encoded and quantized (the TopoJSON specification)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    shapes = {}
    for geometry in topology["objects"][object_name]["geometries"]:
        if "id" not in geometry:
            continue  # disputed areas without an ISO code
        if geometry["type"] == "Polygon":
            polygons = [[ring(r) for r in geometry["arcs"]]]
        elif geometry["type"] == "MultiPolygon":
            polygons = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        shapes[geometry["id"]] = (geometry.get("properties", {}).get("name", ""), polygons)
    return shapes


def _number(tenths: int) -> str:
    if tenths % 10 == 0:
        return str(tenths // 10)
    text = f"{tenths / 10:.1f}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _join(numbers: list[int]) -> str:
    out = []
    for n in numbers:
        text = _number(n)
        if out and not text.startswith("-"):
            out.append(" ")
        out.append(text)
    return "".join(out)


def _unwrap(ring):
    """The ring with longitudes made continuous (170, -175 → 170, 185)."""
    out, offset = [ring[0]], 0.0
    for lon, lat in ring[1:]:
        lon += offset
        if lon - out[-1][0] > 180:
            offset -= 360
            lon -= 360
        elif lon - out[-1][0] < -180:
            offset += 360
            lon += 360
        out.append((lon, lat))
    return out


def _clip(ring, limit: float, *, keep_below: bool):
    """Sutherland–Hodgman: the part of ``ring`` west (or east) of the meridian ``limit``."""

    def inside(point):
        return point[0] <= limit if keep_below else point[0] >= limit

    def crossing(a, b):
        t = (limit - a[0]) / (b[0] - a[0])
        return (limit, a[1] + t * (b[1] - a[1]))

    out = []
    for index, current in enumerate(ring):
        previous = ring[index - 1]
        if inside(current):
            if not inside(previous):
                out.append(crossing(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(crossing(previous, current))
    return out


def split_at_antimeridian(ring) -> list:
    """Natural Earth's 1:110m rings cross the 180th meridian (Russia, Fiji); on a flat map
    each becomes the pieces on either side, moved back into [-180, 180]."""
    ring = _unwrap(ring)
    low, high = min(p[0] for p in ring), max(p[0] for p in ring)
    if low >= -180 and high <= 180:
        return [ring]
    limit = 180.0 if high > 180 else -180.0
    shift = -360.0 if high > 180 else 360.0
    near = _clip(ring, limit, keep_below=high > 180)
    far = [(lon + shift, lat) for lon, lat in _clip(ring, limit, keep_below=high <= 180)]
    return [piece for piece in (near, far) if len(piece) >= 3]


def svg_path(polygons, *, split: bool = True) -> str:
    """Projected rings as one path: absolute start, then relative steps in tenths."""
    parts = []
    for polygon in polygons:
        pieces = (split_at_antimeridian(ring) if split else [ring] for ring in polygon)
        for ring in (piece for group in pieces for piece in group):
            points = []
            for lon, lat in ring:
                x, y = equal_earth(lon, lat)
                point = (round(x * 10), round(y * 10))
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) < 3:
                continue
            (x0, y0), steps = points[0], []
            previous = points[0]
            for point in points[1:]:
                steps += [point[0] - previous[0], point[1] - previous[1]]
                previous = point
            parts.append(f"M{_join([x0, y0])}l{_join(steps)}z")
    return "".join(parts)


@dataclass(frozen=True)
class Shape:
    code: str  # ISO 3166-1 alpha-2
    path: str = ""  # an outline, or
    dot: tuple[float, float] | None = None  # a point for a country too small for the scale


@functools.cache
def shapes() -> dict[str, Shape]:
    """Every country on the map by alpha-2 code, projected once per process."""
    alpha_by_numeric = {country.numeric: country.alpha_2 for country in pycountry.countries}
    found = {}
    topology = json.loads(TOPOLOGY.read_text())
    for numeric, (_name, polygons) in decode(topology).items():
        code = alpha_by_numeric.get(numeric)
        if code and numeric not in LEFT_OUT:
            found[code] = Shape(code, path=svg_path(polygons))
    for code, (lon, lat) in json.loads(SMALL_COUNTRIES.read_text()).items():
        if code not in found:
            x, y = equal_earth(lon, lat)
            found[code] = Shape(code, dot=(round(x, 1), round(y, 1)))
    return found


@functools.cache
def outline_path() -> str:
    """The map's edge: the 180th meridians and the parallels where the map is cut."""
    west = [(-180.0, lat) for lat in range(int(SOUTH), int(NORTH) + 1, 3)]
    east = [(180.0, lat) for lat in range(int(NORTH), int(SOUTH) - 1, -3)]
    return svg_path([[west + east]], split=False)


# --- Shading ----------------------------------------------------------------------------

_NICE = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]
CLASSES = 5


def class_bounds(counts) -> list[int]:
    """Lower bounds of up to five shading classes for the actor ``counts`` (all ≥ 1).

    Few different numbers: one class each. Otherwise steps spaced evenly on a log scale
    from the smallest to the largest count, as "nice" numbers when the counts span more
    than a factor of ten, so a legend reads "1–2, 3–9, 10–49, …" or "11–12, 13–14, …".
    """
    values = sorted(set(counts))
    if len(values) <= CLASSES:
        return values
    low, high = values[0], values[-1]
    bounds = [low]
    for i in range(1, CLASSES):
        target = low * (high / low) ** (i / CLASSES)
        if high / low >= 10:
            step = min(_NICE, key=lambda n: abs(math.log(n) - math.log(target)))
        else:
            step = round(target)
        if bounds[-1] < step <= high:
            bounds.append(step)
    return bounds


def shade(count: int, bounds: list[int]) -> int:
    """The class (1 = lightest) of ``count``; 0 for none."""
    level = 0
    for index, bound in enumerate(bounds, start=1):
        if count >= bound:
            level = index
    return level
