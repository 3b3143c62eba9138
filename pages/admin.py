from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal.admin import PortalHistoryAdmin
from ludwigsburg_portal.content_language import english_fieldset

from .models import AccessibilityFeedback, Page


@admin.register(Page)
class PageAdmin(PortalHistoryAdmin):  # with history
    list_display = ["__str__", "title", "reviewed_on", "updated"]
    readonly_fields = ["key", "updated"]
    fieldsets = [
        (None, {"fields": ["key", "title", "description", "body", "reviewed_on", "updated"]}),
        english_fieldset("title_en", "description_en", "body_en"),
        (
            _("Video in Gebärdensprache"),
            {
                "fields": [
                    "sign_language_video",
                    "sign_language_captions",
                    "sign_language_description",
                ],
                "description": _(
                    "Erscheint unter dem Text der Seite, sobald ein Video hochgeladen ist."
                ),
            },
        ),
    ]

    # One row per key, created by a migration: texts are edited, never added or removed.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created", "excerpt", "name", "email", "page_url", "handled"]
    list_filter = ["handled"]
    search_fields = ["message", "name", "email", "page_url"]
    date_hierarchy = "created"
    readonly_fields = ["created", "name", "email", "page_url", "message"]
    fields = ["created", "name", "email", "page_url", "message", "handled"]
    actions = ["mark_handled"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("Nachricht"))
    def excerpt(self, obj):
        return Truncator(obj.message).chars(80)

    @admin.action(description=_("Als erledigt markieren"), permissions=["change"])
    def mark_handled(self, request, queryset):
        count = queryset.update(handled=True)
        self.message_user(request, _("%d Rückmeldung(en) als erledigt markiert.") % count)
