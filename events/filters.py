"""The one filter definition of events: event list, calendar, archive, embed, API, downloads.

German parameter names, as in the pages' URLs (``?ebene=&thema=&rolle=&akteur=``);
the API reads the same filters under English names (``opendata/api/filters.py``).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from actors.filters import network_options, topic_options
from actors.models import Actor
from ludwigsburg_portal.filtering import (
    UNKNOWN_VALUE,
    FilterForm,
    PortalFilterSet,
    SearchFilter,
    SearchInput,
    SlugFilter,
    SlugModelFilter,
)
from ludwigsburg_portal.publication import Level

from .models import Event, ParticipationRole

UPCOMING, PAST, ALL = "upcoming", "past", "all"


class EventFilterForm(FilterForm):
    @property
    def visible_fields_for_filters(self):
        """The selects the event pages show (the actor is a removable hint instead)."""
        return [self[name] for name in ("ebene", "thema", "rolle") if name in self.fields]


class EventFilterSet(PortalFilterSet):
    """Published events narrowed by every understood filter.

    ``timeframe`` fixes the time frame for a page ("upcoming" for the event list,
    "past" for the archive, "all" for the calendar); the page then takes no
    ``zeitraum`` parameter. Without it (the API) the parameter chooses.
    Past events come latest first, all others soonest first, undated ones last.
    """

    q = SearchFilter(
        method="filter_search",
        label=_("Suchbegriff"),
        widget=SearchInput(),
    )
    zeitraum = django_filters.ChoiceFilter(
        method="filter_timeframe",
        label=_("Zeitraum"),
        choices=[(UPCOMING, _("kommende")), (PAST, _("vergangene"))],
        empty_label=_("alle"),
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    ebene = django_filters.ChoiceFilter(
        method="filter_level",
        label=_("Ebene"),
        choices=Level.choices,
        empty_label=_("Alle Ebenen"),
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    thema = SlugFilter(
        method="filter_topic", label=_("Thema"), options=topic_options, empty_label=_("Alle Themen")
    )
    # Set by links from an actor's page; rendered as a removable hint, not as a select
    # (a list of every actor would be far too long).
    akteur = SlugModelFilter(
        method="filter_actor",
        label=_("Akteur"),
        queryset=Actor.objects.published().only("pk", "name", "slug"),
        widget=forms.HiddenInput,
        empty_label=None,
    )
    rolle = django_filters.ChoiceFilter(
        method="filter_role",
        label=_("Rolle der Beteiligten"),
        choices=ParticipationRole.choices,
        empty_label=_("Alle Rollen"),
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    netzwerk = SlugFilter(
        method="filter_network",
        label=_("Netzwerk"),
        options=network_options,
        empty_label=_("Alle Netzwerke"),
    )
    von = django_filters.DateFilter(field_name="start", lookup_expr="date__gte", label=_("ab"))
    bis = django_filters.DateFilter(field_name="start", lookup_expr="date__lte", label=_("bis"))

    class Meta(PortalFilterSet.Meta):
        model = Event
        fields = []
        form = EventFilterForm

    def __init__(self, data=None, queryset=None, *, timeframe: str | None = None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.timeframe = timeframe
        if timeframe is not None:
            for name, filter_ in list(self.filters.items()):
                if filter_.field_name == "zeitraum":
                    del self.filters[name]

    def filter_queryset(self, queryset):
        if self.timeframe is not None:
            queryset = self.filter_timeframe(queryset, "zeitraum", self.timeframe)
        return super().filter_queryset(queryset)

    def count(self) -> int:
        """Every published event, or every upcoming one, nothing narrowing it: the count
        the database keeps (``Event.objects.published_count``, ``upcoming_count``)
        instead of counting every one of them."""
        if self.timeframe == UPCOMING and self.unnarrowed():
            return Event.objects.upcoming_count()
        if self.timeframe is None and self.unnarrowed():
            return Event.objects.published_count()
        return super().count()

    def count_by_year(self) -> dict[int, int]:
        """{year: how many events the filters let through start in it}; every past
        published event from the counts the database keeps (``past_count_by_year``)."""
        if self.timeframe == PAST and self.unnarrowed():
            return Event.objects.past_count_by_year()
        return self.qs.count_by_year()

    def filter_timeframe(self, queryset, name, value: str):
        if value == UPCOMING:
            return queryset.upcoming()
        if value == PAST:
            return queryset.past()
        return queryset

    def filter_search(self, queryset, name, value: str):
        return queryset.search(value)

    def filter_level(self, queryset, name, value: str):
        return queryset.at_level(value)

    def filter_topic(self, queryset, name, value: str):
        return queryset.on_topic(value)

    def filter_actor(self, queryset, name, value):
        """The actor's events; with a role, the events it takes part in in that role."""
        return queryset.with_participant(actor=value, role=self.value("rolle") or "")

    def filter_role(self, queryset, name, value: str):
        if self.value("akteur") is not None:
            return queryset  # applied together with the actor
        return queryset.with_participant(role=value)

    def filter_network(self, queryset, name, value: str):
        """Events with a participating current member of the network."""
        return queryset.with_members_of(value)

    def order(self, queryset):
        timeframe = self.timeframe or self.value("zeitraum")
        return queryset.latest_first() if timeframe == PAST else queryset.soonest_first()
