"""The directory's GET form: validates search and filter parameters from the URL.

Parameter names are German because they are part of shareable, bookmarkable URLs:
``?q=&art=&thema=&sdg=&stadtteil=&land=&netzwerk=``.
"""

import re

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItem

from ludwigsburg_portal.content_language import LocalizedText, localized_choices
from networks.models import Network

from .models import SDG_TITLES, Actor, ActorKind, District, Region

# A search box needs no more; longer input is cut, not rejected (a 10 kB paste still works).
MAX_QUERY_LENGTH = 200
SLUG_RE = re.compile(r"[-a-zA-Z0-9_]{1,200}")
# The offending value is not repeated: it may be long or odd; the field label names it.
UNKNOWN_VALUE = _("Diesen Wert gibt es nicht (mehr).")


class SlugChoiceField(forms.ChoiceField):
    """A select of ``(slug, name)`` choices, so URLs stay readable (``?thema=fairer-handel``).

    The choices are loaded once per form (one plain query), and a value is checked
    against them in memory: no extra query, and odd input never reaches the database.
    """

    def __init__(self, *, empty_label, **kwargs):
        self.empty_label = empty_label
        super().__init__(required=False, error_messages={"invalid_choice": UNKNOWN_VALUE}, **kwargs)

    def set_options(self, options):
        self.choices = [("", self.empty_label), *options]


class SlugModelChoiceField(forms.ModelChoiceField):
    """A model looked up by slug; for lists too long to offer (e.g. every actor)."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)
        self.error_messages = {**self.error_messages, "invalid_choice": UNKNOWN_VALUE}

    def to_python(self, value):
        # Anything that cannot be a slug (NUL bytes, 10 kB strings, quotes) is refused
        # before it reaches the database.
        if value not in self.empty_values and not SLUG_RE.fullmatch(str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return super().to_python(value)


def topic_options() -> list[tuple[str, LocalizedText]]:
    """(slug, name) of the topics at least one published actor carries, by name.

    Names in the page's language where given (``localized_choices``)."""
    tagged = TaggedItem.objects.filter(
        tag=OuterRef("pk"),
        content_type=ContentType.objects.get_for_model(Actor),
        object_id__in=Actor.objects.published().values("pk"),
    )
    return localized_choices(
        Tag.objects.filter(Exists(tagged))
        .order_by("name")
        .values_list("slug", "name", "translation__name_en")
    )


def region_options() -> list[tuple[str, LocalizedText]]:
    """(slug, name) of the partner countries and regions of published actors."""
    linked = Actor.regions.through.objects.filter(
        region=OuterRef("pk"), actor__in=Actor.objects.published()
    )
    return localized_choices(
        Region.objects.filter(Exists(linked))
        .order_by("name")
        .values_list("slug", "name", "name_en")
    )


def network_options() -> list[tuple[str, LocalizedText]]:
    """(slug, name) of the published networks."""
    return localized_choices(
        Network.objects.published().order_by("name").values_list("slug", "name", "name_en")
    )


def sdg_options() -> list[tuple[str, str]]:
    """The 17 goals with their official numbers and names (in the current language)."""
    english = (get_language() or "de").startswith("en")
    return [(str(n), f"{n}. {en if english else de}") for n, (de, en) in SDG_TITLES.items()]


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
    thema = SlugChoiceField(label=_("Thema"), empty_label=_("Alle Themen"))
    sdg = forms.TypedChoiceField(
        label=_("Nachhaltigkeitsziel (SDG)"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Es gibt nur die Ziele 1 bis 17.")},
    )
    stadtteil = forms.ChoiceField(
        label=_("Stadtteil"),
        required=False,
        choices=[("", _("Alle Stadtteile")), *District.choices],
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    land = SlugChoiceField(
        label=_("Partnerland / Region"), empty_label=_("Alle Länder und Regionen")
    )
    netzwerk = SlugChoiceField(label=_("Netzwerk"), empty_label=_("Alle Netzwerke"))

    FILTER_FIELDS = ("art", "thema", "sdg", "stadtteil", "land", "netzwerk")

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # Only values that lead to at least one published actor are offered; the lists
        # are short (topics, countries, networks), each costs one plain query.
        self.fields["thema"].set_options(topic_options())
        self.fields["sdg"].choices = [("", _("Alle Nachhaltigkeitsziele")), *sdg_options()]
        self.fields["land"].set_options(region_options())
        self.fields["netzwerk"].set_options(network_options())

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
        if topic := filters.get("thema"):
            queryset = queryset.with_topic(topic)
        if sdg := filters.get("sdg"):
            queryset = queryset.with_sdg(sdg)
        if district := filters.get("stadtteil"):
            queryset = queryset.in_district(district)
        if region := filters.get("land"):
            queryset = queryset.in_region(region)
        if network := filters.get("netzwerk"):
            queryset = queryset.current_members_of(network)
        if self.search_text:
            return queryset.search(self.search_text)
        # Lower(name) is indexed (actor_name_lower): the first page needs no full sort.
        return queryset.order_by(Lower("name"), "pk")
