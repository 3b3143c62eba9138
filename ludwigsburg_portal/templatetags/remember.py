"""``{% remember "name" value … %}…{% endremember %}``: a fragment rendered once per
data version, language and values (``ludwigsburg_portal.versioned``).

For fragments that show nothing but the data and the language, such as a card of a
record: ``{% remember "actor-card" actor.pk heading %}``. The values must name
everything else the fragment depends on (a list counts by its items, a record by its
primary key). Unlike Django's ``{% cache %}`` there is no
lifetime and no shared cache: every write makes every remembered fragment stale, in
every process, on its next request.

``{% hole %}…{% endhole %}`` inside a remembered fragment is written afresh on every
request: the few words of a page's chrome that depend on its address or on the
visitor (the language switcher's links, the site search's value, the edit links at
the end of a profile). A hole sees the context of the page around the fragment, not
variables that the fragment itself sets (no holes inside ``{% for %}`` or ``{% with %}``
of the fragment). Outside ``{% remember %}`` a hole is plain content.
"""

import secrets

from django import template
from django.utils.safestring import mark_safe

from ludwigsburg_portal import versioned

register = template.Library()

# Stands for a hole in a remembered fragment: unguessable, so no content can fake one.
_MARK = f"\x00hole-{secrets.token_hex(8)}\x00"
_FILLING = "_remember_filling_holes"


class HoleNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.index = None  # position among the holes of its fragment

    def render(self, context):
        if self.index is not None and context.get(_FILLING) is not None:
            return f"{_MARK}{self.index}{_MARK}"
        return self.nodelist.render(context)


class RememberNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values
        self.holes = nodelist.get_nodes_by_type(HoleNode)
        for index, hole in enumerate(self.holes):
            hole.index = index

    def render(self, context):
        key = versioned.language_key(
            "fragment", *(_hashable(value.resolve(context)) for value in self.values)
        )
        parts = versioned.remember(key, lambda: self.fill(context))
        if len(parts) == 1:
            return mark_safe(parts[0])
        return mark_safe(
            "".join(
                part if i % 2 == 0 else self.holes[int(part)].nodelist.render(context)
                for i, part in enumerate(parts)
            )
        )

    def fill(self, context) -> tuple[str, ...]:
        """The fragment as text and hole numbers, alternating (text first and last)."""
        if not self.holes:
            return (self.nodelist.render(context),)
        with context.push({_FILLING: True}):
            rendered = self.nodelist.render(context)
        return tuple(rendered.split(_MARK))


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


@register.tag
def hole(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% hole %} takes no arguments")
    nodelist = parser.parse(("endhole",))
    parser.delete_first_token()
    return HoleNode(nodelist)
