"""What the search adds to the domain's pages: "Meinten Sie …?" and the same text in the
whole portal when the directory finds nothing (filled from :meth:`SearchConfig.ready`)."""

from ludwigsburg_portal import slots

from .templatetags.search import did_you_mean


def fill_slots() -> None:
    slots.fill(
        "actor_list_search_hints",
        "search/includes/did_you_mean.html",
        data=lambda context, search_text: did_you_mean(context, search_text),
    )
