"""What the atlas adds to the domain's pages: an actor's neighbourhood picture and the
directory's filters as a network picture and on the world map (filled from
:meth:`AtlasConfig.ready`)."""

from ludwigsburg_portal import slots

from .templatetags.atlas import actor_neighbourhood, directory_views


def neighbourhood(context, *, actor) -> str:
    return actor_neighbourhood(actor)


def fill_slots() -> None:
    # First after the actor's own sections, before calendar (20) and claim / edit (30).
    slots.fill("actor_detail_end", neighbourhood, order=10)
    slots.fill(
        "actor_list_results",
        "atlas/includes/directory_views.html",
        data=lambda context, form: directory_views(form),
    )
