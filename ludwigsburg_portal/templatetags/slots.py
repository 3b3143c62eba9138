"""``{% load slots %}{% slot "name" key=value %}``: the place a feature app fills from
above (see :mod:`ludwigsburg_portal.slots`)."""

from django import template

from .. import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, slot_name: str, /, **kwargs):
    # Positional-only, so a slot may pass any keyword (also ``name``) to its fillers.
    return slots.render(slot_name, context, **kwargs)
