"""The one filter definition of networks (API and downloads; the pages list them all).

German parameter names like every FilterSet (``?q=&ebene=&art=``); the API reads
them under English names (``opendata/api/filters.py``).
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal.filtering import UNKNOWN_VALUE, PortalFilterSet, SearchFilter
from ludwigsburg_portal.publication import Level

from .models import Network, NetworkKind


class NetworkFilterSet(PortalFilterSet):
    q = SearchFilter(method="filter_search", label=_("Suche"))
    ebene = django_filters.ChoiceFilter(
        method="filter_level",
        label=_("Ebene"),
        choices=Level.choices,
        empty_label=_("Alle Ebenen"),
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    art = django_filters.ChoiceFilter(
        field_name="kind",
        label=_("Art"),
        choices=NetworkKind.choices,
        empty_label=_("Alle Arten"),
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )

    class Meta(PortalFilterSet.Meta):
        model = Network
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_level(self, queryset, name, value):
        return queryset.at_level(value)

    def order(self, queryset):
        return queryset.order_by("name", "pk")
