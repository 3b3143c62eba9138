"""The directory's GET form: validates search and filter parameters from the URL.

Parameter names are German because they are part of shareable, bookmarkable URLs:
``?q=&art=&thema=&sdg=&stadtteil=&land=&netzwerk=&sortierung=``.
"""

import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from networks.models import Network

from .models import Actor, ActorKind, District, Region, SustainableDevelopmentGoal

# A search box needs no more; longer input is cut, not rejected (a 10 kB paste still works).
MAX_QUERY_LENGTH = 200
# The offending value is not repeated: it may be long or odd; the field label names it.
SLUG_RE = re.compile(r"[-a-zA-Z0-9_]{1,200}")
UNKNOWN_VALUE = _("Diesen Wert gibt es nicht (mehr).")


class SlugChoiceField(forms.ModelChoiceField):
    """A select whose values are slugs, so URLs stay readable (``?thema=fairer-handel``)."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)
        self.error_messages = {**self.error_messages, "invalid_choice": UNKNOWN_VALUE}

    def to_python(self, value):
        # Anything that cannot be a slug (NUL bytes, 10 kB strings, quotes) is refused
        # before it reaches the database.
        if value not in self.empty_values and not SLUG_RE.fullmatch(str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return super().to_python(value)


class SdgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.name}"


def topics_of_published_actors():
    """Topics (taggit tags) carried by at least one published actor, by name."""
    return Tag.objects.filter(
        pk__in=Actor.tags.through.objects.filter(
            content_type__app_label="actors",
            content_type__model="actor",
            object_id__in=Actor.objects.published().values("pk"),
        ).values("tag_id")
    ).order_by("name")


class FilterFormMixin:
    """For GET filter forms: invalid values are ignored and explained, never fatal.

    Subclasses list their filter field names in ``FILTER_FIELDS``.
    """

    FILTER_FIELDS: tuple[str, ...] = ()

    def filter_errors(self) -> list[str]:
        """One readable sentence per value that was not understood (and so not applied)."""
        messages = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else name
            for error in errors:
                messages.append(
                    gettext("Filter „%(label)s“: %(error)s Er wurde nicht angewendet.")
                    % {"label": label, "error": error}
                )
        return messages

    def active_filters(self) -> dict:
        """The valid, non-empty filter values by field name (the search text is not one)."""
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.FILTER_FIELDS if data.get(name)}


class ActorFilterForm(FilterFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
        help_text=_("Name, Thema oder Stichwort, z. B. „Fairer Handel“ oder „Schule“."),
    )
    art = forms.ChoiceField(
        label=_("Art"),
        required=False,
        choices=[("", _("Alle Arten")), *ActorKind.choices],
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    thema = SlugChoiceField(Tag.objects.none(), label=_("Thema"), empty_label=_("Alle Themen"))
    sdg = SdgChoiceField(
        SustainableDevelopmentGoal.objects.all(),
        label=_("Nachhaltigkeitsziel (SDG)"),
        required=False,
        empty_label=_("Alle Nachhaltigkeitsziele"),
        error_messages={"invalid_choice": _("Es gibt nur die Ziele 1 bis 17.")},
    )
    stadtteil = forms.ChoiceField(
        label=_("Stadtteil"),
        required=False,
        choices=[("", _("Alle Stadtteile")), *District.choices],
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    land = SlugChoiceField(
        Region.objects.none(),
        label=_("Partnerland / Region"),
        empty_label=_("Alle Länder und Regionen"),
    )
    netzwerk = SlugChoiceField(
        Network.objects.none(), label=_("Netzwerk"), empty_label=_("Alle Netzwerke")
    )

    FILTER_FIELDS = ("art", "thema", "sdg", "stadtteil", "land", "netzwerk")

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # Only values that lead to at least one published actor are offered; the lists
        # are small (topics, countries, networks), each costs one query.
        self.fields["thema"].queryset = topics_of_published_actors()
        self.fields["land"].queryset = Region.objects.filter(
            pk__in=Actor.regions.through.objects.filter(
                actor_id__in=Actor.objects.published().values("pk")
            ).values("region_id")
        )
        self.fields["netzwerk"].queryset = Network.objects.published().order_by("name")

    def clean_q(self):
        return " ".join(self.cleaned_data["q"][:MAX_QUERY_LENGTH].split())

    @property
    def search_text(self) -> str:
        return getattr(self, "cleaned_data", {}).get("q", "")

    def apply(self, queryset):
        """``queryset`` narrowed by every valid filter and the search text, sorted."""
        filters = self.active_filters()
        if kind := filters.get("art"):
            queryset = queryset.filter(kind=kind)
        if tag := filters.get("thema"):
            queryset = queryset.with_topic(tag)
        if sdg := filters.get("sdg"):
            queryset = queryset.with_sdg(sdg.number)
        if district := filters.get("stadtteil"):
            queryset = queryset.in_district(district)
        if region := filters.get("land"):
            queryset = queryset.in_region(region)
        if network := filters.get("netzwerk"):
            queryset = queryset.current_members_of(network)
        if self.search_text:
            return queryset.search(self.search_text)
        return queryset.order_by("name", "pk")
