"""Admin list columns and filters shared by the models that carry a ``to_confirm`` note
(``publication.confirmation_field``): what staff still have to confirm."""

from django.contrib import admin
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


@admin.display(description=_("bitte bestätigen"), ordering="to_confirm")
def confirmation_badge(obj) -> str:
    """ "bitte bestätigen" with a warning sign, the note as tooltip; "–" when confirmed."""
    if not obj.to_confirm:
        return "–"
    return format_html(
        '<span class="confirmation-badge" title="{}"><img src="{}" alt=""> {}</span>',
        obj.to_confirm,
        static("admin/img/icon-alert.svg"),
        _("bitte bestätigen"),
    )


class ConfirmationFilter(admin.SimpleListFilter):
    title = _("Bestätigung")
    parameter_name = "bestaetigen"

    def lookups(self, request, model_admin):
        return [("offen", _("bitte bestätigen")), ("bestaetigt", _("bestätigt"))]

    def queryset(self, request, queryset):
        if self.value() == "offen":
            return queryset.exclude(to_confirm="")
        if self.value() == "bestaetigt":
            return queryset.filter(to_confirm="")
        return queryset
