from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.views.generic import DetailView, ListView

from actors.models import Actor
from ludwigsburg_portal import versioned
from ludwigsburg_portal.content_language import SOURCE_LANGUAGE, localized, page_language
from ludwigsburg_portal.publication import Level

from .models import Membership, Network


class NetworkListView(ListView):
    """All published networks, grouped by level, with the city's role in each."""

    template_name = "networks/network_list.html"
    context_object_name = "networks"

    def get_queryset(self):
        # The networks, their member counts and the city's roles change only on writes
        # (and with the day: who is a current member).
        return versioned.remember(
            ("networks:list", timezone.localdate()), lambda: list(self.networks())
        )

    @staticmethod
    def networks():
        members = (
            Membership.objects.public()
            .current()
            .filter(network=OuterRef("pk"))
            .order_by()
            .values("network")
            .annotate(count=Count("actor", distinct=True))
            .values("count")
        )
        return (
            Network.objects.published()
            .annotate(member_count=Coalesce(Subquery(members, output_field=IntegerField()), 0))
            .prefetch_related(
                Prefetch(
                    "memberships",
                    # The city's role: the memberships of the coordination office.
                    queryset=Membership.objects.public()
                    .filter(actor__in=Actor.objects.office())
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
                "actor__is_example",
                "mandate_holder",
                "publish_holder",
                "mandate_function",
                "mandate_function_en",
                "to_confirm",
            )
            .annotate(by_office=Exists(Actor.objects.office().filter(pk=OuterRef("actor_id"))))
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
            city_memberships=[m for m in memberships if m.by_office],
            **kwargs,
        )
