from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import task_admin  # noqa: F401  (the task queue's admin, in German)
from .history import describe_changes
from .models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """ "Versendete E-Mails": who got which subject, and whether it went out.

    Read-only for everybody, and without the text: a mail may carry a password-reset
    link or login code, and whoever reads it can log in as its recipient."""

    list_display = ("subject", "recipient_list", "state", "attempts", "last_error")
    list_display += ("created", "sent_at")
    list_filter = ("state",)
    search_fields = ("subject",)
    search_help_text = _("Betreff oder vollständige E-Mail-Adresse eines Empfängers")
    date_hierarchy = "created"
    fields = (
        "recipient_list",
        "reply_to_list",
        "subject",
        "state",
        "attempts",
        "last_error",
        "created",
        "next_attempt_at",
        "sent_at",
    )
    readonly_fields = fields
    show_full_result_count = False

    @admin.display(description=_("Empfänger"))
    def recipient_list(self, mail):
        return ", ".join(mail.recipients)

    @admin.display(description=_("Antwort an"))
    def reply_to_list(self, mail):
        return ", ".join(mail.reply_to) or "–"

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if "@" in search_term:
            matches = queryset.addressed_to([search_term]).values("pk")
            results = results | queryset.filter(pk__in=matches)
        return results, may_have_duplicates

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PortalHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin whose "Historie" lists, in German, who changed which
    field from which value to which (``ludwigsburg_portal.history.describe_changes``)."""

    def history_view_title(self, request, obj):
        return gettext("Änderungen an „%(object)s“") % {"object": obj}

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        describe_changes(list(historical_records))
