from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone
from django.views.generic import DetailView, ListView

from ludwigsburg_portal.content_language import SOURCE_LANGUAGE, localized, page_language
from ludwigsburg_portal.publication import Level, PublicationStatus
from ludwigsburg_portal.seed import OFFICE

from .models import Membership, Network


class NetworkListView(ListView):
    """All published networks, grouped by level, with the city's role in each."""

    template_name = "networks/network_list.html"
    context_object_name = "networks"

    def get_queryset(self):
        today = timezone.localdate()
        current = Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)
        return (
            Network.objects.published()
            .annotate(
                member_count=Count(
                    "memberships__actor",
                    filter=current & Q(memberships__actor__status=PublicationStatus.PUBLISHED),
                    distinct=True,
                )
            )
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.public()
                    .filter(actor__slug=OFFICE)
                    .order_by(F("start_date").desc(nulls_last=True)),
                    to_attr="city_memberships",
                )
            )
            .order_by("name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        networks = context["networks"]
        if page_language() != SOURCE_LANGUAGE:
            # Alphabetical by the name shown (English where given, else German).
            networks = sorted(networks, key=lambda network: localized(network, "name").casefold())
        return {**context, "levels": group_by_level(networks)}


def group_by_level(networks) -> list[dict]:
    """[{value, label, networks}] ordered Stadt, Land, Bund, International; empty ones left out."""
    groups = [
        {"value": value, "label": label, "networks": [n for n in networks if n.level == value]}
        for value, label in Level.choices
    ]
    return [group for group in groups if group["networks"]]


class NetworkDetailView(DetailView):
    template_name = "networks/network_detail.html"
    context_object_name = "network"

    def get_queryset(self):
        return Network.objects.published()

    def get_context_data(self, **kwargs):
        memberships = list(
            Membership.objects.public()
            .filter(network=self.object)
            .select_related("actor")
            .only(
                "role",
                "start_date",
                "end_date",
                "network_id",
                "actor__name",
                "actor__slug",
                "actor__kind",
            )
            .order_by("actor__name", F("start_date").desc(nulls_last=True))
        )
        current = [m for m in memberships if m.is_current]
        return super().get_context_data(
            current_memberships=current,
            # Most recently ended first; the list is already sorted by name (stable sort).
            past_memberships=sorted(
                (m for m in memberships if not m.is_current),
                key=lambda m: m.end_date,
                reverse=True,
            ),
            city_memberships=[m for m in memberships if m.actor.slug == OFFICE],
            **kwargs,
        )
