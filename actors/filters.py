"""The one filter definition of actors: directory, embeds, API and downloads.

Parameter names are German because they are part of shareable, bookmarkable URLs:
``?q=&art=&thema=&sdg=&stadtteil=&land=&netzwerk=``. The API reads the same filters
under English names (``opendata/api/filters.py``).
"""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItem

from ludwigsburg_portal.content_language import LocalizedText, localized_choices
from ludwigsburg_portal.filtering import (
    UNKNOWN_VALUE,
    PortalFilterSet,
    SearchFilter,
    SearchInput,
    SlugFilter,
)

from .models import SDG_TITLES, Actor, ActorKind, District, Region


def topic_options() -> list[tuple[str, LocalizedText]]:
    """(slug, name) of the topics at least one published actor carries, by name.

    Names in the page's language where given (``localized_choices``)."""
    tagged = TaggedItem.objects.filter(
        tag=OuterRef("pk"),
        content_type=ContentType.objects.get_for_model(Actor),
        object_id__in=Actor.objects.published().values("pk"),
    )
    return localized_choices(
        with_any(Tag.objects.all(), tagged)
        .order_by("name")
        .values_list("slug", "name", "translation__name_en")
    )


def with_any(queryset, links):
    """The rows of ``queryset`` that ``links`` (correlated by OuterRef) has a row for.

    Asked per row of ``queryset`` (a handful of topics or regions) as a scalar subquery
    with LIMIT 1, which stops at the first link to a published actor by the link table's
    index; PostgreSQL plans EXISTS as a join over every link instead (~100 ms at 100,000
    actors on a first visit)."""
    first = Subquery(links.order_by().values("pk")[:1])
    return queryset.alias(first_link=first).filter(first_link__isnull=False)


def region_options() -> list[tuple[str, LocalizedText]]:
    """(slug, name) of the partner countries and regions of published actors."""
    linked = Actor.regions.through.objects.filter(
        region=OuterRef("pk"), actor__in=Actor.objects.published()
    )
    return localized_choices(
        with_any(Region.objects.all(), linked)
        .order_by("name")
        .values_list("slug", "name", "name_en")
    )


def network_options() -> list[tuple[str, LocalizedText]]:
    """(slug, name) of the published networks, by name."""
    # Networks sit on top of actors; the directory offers them through the link table.
    from networks.models import Network

    return localized_choices(
        Network.objects.published().order_by("name").values_list("slug", "name", "name_en")
    )


def sdg_options() -> list[tuple[str, str]]:
    """The 17 goals with their official numbers and names (in the current language)."""
    english = (get_language() or "de").startswith("en")
    return [
        ("", _("Alle Nachhaltigkeitsziele")),
        *((str(n), f"{n}. {en if english else de}") for n, (de, en) in SDG_TITLES.items()),
    ]


class ActorFilterSet(PortalFilterSet):
    """Published actors narrowed by every understood filter and the search text.

    Sorted by relevance with a search, else by name (``Lower(name)`` is indexed, so
    the first page needs no full sort).
    """

    q = SearchFilter(
        method="filter_search",
        label=_("Suchbegriff"),
        widget=SearchInput(),
        help_text=_("Name, Thema oder Stichwort, z. B. „Fairer Handel“ oder „Schule“."),
    )
    art = django_filters.ChoiceFilter(
        field_name="kind",
        label=_("Art"),
        choices=ActorKind.choices,
        empty_label=_("Alle Arten"),
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    thema = SlugFilter(
        method="filter_topic",
        label=_("Thema"),
        options=topic_options,
        empty_label=_("Alle Themen"),
    )
    sdg = django_filters.TypedChoiceFilter(
        method="filter_sdg",
        label=_("Nachhaltigkeitsziel (SDG)"),
        choices=sdg_options,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Es gibt nur die Ziele 1 bis 17.")},
    )
    stadtteil = django_filters.ChoiceFilter(
        method="filter_district",
        label=_("Stadtteil"),
        choices=District.choices,
        empty_label=_("Alle Stadtteile"),
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    land = SlugFilter(
        method="filter_region",
        label=_("Partnerland / Region"),
        options=region_options,
        empty_label=_("Alle Länder und Regionen"),
    )
    netzwerk = SlugFilter(
        method="filter_network",
        label=_("Netzwerk"),
        options=network_options,
        empty_label=_("Alle Netzwerke"),
    )

    class Meta(PortalFilterSet.Meta):
        model = Actor
        fields = []

    def filter_search(self, queryset, name, value: str):
        return queryset.search(value)

    def filter_topic(self, queryset, name, value: str):
        return queryset.with_topic(value)

    def filter_sdg(self, queryset, name, value: int):
        return queryset.with_sdg(value)

    def filter_district(self, queryset, name, value: str):
        return queryset.in_district(value)

    def filter_region(self, queryset, name, value: str):
        return queryset.in_region(value)

    def filter_network(self, queryset, name, value: str):
        """Its current members, as on the network's page."""
        return queryset.current_members_of(value)

    def count(self) -> int:
        """Every published actor, nothing narrowing it: the count the database keeps
        (``Actor.objects.published_count``) instead of ``COUNT(*)``."""
        if self.unnarrowed():
            return Actor.objects.published_count()
        return super().count()

    def order(self, queryset):
        if self.value("q"):
            return queryset  # search() sorts by relevance
        return queryset.order_by(Lower("name"), "pk")
