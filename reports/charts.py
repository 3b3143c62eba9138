"""Small horizontal bar charts, drawn on the server.

One layout (:func:`layout`) and two drawings of it: SVG for the page and the PDF
(WeasyPrint draws SVG itself), PNG for the Word file (Pillow, already a dependency,
so no SVG converter is needed). Both show the value next to each bar, so the chart
carries its numbers as text (readable in the PDF's text and by screen readers).
"""

import io
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 640
LABEL_WIDTH = 250
VALUE_WIDTH = 60
ROW = 22
BAR = 14
PAD = 4
LABEL_CHARS = 34
FONT_SIZE = 12
BAR_COLOUR = "#0b5a52"  # the portal's theme colour, 7.4:1 on white
TEXT_COLOUR = "#1d1d1d"
FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif"


@dataclass(frozen=True)
class Bar:
    label: str  # shortened to fit
    full_label: str
    value: int | float
    value_label: str
    y: int
    width: int


@dataclass(frozen=True)
class Layout:
    bars: list[Bar]
    width: int
    height: int


def layout(items: list[dict]) -> Layout:
    """Bars for ``[{"label", "value"}, …]`` in the given order."""
    top = max((item["value"] for item in items), default=0) or 1
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, item in enumerate(items):
        label = item["label"]
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
        value = item["value"]
        bars.append(
            Bar(
                label=short,
                full_label=label,
                value=value,
                value_label=number_format(value, force_grouping=True),
                y=PAD + index * ROW,
                width=max(round(area * value / top), 1 if value else 0),
            )
        )
    return Layout(bars=bars, width=WIDTH, height=PAD * 2 + len(items) * ROW)


def svg(items: list[dict], *, title: str) -> SafeString:
    """An inline ``<svg>`` (no style attributes: the portal's CSP allows none)."""
    chart = layout(items)
    text_y = (ROW + FONT_SIZE) // 2 - 2
    rows = format_html_join(
        "",
        '<g><title>{}: {}</title><text x="{}" y="{}">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}">{}</text></g>',
        (
            (
                bar.full_label,
                bar.value_label,
                0,
                bar.y + text_y,
                bar.label,
                LABEL_WIDTH,
                bar.y + (ROW - BAR) // 2,
                bar.width,
                BAR,
                BAR_COLOUR,
                LABEL_WIDTH + bar.width + 6,
                bar.y + text_y,
                bar.value_label,
            )
            for bar in chart.bars
        ),
    )
    return format_html(
        '<svg class="report-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="{font}" '
        'font-size="{size}" fill="{colour}"><title>{title}</title>{rows}</svg>',
        w=chart.width,
        h=chart.height,
        font=FONT_FAMILY,
        size=FONT_SIZE,
        colour=TEXT_COLOUR,
        title=title,
        rows=rows,
    )


def png(items: list[dict], *, scale: int = 2) -> bytes:
    """The same chart as a PNG (for the Word file), ``scale`` times the SVG's size."""
    from PIL import Image, ImageDraw, ImageFont

    chart = layout(items)
    image = Image.new("RGB", (chart.width * scale, chart.height * scale), "white")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", FONT_SIZE * scale)
    except OSError:  # no DejaVu on this machine: Pillow's own scalable font
        font = ImageFont.load_default(FONT_SIZE * scale)
    for bar in chart.bars:
        middle = (bar.y + ROW // 2) * scale
        draw.text((0, middle), bar.label, font=font, fill=TEXT_COLOUR, anchor="lm")
        top = (bar.y + (ROW - BAR) // 2) * scale
        if bar.width:
            draw.rectangle(
                [LABEL_WIDTH * scale, top, (LABEL_WIDTH + bar.width) * scale, top + BAR * scale],
                fill=BAR_COLOUR,
            )
        draw.text(
            ((LABEL_WIDTH + bar.width + 6) * scale, middle),
            bar.value_label,
            font=font,
            fill=TEXT_COLOUR,
            anchor="lm",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
