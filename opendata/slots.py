"""What open data adds to the domain's pages: the calendar subscription links under an
actor, a network and the event list (filled from :meth:`OpendataConfig.ready`)."""

from ludwigsburg_portal import slots

from .templatetags.opendata import calendar_subscribe

CALENDAR = "opendata/includes/calendar_subscribe.html"


def fill_slots() -> None:
    # After the actor's picture (atlas, 10), before claim / edit (self-service, 30).
    slots.fill(
        "actor_detail_end",
        CALENDAR,
        data=lambda context, actor: calendar_subscribe(actor=actor),
        order=20,
    )
    slots.fill(
        "network_detail_end",
        CALENDAR,
        data=lambda context, network: calendar_subscribe(network=network),
    )
    slots.fill("event_list_end", CALENDAR, data=lambda context: calendar_subscribe())
