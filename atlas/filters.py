"""Filters of the network picture: the directory's, plus the level of networks and events.

The actors come from the directory's own ``ActorFilterSet`` (same parameters, same
validation, same notices for values that are not understood), so "Als Netzwerk
ansehen" on a filtered directory shows the same actors. ``ebene`` keeps the actors
active at that level and, in the picture, only the networks and events at it.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actors.filters import ActorFilterSet
from events.models import Participation
from ludwigsburg_portal.filtering import UNKNOWN_VALUE
from ludwigsburg_portal.publication import Level
from networks.models import Membership


class NetworkPictureFilterSet(ActorFilterSet):
    # The directory's search box has no place in a picture of connections.
    q = None
    ebene = django_filters.ChoiceFilter(
        method="filter_level",
        label=_("Ebene"),
        choices=Level.choices,
        empty_label=_("Alle Ebenen"),
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )

    class Meta(ActorFilterSet.Meta):
        fields = []

    def filter_level(self, queryset, name, value: str):
        """Actors with a current network or an event at the level ``value``."""
        members = Membership.objects.public().current().filter(network__level=value)
        participants = Participation.objects.public().filter(event__level=value)
        return queryset.filter(
            Q(pk__in=members.values("actor_id")) | Q(pk__in=participants.values("actor_id"))
        )

    def order(self, queryset):
        return queryset.order_by()

    @property
    def level(self) -> str:
        self.errors  # noqa: B018 - validates the form, which fills cleaned_data
        return self.form.cleaned_data.get("ebene") or ""


def map_parameters(filterset) -> dict[str, str]:
    """The directory filters a world map keeps (every one but the country itself)."""
    return {k: v for k, v in filterset.form.active_parameters().items() if k != "land"}
