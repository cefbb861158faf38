"""The base of every spreadsheet import: all rows or none.

django-import-export skips a row that fails validation and keeps the others; our users expect a sheet
with one bad row to change nothing, with every bad row listed, so the whole import is rolled back.
"""
from datetime import date, datetime

from django.db import transaction
from import_export import resources, widgets

from pmqa import thai_dates


class AllOrNothingResource(resources.ModelResource):
    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, collect_failed_rows=False,
                    rollback_on_validation_errors=False, **kwargs):
        with transaction.atomic():
            result = super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors,
                                         use_transactions=use_transactions, collect_failed_rows=collect_failed_rows,
                                         rollback_on_validation_errors=True, **kwargs)
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        return result


class ThaiDateWidget(widgets.DateWidget):
    """Reads 23/11/2569, 23 พ.ย. 69, ISO dates and real spreadsheet dates; complains in Thai."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return thai_dates.parse_date(str(value))
