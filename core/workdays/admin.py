from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.forms import add_service_errors

from .models import DeadlineRule, Holiday
from .resources import HolidayResource
from .selectors import deadline_rule_uses
from .services import deadline_rule_check, deadline_rule_delete, deadline_rule_save, holiday_delete, holiday_save


@admin.register(Holiday)
class HolidayAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [HolidayResource]
    list_display = ["date", "name", "kind", "source"]
    list_filter = ["kind", ("date", admin.DateFieldListFilter)]
    search_fields = ["name", "source"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        # Through the calendar service, so that open deadlines move with the change.
        saved = holiday_save(day=obj.date, name=obj.name, kind=obj.kind, source=obj.source, by=request.user)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        holiday_delete(holiday=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for holiday in queryset:
            holiday_delete(holiday=holiday, by=request.user)


class DeadlineRuleAdminForm(forms.ModelForm):
    """The service's own checks, run while the form validates: a refusal shows on the form, not as a server error."""

    class Meta:
        model = DeadlineRule
        fields = "__all__"

    def clean(self):
        data = super().clean()
        if not self.errors:
            stored = self.instance
            try:
                deadline_rule_check(rule=stored if stored.pk else None, code=data.get("code", stored.code),
                                    name=data.get("name", stored.name), basis=data.get("basis", stored.basis),
                                    days=data.get("days", stored.days))
            except ValidationError as exc:
                add_service_errors(self, exc)
        return data


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(SimpleHistoryAdmin):
    form = DeadlineRuleAdminForm
    list_display = ["code", "name", "basis", "days"]

    def get_readonly_fields(self, request, obj=None):
        # A rule something counts by is only renamed (services.deadline_rule_save says why).
        if obj is not None and deadline_rule_uses(rule=obj):
            return ["code", "basis", "days"]
        return super().get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        saved = deadline_rule_save(rule=obj if change else None, code=obj.code, name=obj.name, basis=obj.basis,
                                   days=obj.days, by=request.user)
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        if obj is not None and deadline_rule_uses(rule=obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        deadline_rule_delete(rule=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for rule in queryset:
            deadline_rule_delete(rule=rule, by=request.user)
