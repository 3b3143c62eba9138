"""Admin actions shared by every model with a publication status."""

from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal.publication import PublicationStatus, set_status


def _set_status(modeladmin, request, queryset, status):
    label = PublicationStatus(status).label
    result = set_status(
        obj_or_queryset=queryset,
        status=status,
        by=request.user,
        reason=gettext("Sammelaktion im Admin: %(status)s") % {"status": label},
    )
    count = len(result.changed) + len(result.unchanged)
    if count or not result.refused:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d Eintrag ist jetzt „%(status)s“.",
                "%(count)d Einträge sind jetzt „%(status)s“.",
                count,
            )
            % {"count": count, "status": label},
            messages.SUCCESS,
        )
    for obj, message in result.refused:
        modeladmin.message_user(
            request,
            gettext("„%(item)s“ ist unverändert: %(reason)s") % {"item": obj, "reason": message},
            messages.ERROR,
        )


@admin.action(description=_("Ausgewählte veröffentlichen"), permissions=["change"])
def publish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, PublicationStatus.PUBLISHED)


@admin.action(description=_("Ausgewählte archivieren"), permissions=["change"])
def archive(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, PublicationStatus.ARCHIVED)
