"""Writes atlas/data/small-countries.json: a point for every country too small for the
1:110m shapes the world map draws (Cabo Verde, Mauritius, Samoa …).

The points come from Natural Earth's 1:50m countries in the same npm package
(world-atlas 2.0.2): the centroid of each country's largest polygon. Run it again only
when the vendored shapes change:

    npm install --prefix /tmp/atlas world-atlas@2.0.2
    .venv/bin/python scripts/atlas_small_countries.py /tmp/atlas/node_modules/world-atlas
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pycountry

from atlas.worldmap import DATA, SMALL_COUNTRIES, TOPOLOGY, decode


def ring_area_and_centroid(ring):
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        xs, ys = zip(*ring, strict=True)
        return 0.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    return abs(area / 2), (cx / (3 * area), cy / (3 * area))


def main(package: Path) -> None:
    drawn = set(decode(json.loads(TOPOLOGY.read_text())))
    detailed = decode(json.loads((package / "countries-50m.json").read_text()))
    alpha = {country.numeric: country.alpha_2 for country in pycountry.countries}
    points = {}
    for numeric, (_name, polygons) in sorted(detailed.items()):
        if numeric in drawn or numeric not in alpha:
            continue
        _area, (lon, lat) = max(ring_area_and_centroid(polygon[0]) for polygon in polygons)
        points[alpha[numeric]] = [round(lon, 2), round(lat, 2)]
    lines = [f"  {json.dumps(code)}: {json.dumps(point)}" for code, point in sorted(points.items())]
    SMALL_COUNTRIES.write_text("{\n" + ",\n".join(lines) + "\n}\n")
    print(f"{len(points)} points written to {SMALL_COUNTRIES.relative_to(DATA.parent.parent)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
