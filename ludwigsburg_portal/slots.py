"""Named places in the domain's templates that feature apps fill from above.

A domain template marks a place and passes what it knows::

    {% load slots %}{% slot "actor_detail_end" actor=actor %}

A feature app fills it in its ``AppConfig.ready()``, so the domain never loads the
feature's template tags::

    slots.fill("actor_detail_end", "opendata/includes/calendar_subscribe.html",
               data=lambda context, actor: {...}, order=20)

A filler is either a template name, rendered like an inclusion tag (with what ``data``
returns, or with the slot's keyword arguments when there is no ``data``), or a
callable ``(context, **kwargs) -> str`` that returns safe HTML. Fillers render by
``order`` (lower first), then in the order they were filled; an empty slot renders
nothing. Each filler's output is on its own line.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template import Context
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Filler:
    key: object  # the template name, or the callable itself
    template_name: str | None
    render_callable: Callable[..., str] | None
    data: Callable[..., dict[str, Any]] | None
    order: int

    def render(self, context: Context, kwargs: dict[str, Any]) -> str:
        if self.render_callable is not None:
            return self.render_callable(context, **kwargs)
        values = self.data(context, **kwargs) if self.data is not None else dict(kwargs)
        template = context.template.engine.get_template(self.template_name)
        new_context = context.new(values)
        # As Django's inclusion tags do: forms in a filler keep the page's CSRF token.
        csrf_token = context.get("csrf_token")
        if csrf_token is not None:
            new_context["csrf_token"] = csrf_token
        return template.render(new_context)


_slots: dict[str, list[Filler]] = {}


def fill(
    slot: str,
    filler: str | Callable[..., str],
    *,
    data: Callable[..., dict[str, Any]] | None = None,
    order: int = 100,
) -> None:
    """Add ``filler`` (a template name or a callable) to ``slot``. Filling the same slot
    with the same template name or the same function again replaces the earlier entry,
    so a ``ready()`` that runs twice does not show a part twice."""
    if isinstance(filler, str):
        entry = Filler(filler, filler, None, data, order)
    else:
        entry = Filler(filler, None, filler, None, order)
    fillers = [existing for existing in _slots.get(slot, []) if existing.key != entry.key]
    fillers.append(entry)
    _slots[slot] = sorted(fillers, key=lambda f: f.order)  # stable: ties keep fill order


def fillers(slot: str) -> list[Filler]:
    return list(_slots.get(slot, []))


def render(slot: str, context: Context, /, **kwargs) -> SafeString:
    parts = [filler.render(context, kwargs) for filler in _slots.get(slot, [])]
    return mark_safe("\n".join(part for part in parts if part))  # each part is rendered HTML
