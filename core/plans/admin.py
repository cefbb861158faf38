from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionPlan, Evidence, Indicator, Step


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class StepInline(admin.StackedInline):
    model = Step
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["office", "fiscal_year", "cs", "title"]
    list_filter = ["fiscal_year", "cs", "office"]
    inlines = [IndicatorInline, StepInline]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "step", "size", "uploaded_by", "uploaded_at"]
