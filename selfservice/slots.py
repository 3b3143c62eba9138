"""What self-service adds to the domain's pages: "edit" or "claim" at the end of an actor
page (filled from :meth:`SelfserviceConfig.ready`)."""

from ludwigsburg_portal import slots

from .templatetags.selfservice import actor_selfservice


def fill_slots() -> None:
    # Last on the actor page, after its picture (atlas, 10) and calendar (opendata, 20).
    slots.fill(
        "actor_detail_end",
        "selfservice/includes/actor_links.html",
        data=lambda context, actor: actor_selfservice(context, actor=actor),
        order=30,
    )
