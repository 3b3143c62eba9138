from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import FundingPeriod, Goal, Indicator, IndicatorValue, Measure, Report, SubGoal


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Saved reports. New ones are made on the report page (``reports:builder``), where
    staff see the numbers before they save them; the numbers are never edited here."""

    list_display = [
        "title",
        "period",
        "language",
        "is_public",
        "public_year",
        "created",
        "report_link",
    ]
    list_filter = ["is_public", "language", "public_year"]
    search_fields = ["title", "introduction", "outlook"]
    fields = [
        "title",
        "period",
        "language",
        "introduction",
        "outlook",
        "is_public",
        "public_year",
        "created",
        "created_by",
        "report_link",
    ]
    readonly_fields = ["period", "language", "created", "created_by", "report_link"]

    def has_add_permission(self, request):
        return False

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description=_("Zeitraum"), ordering="period_start")
    def period(self, obj):
        return f"{obj.period_start:%d.%m.%Y} – {obj.period_end:%d.%m.%Y}"

    @admin.display(description=_("Bericht"))
    def report_link(self, obj):
        if obj.pk is None:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_admin_url(), gettext("ansehen"))

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "builder_url": reverse("reports:builder")}
        return super().changelist_view(request, extra_context)


@admin.register(FundingPeriod)
class FundingPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "period_start", "period_end"]


class SubGoalInline(admin.TabularInline):
    model = SubGoal
    fields = ["title", "order"]
    extra = 1
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "order"]
    list_editable = ["order"]
    search_fields = ["title", "description"]
    inlines = [SubGoalInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["name", "unit", "order"]
    extra = 1
    show_change_link = True


class MeasureInline(admin.StackedInline):
    model = Measure
    fields = ["title", "planned", "achieved", "period_start", "period_end", "events", "actors"]
    autocomplete_fields = ["events", "actors"]
    extra = 0
    show_change_link = True


@admin.register(SubGoal)
class SubGoalAdmin(admin.ModelAdmin):
    list_display = ["title", "goal", "order"]
    list_filter = ["goal"]
    search_fields = ["title", "description"]
    inlines = [IndicatorInline, MeasureInline]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    fields = ["period_start", "period_end", "target", "actual", "note"]
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "subgoal", "unit"]
    list_filter = ["subgoal__goal"]
    search_fields = ["name", "description"]
    inlines = [IndicatorValueInline]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["title", "subgoal", "period_start", "period_end"]
    list_filter = ["subgoal__goal"]
    search_fields = ["title", "planned", "achieved"]
    autocomplete_fields = ["events", "actors"]
