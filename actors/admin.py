from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.admin import TagAdmin
from taggit.models import Tag

from events.models import Participation
from ludwigsburg_portal.admin import PortalHistoryAdmin
from ludwigsburg_portal.admin_actions import archive, publish
from ludwigsburg_portal.content_language import english_fieldset
from ludwigsburg_portal.importexport import PortalExportMixin, PortalImportExportMixin
from networks.models import ExpertExchange, Membership

from .admin_topics import merge_selected_topics
from .countries import country_name
from .forms import ActorAdminForm, TopicAdminForm
from .models import Actor, Region, SustainableDevelopmentGoal, TopicTranslation
from .resources import ActorResource


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["network"]
    fields = ["network", "role", "start_date", "end_date", "mandate_holder", "publish_holder"]
    fields += ["mandate_function", "mandate_function_en"]
    show_change_link = True


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["event"]
    fields = ["event", "role", "note"]


class ExpertExchangeInline(admin.TabularInline):
    model = ExpertExchange
    extra = 0
    fields = ["expert_name", "expert_function", "topic", "date"]


class ConfirmationOverdueFilter(admin.SimpleListFilter):
    """Published profiles nobody confirmed for PROFILE_STALE_DAYS, recently confirmed
    ones, and profiles without editors (whom the yearly reminder cannot reach)."""

    title = _("Bestätigung")
    parameter_name = "bestaetigung"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("überfällig")),
            ("recent", _("aktuell")),
            ("no_editor", _("ohne Redaktion")),
        ]

    def queryset(self, request, queryset):
        days = settings.PROFILE_STALE_DAYS
        if self.value() == "overdue":
            return queryset.filter(
                pk__in=Actor.objects.confirmation_overdue(days=days).values("pk")
            )
        if self.value() == "recent":
            limit = timezone.now() - timedelta(days=days)
            return queryset.filter(
                Q(last_confirmed_at__gte=limit)
                | Q(last_confirmed_at__isnull=True, created__gte=limit)
            )
        if self.value() == "no_editor":
            return queryset.filter(editors__isnull=True)
        return queryset


@admin.register(Actor)
class ActorAdmin(PortalImportExportMixin, PortalHistoryAdmin):  # with change history
    resource_classes = [ActorResource]  # CSV/Excel import and export
    form = ActorAdminForm  # topics: existing ones offered, spelling reused
    list_display = ["name", "kind", "district", "status", "updated"]
    list_filter = ["status", "kind", "district", "sdgs", "tags"]
    list_filter += ["trusted", ConfirmationOverdueFilter]  # who keeps the profile up to date
    list_filter += ["is_example"]
    search_fields = ["name", "teaser", "description", "contact_person", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["regions"]
    filter_horizontal = ["sdgs", "editors"]
    readonly_fields = ["created", "updated"]
    date_hierarchy = "created"
    actions = [publish, archive]
    inlines = [MembershipInline, ParticipationInline, ExpertExchangeInline]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "teaser", "description", "logo"]}),
        english_fieldset("teaser_en", "description_en"),
        (_("Einordnung"), {"fields": ["tags", "sdgs", "regions", "district", "founded_year"]}),
        (
            _("Adresse"),
            {"fields": ["street", "postal_code", "city", "latitude", "longitude"]},
        ),
        (
            _("Kontakt"),
            {"fields": ["website", "email", "phone", "contact_person", "contact_public"]},
        ),
        # Self-service: who edits the profile, whether changes skip review.
        (_("Redaktion"), {"fields": ["editors", "trusted", "last_confirmed_at"]}),
        (_("Verwaltung"), {"fields": ["created", "updated"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "editors":
            # The selector shows each person by name or verified address; with their
            # addresses loaded up front that costs one query, not one per account.
            kwargs["queryset"] = db_field.remote_field.model.objects.prefetch_related(
                "emailaddress_set"
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_search_fields(self, request):
        # Autocomplete widgets (memberships, participations) look actors up by name;
        # matching words in long descriptions there would only add noise.
        match = request.resolver_match
        if match is not None and match.url_name == "autocomplete":
            return ["name"]
        return super().get_search_fields(request)


class RegionAdminForm(forms.ModelForm):
    """A country is picked from the ISO list; its name and short name follow from it
    unless staff give their own. A region that is no country needs a name."""

    class Meta:
        model = Region
        fields = ["iso_code", "name", "name_en", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["slug"].required = False
        self.fields["name"].help_text = _("Leer lassen: der deutsche Name des gewählten Landes.")

    def clean(self):
        data = super().clean()
        code = data.get("iso_code") or ""
        if not data.get("name"):
            if not code:
                raise forms.ValidationError(
                    _("Bitte wählen Sie ein Land oder geben Sie den Namen der Region ein.")
                )
            data["name"] = country_name(code, "de")
        if code and not data.get("name_en"):
            data["name_en"] = country_name(code, "en")
        if not data.get("slug"):
            data["slug"] = slugify(
                data["name"].replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
            )
        return data

    def _post_clean(self):
        # The filled-in name and slug are what the uniqueness checks must see.
        for field in ("name", "name_en", "slug"):
            if self.cleaned_data.get(field):
                setattr(self.instance, field, self.cleaned_data[field])
        super()._post_clean()


@admin.register(Region)
class RegionAdmin(PortalExportMixin, admin.ModelAdmin):
    form = RegionAdminForm
    list_display = ["name", "iso_code", "slug"]
    list_filter = [("iso_code", admin.EmptyFieldListFilter)]
    search_fields = ["name", "iso_code"]


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(admin.ModelAdmin):
    """The 17 goals are fixed: staff may look them up but not change them."""

    list_display = ["number", "name_de", "name_en"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TopicTranslationInline(admin.StackedInline):
    """A topic's English name, on the topic's own page (Verwaltung → Themen → Themen)."""

    model = TopicTranslation
    fields = ["name_en"]
    can_delete = False
    verbose_name = verbose_name_plural = _("Englisch")


admin.site.unregister(Tag)


@admin.register(Tag)
class TopicAdmin(TagAdmin):
    """django-taggit's tag admin with the English name of the topic."""

    form = TopicAdminForm  # a rename must not duplicate another topic
    inlines = [TopicTranslationInline, *TagAdmin.inlines]
    list_display = [*TagAdmin.list_display, "name_en"]
    list_select_related = ["translation"]
    # Ours instead of taggit's "Merge selected tags", which keeps no history.
    actions = [merge_selected_topics]

    def get_urls(self):
        return admin.ModelAdmin.get_urls(self)  # without taggit's merge page

    @admin.display(description=_("Name (englisch)"))
    def name_en(self, tag):
        return getattr(getattr(tag, "translation", None), "name_en", "") or "–"
