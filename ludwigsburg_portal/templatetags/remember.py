"""``{% remember "name" value … %}…{% endremember %}``: a fragment rendered once per
data version, language and values (``ludwigsburg_portal.versioned``).

For fragments that show nothing but the data and the language, such as a card of a
record: ``{% remember "actor-card" actor.pk heading %}``. The values must name
everything else the fragment depends on (a list counts by its items, a record by its
primary key). Unlike Django's ``{% cache %}`` there is no
lifetime and no shared cache: every write makes every remembered fragment stale, in
every process, on its next request.
"""

from django import template
from django.utils.safestring import mark_safe

from ludwigsburg_portal import versioned

register = template.Library()


class RememberNode(template.Node):
    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values

    def render(self, context):
        key = versioned.language_key(
            "fragment", *(_hashable(value.resolve(context)) for value in self.values)
        )
        return versioned.remember(key, lambda: mark_safe(self.nodelist.render(context)))


def _hashable(value):
    """A list counts by its items, records by their primary key."""
    if isinstance(value, list | tuple):
        return tuple(_hashable(item) for item in value)
    return getattr(value, "pk", value)


@register.tag
def remember(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name and the values it depends on")
    nodelist = parser.parse(("endremember",))
    parser.delete_first_token()
    return RememberNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])
