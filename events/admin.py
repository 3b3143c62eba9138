from django.contrib import admin

from ludwigsburg_portal.admin import PortalHistoryAdmin
from ludwigsburg_portal.admin_actions import archive, publish
from ludwigsburg_portal.admin_display import ConfirmationFilter, confirmation_badge
from ludwigsburg_portal.importexport import PortalImportExportMixin

from .models import Event, Participation
from .resources import EventResource, ParticipationResource


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["actor"]
    fields = ["actor", "role", "note"]


@admin.register(Event)
class EventAdmin(PortalImportExportMixin, PortalHistoryAdmin):  # with change history
    resource_classes = [EventResource]  # CSV/Excel import and export
    list_display = ["title", "start", "date_precision", "level", "location", "status"]
    list_display += [confirmation_badge]
    list_filter = ["status", "level", "date_precision", "online", ConfirmationFilter, "is_example"]
    search_fields = ["title", "organiser", "location", "description"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created", "updated", "submitted_by"]
    date_hierarchy = "start"
    actions = [publish, archive]
    inlines = [ParticipationInline]


@admin.register(Participation)
class ParticipationAdmin(PortalImportExportMixin, PortalHistoryAdmin):  # with history
    resource_classes = [ParticipationResource]  # CSV/Excel import and export
    list_display = ["event", "actor", "role"]
    list_filter = ["role", "event__level"]
    search_fields = ["event__title", "actor__name"]
    autocomplete_fields = ["actor", "event"]
    list_select_related = ["actor", "event"]
