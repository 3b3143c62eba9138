"""Moderation in the admin: one queue per kind of proposal, a decision page with
before/after comparison, approve or reject with a reason (mailed to the person),
and simple-history's "Historie" of who changed and decided what when."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actors.models import Actor, Region, SustainableDevelopmentGoal
from ludwigsburg_portal.admin import PortalHistoryAdmin

from . import services
from .forms import RejectForm
from .models import (
    Claim,
    EditorInvitation,
    EventSubmission,
    ModerationState,
    ProfileReminder,
    Revision,
    Submission,
)
from .profile import PROFILE_FIELDS


def _display_value(name: str, value):
    """A profile value as staff read it (labels instead of codes and ids)."""
    if name == "sdgs":
        goals = SustainableDevelopmentGoal.objects.filter(pk__in=value or [])
        return ", ".join(str(goal) for goal in goals) or "—"
    if name == "regions":
        return ", ".join(r.name for r in Region.objects.filter(pk__in=value or [])) or "—"
    if name == "tags":
        return ", ".join(value or []) or "—"
    field = Actor._meta.get_field(name)
    if field.choices and value:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    return value if value not in (None, "") else "—"


def _logo_url(name) -> str:
    return default_storage.url(name) if name else ""


def profile_diff(*, before: dict, after: dict) -> list[dict]:
    rows = []
    for name in [field for field in PROFILE_FIELDS if field in after]:
        rows.append(
            {
                "name": name,
                "before_url": _logo_url(before.get(name)) if name == "logo" else "",
                "after_url": _logo_url(after.get(name)) if name == "logo" else "",
                "label": Actor._meta.get_field(name).verbose_name,
                "before": _display_value(name, before.get(name)),
                "after": _display_value(name, after.get(name)),
                "changed": before.get(name) != after.get(name),
            }
        )
    return rows


class ModerationAdmin(PortalHistoryAdmin):
    """Shared queue behaviour: pending first, decisions through the decide page."""

    list_filter = ["state", "created"]
    date_hierarchy = "created"
    # The queue: open items first, newest first within each group.
    ordering = [
        Case(When(state=ModerationState.PENDING, then=Value(0)), default=Value(1)).asc(),
        "-created",
    ]
    actions = ["approve_selected"]
    approve_service = None
    reject_service = None
    item_argument = None
    decide_template = "admin/selfservice/decide.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("decided_by")

    def has_add_permission(self, request):
        return False  # proposals come from the public site

    # The code in a confirmation or invitation link opens it: never shown to staff.
    exclude = ["token"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name not in self.exclude]

    @admin.display(description=_("Entscheidung"))
    def decide_link(self, obj):
        if not obj.is_pending:
            return obj.get_state_display()
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_decide", args=[obj.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Prüfen"))

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<int:object_id>/entscheiden/",
                self.admin_site.admin_view(self.decide_view),
                name="{}_{}_decide".format(*info),
            ),
            *super().get_urls(),
        ]

    def decision_context(self, obj) -> dict:
        return {}

    def _call(self, service, request, obj, **kwargs):
        try:
            service(**{self.item_argument: obj}, by=request.user, **kwargs)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return False
        return True

    def decide_view(self, request, object_id):
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        form = RejectForm(request.POST or None)
        # Decided or not: the service locks the item and says so if it is decided
        # already (by another tab, another person), and the view shows its message.
        if request.method == "POST":
            if "approve" in request.POST:
                if self._call(type(self).approve_service, request, obj):
                    self.message_user(request, _("Angenommen: %s") % obj, messages.SUCCESS)
                changelist = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist"
                return redirect(changelist)
            if "reject" in request.POST and form.is_valid():
                if self._call(
                    type(self).reject_service, request, obj, reason=form.cleaned_data["reason"]
                ):
                    self.message_user(request, _("Abgelehnt: %s") % obj, messages.SUCCESS)
                changelist = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist"
                return redirect(changelist)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": _("Prüfen: %s") % obj,
            "form": form,
            **self.decision_context(obj),
        }
        return TemplateResponse(request, self.decide_template, context)

    @admin.action(description=_("Ausgewählte annehmen"), permissions=["change"])
    def approve_selected(self, request, queryset):
        done = 0
        for obj in queryset.filter(state=ModerationState.PENDING):
            if self._call(type(self).approve_service, request, obj):
                done += 1
        self.message_user(
            request,
            ngettext("%(count)d Eintrag angenommen.", "%(count)d Einträge angenommen.", done)
            % {"count": done},
            messages.SUCCESS,
        )


@admin.register(Submission)
class SubmissionAdmin(ModerationAdmin):
    list_display = ["actor", "submitter_name", "submitter_email", "state", "has_similar"]
    list_display += ["created", "decided_by", "decide_link"]
    search_fields = ["actor__name", "submitter_name", "submitter_email"]
    list_select_related = ["actor", "decided_by"]
    approve_service = staticmethod(services.submission_approve)
    reject_service = staticmethod(services.submission_reject)
    item_argument = "submission"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("similar_actors")

    @admin.display(description=_("mögliche Dublette"), boolean=True)
    def has_similar(self, obj):
        return bool(obj.similar_actors.all())

    def decision_context(self, obj):
        return {
            "profile_rows": profile_diff(before={}, after=services.profile_snapshot(obj.actor)),
            "similar": obj.similar_actors.all(),
            "actor_admin_url": reverse("admin:actors_actor_change", args=[obj.actor_id]),
        }


@admin.register(Revision)
class RevisionAdmin(ModerationAdmin):
    list_display = ["actor", "author", "state", "created", "decided_by", "decide_link"]
    search_fields = ["actor__name", "author__email"]
    list_select_related = ["actor", "author", "decided_by"]
    approve_service = staticmethod(services.revision_approve)
    reject_service = staticmethod(services.revision_reject)
    item_argument = "revision"

    def get_fields(self, request, obj=None):
        # The proposal as labelled values, not the stored JSON with its field codes.
        hidden = ("before", "after", "proposed_changes")
        fields = [name for name in super().get_fields(request, obj) if name not in hidden]
        return [*fields, "proposed_changes"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "proposed_changes"]

    @admin.display(description=_("vorgeschlagene Änderungen"))
    def proposed_changes(self, obj):
        rows = [row for row in profile_diff(before=obj.before, after=obj.after) if row["changed"]]
        return (
            format_html_join(
                "",
                "<p><strong>{}:</strong> {} → {}</p>",
                ((r["label"], r["before"], r["after"]) for r in rows),
            )
            or "—"
        )

    def decision_context(self, obj):
        # Compared with what is public now, so staff see exactly what would change.
        return {
            "diff_rows": profile_diff(before=services.profile_snapshot(obj.actor), after=obj.after),
            "actor_admin_url": reverse("admin:actors_actor_change", args=[obj.actor_id]),
        }


@admin.register(Claim)
class ClaimAdmin(ModerationAdmin):
    list_display = ["actor", "name", "user", "state", "created", "decided_by", "decide_link"]
    search_fields = ["actor__name", "name", "user__email"]
    list_select_related = ["actor", "user", "decided_by"]
    approve_service = staticmethod(services.claim_approve)
    reject_service = staticmethod(services.claim_reject)
    item_argument = "claim"

    def decision_context(self, obj):
        return {
            "editors": obj.actor.editors.all(),
            "actor_admin_url": reverse("admin:actors_actor_change", args=[obj.actor_id]),
        }


@admin.register(EventSubmission)
class EventSubmissionAdmin(ModerationAdmin):
    list_display = ["event", "actor", "submitted_by", "state", "created", "decide_link"]
    search_fields = ["event__title", "actor__name"]
    list_select_related = ["event", "actor", "submitted_by", "decided_by"]
    approve_service = staticmethod(services.event_approve)
    reject_service = staticmethod(services.event_reject)
    item_argument = "submission"

    def decision_context(self, obj):
        return {
            "event": obj.event,
            "event_admin_url": reverse("admin:events_event_change", args=[obj.event_id]),
        }


class EditorInvitationAdminForm(forms.ModelForm):
    class Meta:
        model = EditorInvitation
        fields = ["actor", "email"]

    def clean(self):
        cleaned = super().clean()
        actor, email = cleaned.get("actor"), cleaned.get("email")
        if actor and email and services.is_editor_address(actor=actor, email=email):
            self.add_error("email", _("Diese Person bearbeitet das Profil bereits."))
        return cleaned


@admin.register(EditorInvitation)
class EditorInvitationAdmin(admin.ModelAdmin):
    form = EditorInvitationAdminForm
    list_display = ["actor", "email", "invited_by", "created", "accepted_at"]
    search_fields = ["actor__name", "email"]
    list_select_related = ["actor", "invited_by"]
    # Never the token: it is the invitation link's secret.
    readonly_fields = ["created", "accepted_at", "accepted_by", "invited_by"]
    autocomplete_fields = ["actor"]

    def save_model(self, request, obj, form, change):
        """Staff invite people without an account yet: a new invitation is mailed."""
        if change:
            return super().save_model(request, obj, form, change)
        invitation = services.invitation_create(actor=obj.actor, email=obj.email, by=request.user)
        obj.pk = invitation.pk
        obj.token = invitation.token
        obj.created = invitation.created


@admin.register(ProfileReminder)
class ProfileReminderAdmin(admin.ModelAdmin):
    list_display = ["user", "sent_at"]
    date_hierarchy = "sent_at"
    search_fields = ["user__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
