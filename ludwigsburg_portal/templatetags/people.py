"""``{% load people %}{{ user|display_name }}``: a person by name or address."""

from django import template

from ludwigsburg_portal.people import display_name as _display_name

register = template.Library()


@register.filter
def display_name(user) -> str:
    return _display_name(user)
