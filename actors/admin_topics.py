"""The topic admin's "merge" action: staff pick the topic that stays; every record
carrying one of the others gets it instead (its history says so) and the others go."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .topics import merge_topics, usage_counts


@admin.action(description=_("Ausgewählte Themen zusammenführen"), permissions=["change"])
def merge_selected_topics(modeladmin, request, queryset):
    topics = list(queryset.order_by("name"))
    if len(topics) < 2:
        modeladmin.message_user(
            request,
            gettext("Bitte wählen Sie mindestens zwei Themen zum Zusammenführen aus."),
            messages.WARNING,
        )
        return None
    uses = usage_counts(topics)
    keep_pk = request.POST.get("keep")
    if request.POST.get("post") == "yes" and keep_pk:
        keep = next((topic for topic in topics if str(topic.pk) == keep_pk), None)
        if keep is not None:
            others = [topic for topic in topics if topic.pk != keep.pk]
            reason = gettext("Themen zusammengeführt: %(others)s → %(keep)s") % {
                "others": ", ".join(topic.name for topic in others),
                "keep": keep.name,
            }
            changed = merge_topics(keep=keep, others=others, by=request.user, reason=reason[:100])
            modeladmin.message_user(
                request,
                gettext(
                    "%(count)d Themen in „%(keep)s“ zusammengeführt; %(records)d Einträge "
                    "haben jetzt dieses Thema."
                )
                % {"count": len(others), "keep": keep.name, "records": changed},
                messages.SUCCESS,
            )
            return None
    most_used = max(topics, key=lambda topic: (uses.get(topic.pk, 0), -topic.pk))
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("Themen zusammenführen"),
        "opts": modeladmin.model._meta,
        "topics": [(topic, uses.get(topic.pk, 0)) for topic in topics],
        "keep_pk": most_used.pk,
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
        "action_name": "merge_selected_topics",
    }
    return TemplateResponse(request, "admin/taggit/tag/merge_topics.html", context)
