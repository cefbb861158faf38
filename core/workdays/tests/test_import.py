"""Administrators add the cabinet's special holidays by spreadsheet, through the calendar service."""
from datetime import date

import pytest
import tablib

from core.workdays.models import Holiday
from core.workdays.resources import HolidayResource

pytestmark = pytest.mark.django_db


def sheet(*rows):
    return tablib.Dataset(*rows, headers=["วันที่", "ชื่อวันหยุด", "ประเภท", "ที่มา"])


def test_a_special_holiday_with_thai_headers_is_added_with_its_source():
    result = HolidayResource().import_data(sheet(("23/11/2569", "วันหยุดพิเศษ", "", "มติ ครม. 10 พ.ย. 2569")),
                                           dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    holiday = Holiday.objects.get(date=date(2026, 11, 23))
    assert (holiday.name, holiday.kind, holiday.source) == ("วันหยุดพิเศษ", "special", "มติ ครม. 10 พ.ย. 2569")


def test_a_dry_run_writes_nothing():
    HolidayResource().import_data(sheet(("2026-11-24", "วันหยุดพิเศษ", "special", "")), dry_run=True)
    assert not Holiday.objects.filter(date=date(2026, 11, 24)).exists()


def test_a_bad_row_writes_nothing_at_all():
    result = HolidayResource().import_data(
        sheet(("2026-11-25", "วันหยุดพิเศษ", "special", ""), ("ไม่ใช่วันที่", "วันหยุด", "special", "")),
        dry_run=False, use_transactions=True, raise_errors=False)
    messages = [(n, str(e.error)) for n, errors in result.row_errors() for e in errors]
    messages += [(r.number, str(r.error_dict)) for r in result.invalid_rows]
    assert [n for n, m in messages if "อ่านวันที่ไม่ได้: “ไม่ใช่วันที่”" in m] == [2]
    assert not Holiday.objects.filter(date=date(2026, 11, 25)).exists()
