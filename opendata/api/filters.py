"""The API's query parameters: the domain FilterSets under their documented English names.

The filters themselves, their validation, the handling of values that are not
understood and the order of the results are those of the pages (``actors/filters.py``,
``networks/filters.py``, ``events/filters.py``); only the parameter names and their
descriptions (the OpenAPI document) are the API's own. A value that is not understood
is left out, as on the pages, and named in the ``Ignored-Filters`` response header.
"""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field

from actors.filters import ActorFilterSet
from events.filters import EventFilterSet
from ludwigsburg_portal.filtering import with_parameter_names
from networks.filters import NetworkFilterSet

IGNORED_FILTERS_HEADER = "Ignored-Filters"
IGNORED = " Not understood: left out and named in the Ignored-Filters header."

ActorFilter = with_parameter_names(
    ActorFilterSet,
    {
        "q": ("q", "German full-text search (by relevance)."),
        "art": ("kind", "Actor kind." + IGNORED),
        "thema": ("topic", "Topic slug." + IGNORED),
        "sdg": ("sdg", "SDG number 1–17." + IGNORED),
        "stadtteil": ("district", "District of Ludwigsburg." + IGNORED),
        "land": ("region", "Partner country or region slug." + IGNORED),
        "netzwerk": ("network", "Network slug: its current members." + IGNORED),
    },
    name="ActorFilter",
)
extend_schema_field(
    {"type": "integer", "minimum": 1, "maximum": 17, "description": "SDG number 1–17." + IGNORED}
)(ActorFilter.base_filters["sdg"])

NetworkFilter = with_parameter_names(
    NetworkFilterSet,
    {
        "q": ("q", "German full-text search, as for actors: name, host, kind, description."),
        "ebene": ("level", "Political level." + IGNORED),
        "art": ("kind", "Kind of network." + IGNORED),
    },
    name="NetworkFilter",
)

EventFilter = with_parameter_names(
    EventFilterSet,
    {
        "q": (
            "q",
            "German full-text search (as for actors): title, description, place, organiser, "
            "participants.",
        ),
        "zeitraum": (
            "when",
            "upcoming: not ended yet, soonest first; past: ended, latest first. "
            "Default: all, soonest first." + IGNORED,
        ),
        "ebene": ("level", "Political level." + IGNORED),
        "thema": ("topic", "Topic slug; events with a participant on it." + IGNORED),
        "rolle": ("role", "Participation role (with actor: that actor's role)." + IGNORED),
        "akteur": ("actor", "Slug of a participating actor." + IGNORED),
        "netzwerk": (
            "network",
            "Network slug; events with a participating current member." + IGNORED,
        ),
        "von": ("start_from", "Starts on or after (date)." + IGNORED),
        "bis": ("start_to", "Starts on or before (date)." + IGNORED),
    },
    name="EventFilter",
)


class LenientFilterBackend(DjangoFilterBackend):
    """Applies what is understood; records the rest for the Ignored-Filters header."""

    raise_exception = False

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        request.ignored_filters = filterset.ignored
        request.filterset = filterset  # its count() for the pagination
        return filterset.qs
