"""Markdown as safe HTML in templates (see :mod:`ludwigsburg_portal.markup`).

``{% load markup %}{{ text|markdown }}`` renders the description subset,
``{{ text|markdown:"page" }}`` the subset of the staff-edited page texts.
"""

from django import template
from django.utils.safestring import mark_safe

from ludwigsburg_portal.markup import SUBSETS, render_markdown

register = template.Library()


@register.filter
def markdown(text, subset="description"):
    return mark_safe(render_markdown(text, SUBSETS[subset]))  # sanitised by nh3
