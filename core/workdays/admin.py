from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import DeadlineRule, Holiday
from .resources import HolidayResource
from .services import holiday_delete, holiday_save


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


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "basis", "days"]
