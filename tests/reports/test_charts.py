"""Server-drawn bar charts: SVG for the page and PDF, PNG for the Word file."""

import io

from PIL import Image

from reports import charts
from tests.portal.html import Page

ITEMS = [
    {"label": "Verein (e.V.)", "value": 1200},
    {"label": "Weltladen", "value": 30},
    {"label": "Eine sehr lange Bezeichnung einer Art von Akteur, die nicht passt", "value": 0},
]


def test_svg_chart_carries_its_labels_and_values_without_style_attributes():
    svg = charts.svg(ITEMS, title="Akteure nach Art")
    page = Page(svg)
    assert "Akteure nach Art" in svg
    assert "1.200" in svg and "Weltladen" in svg  # German grouping
    assert "…" in svg  # long labels are shortened, the full one is in the <title>
    assert "die nicht passt: 0" in svg
    assert not any("style" in attrs for _tag, attrs in page.tags)
    widths = [int(attrs["width"]) for tag, attrs in page.tags if tag == "rect"]
    assert widths[0] > widths[1] > widths[2] == 0


def test_svg_chart_escapes_labels():
    svg = charts.svg([{"label": "<script>x</script>", "value": 1}], title="<b>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_png_chart_is_the_same_layout_twice_as_large():
    image = Image.open(io.BytesIO(charts.png(ITEMS)))
    layout = charts.layout(ITEMS)
    assert image.format == "PNG"
    assert image.size == (layout.width * 2, layout.height * 2)
