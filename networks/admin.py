from django.contrib import admin

from ludwigsburg_portal.admin import PortalHistoryAdmin
from ludwigsburg_portal.admin_actions import archive, publish
from ludwigsburg_portal.admin_display import ConfirmationFilter, confirmation_badge
from ludwigsburg_portal.importexport import PortalExportMixin, PortalImportExportMixin

from .models import ExpertExchange, Membership, Network
from .resources import MembershipResource, NetworkResource


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["actor"]
    fields = [
        "actor",
        "role",
        "start_date",
        "end_date",
        "mandate_holder",
        "publish_holder",
        "mandate_function",
        "mandate_function_en",
        "mandate_basis",
        "to_confirm",
    ]


@admin.register(Network)
class NetworkAdmin(PortalImportExportMixin, PortalHistoryAdmin):  # with history
    resource_classes = [NetworkResource]  # CSV/Excel import and export
    list_display = ["name", "level", "kind", "host", "status", confirmation_badge]
    list_filter = ["status", "level", "kind", ConfirmationFilter, "is_example"]
    search_fields = ["name", "host", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created", "updated"]
    actions = [publish, archive]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(PortalImportExportMixin, PortalHistoryAdmin):  # with history
    resource_classes = [MembershipResource]  # CSV/Excel import and export
    list_display = ["actor", "network", "role", "start_date", "end_date", "mandate_holder"]
    list_display += ["publish_holder", confirmation_badge]
    list_filter = ["role", "network__level", "network", "publish_holder", ConfirmationFilter]
    search_fields = ["actor__name", "network__name", "mandate_holder", "mandate_basis"]
    autocomplete_fields = ["actor", "network"]
    list_select_related = ["actor", "network"]


@admin.register(ExpertExchange)
class ExpertExchangeAdmin(PortalExportMixin, PortalHistoryAdmin):  # with history
    list_display = ["expert_name", "expert_function", "actor", "date"]
    search_fields = ["expert_name", "expert_function", "topic"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor"]
