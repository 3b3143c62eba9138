"""Admin actions shared by every model with a publication status."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ludwigsburg_portal.publication import PublicationStatus


def _set_status(modeladmin, request, queryset, status):
    count = queryset.update(status=status)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d Eintrag ist jetzt „%(status)s“.",
            "%(count)d Einträge sind jetzt „%(status)s“.",
            count,
        )
        % {"count": count, "status": PublicationStatus(status).label},
        messages.SUCCESS,
    )


@admin.action(description=_("Ausgewählte veröffentlichen"), permissions=["change"])
def publish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, PublicationStatus.PUBLISHED)


@admin.action(description=_("Ausgewählte archivieren"), permissions=["change"])
def archive(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, PublicationStatus.ARCHIVED)
