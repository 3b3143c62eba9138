from django import template

from reports import charts

register = template.Library()


@register.simple_tag
def report_chart(block):
    """``{% report_chart block %}``: the inline SVG of a ``chart`` block."""
    return charts.svg(block["items"], title=block["title"])


@register.filter
def in_list(value, items) -> bool:
    return value in items
