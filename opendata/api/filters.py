"""Query parameters of the API. The FilterSets declare and validate them (and so
document them in the OpenAPI schema); the filtering itself is the shared
directory layer in :mod:`opendata.filtering`."""

import django_filters
from django.utils.translation import gettext_lazy as _

from actors.models import ActorKind, District
from events.models import ParticipationRole
from ludwigsburg_portal.publication import Level
from networks.models import NetworkKind
from opendata import filtering

SEARCH_MAX_LENGTH = 200


class SharedLayerFilterSet(django_filters.FilterSet):
    """Validates the parameters, then hands them to one function of the filter layer."""

    filter_function = None

    def filter_queryset(self, queryset):
        values = {
            name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")
        }
        return type(self).filter_function(queryset, **values)


class ActorFilter(SharedLayerFilterSet):
    q = django_filters.CharFilter(
        label=_("Suche"), max_length=SEARCH_MAX_LENGTH, help_text="German full-text search."
    )
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=ActorKind.choices)
    topic = django_filters.CharFilter(label=_("Thema"), max_length=100, help_text="Topic slug.")
    sdg = django_filters.NumberFilter(
        label=_("Nachhaltigkeitsziel"), min_value=1, max_value=17, help_text="SDG number 1–17."
    )
    district = django_filters.ChoiceFilter(label=_("Stadtteil"), choices=District.choices)
    region = django_filters.CharFilter(
        label=_("Partnerland / Region"), max_length=120, help_text="Region slug."
    )
    network = django_filters.CharFilter(
        label=_("Netzwerk"), max_length=200, help_text="Network slug; its current members."
    )

    filter_function = staticmethod(filtering.filter_actors)

    def filter_queryset(self, queryset):
        data = dict(self.form.cleaned_data)
        if data.get("sdg") is not None:
            data["sdg"] = int(data["sdg"])
        values = {name: value for name, value in data.items() if value not in (None, "")}
        return filtering.filter_actors(queryset, **values)


class NetworkFilter(SharedLayerFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), max_length=SEARCH_MAX_LENGTH)
    level = django_filters.ChoiceFilter(label=_("Ebene"), choices=Level.choices)
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=NetworkKind.choices)

    filter_function = staticmethod(filtering.filter_networks)


class EventFilter(SharedLayerFilterSet):
    q = django_filters.CharFilter(label=_("Suche"), max_length=SEARCH_MAX_LENGTH)
    when = django_filters.ChoiceFilter(
        label=_("Zeitraum"),
        choices=[("upcoming", _("kommende")), ("past", _("vergangene"))],
        help_text="upcoming: not ended yet; past: ended. Default: all.",
    )
    level = django_filters.ChoiceFilter(label=_("Ebene"), choices=Level.choices)
    topic = django_filters.CharFilter(
        label=_("Thema"), max_length=100, help_text="Topic slug; events with a participant on it."
    )
    actor = django_filters.CharFilter(
        label=_("Akteur"), max_length=200, help_text="Slug of a participating actor."
    )
    role = django_filters.ChoiceFilter(
        label=_("Rolle"), choices=ParticipationRole.choices, help_text="Participation role."
    )
    network = django_filters.CharFilter(
        label=_("Netzwerk"),
        max_length=200,
        help_text="Slug of a network; events with a participating current member.",
    )
    start_from = django_filters.DateFilter(label=_("ab"), help_text="Starts on or after (date).")
    start_to = django_filters.DateFilter(label=_("bis"), help_text="Starts on or before (date).")

    filter_function = staticmethod(filtering.filter_events)
