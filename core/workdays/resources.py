"""Spreadsheet import of holidays (Thai headers). Each row goes through the calendar service."""
from import_export import fields

from core.imports import AllOrNothingResource, ThaiDateWidget

from .models import Holiday
from .services import holiday_save


class HolidayResource(AllOrNothingResource):
    date = fields.Field(attribute="date", column_name="วันที่", widget=ThaiDateWidget())
    name = fields.Field(attribute="name", column_name="ชื่อวันหยุด")
    kind = fields.Field(attribute="kind", column_name="ประเภท")
    source = fields.Field(attribute="source", column_name="ที่มา")

    class Meta:
        model = Holiday
        import_id_fields = ["date"]
        fields = ["date", "name", "kind", "source"]
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        row["ประเภท"] = row.get("ประเภท") or "special"

    def save_instance(self, instance, is_create, row, **kwargs):
        if kwargs.get("dry_run"):
            return
        holiday_save(day=instance.date, name=instance.name, kind=instance.kind, source=instance.source,
                     by=kwargs.get("user"))
