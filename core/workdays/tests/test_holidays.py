"""The seeded calendar is the one Thai government offices keep."""
from datetime import date

import pytest

from core.workdays.choices import HolidayKind
from core.workdays.models import Holiday
from core.workdays.services import government_holidays, holiday_delete, seed_holidays

pytestmark = pytest.mark.django_db


def test_labour_day_is_a_working_day_for_government_offices():
    assert not Holiday.objects.filter(date=date(2026, 5, 1)).exists()
    assert date(2025, 5, 1) not in government_holidays([2025])


def test_royal_ploughing_ceremony_is_a_holiday():
    assert Holiday.objects.get(date=date(2026, 5, 13)).kind == HolidayKind.GOVERNMENT
    assert Holiday.objects.get(date=date(2025, 5, 9)).name == "วันพืชมงคล"


def test_names_are_thai_and_substitution_days_are_marked():
    songkran = Holiday.objects.get(date=date(2025, 4, 16))
    assert (songkran.name, songkran.kind) == ("ชดเชยวันสงกรานต์", HolidayKind.SUBSTITUTION)
    assert Holiday.objects.get(date=date(2026, 1, 2)).kind == HolidayKind.SPECIAL


def test_seeding_again_adds_nothing_and_keeps_administrators_changes():
    Holiday.objects.filter(date=date(2026, 1, 1)).update(name="วันขึ้นปีใหม่ (แก้ไขโดยผู้ดูแล)")
    holiday_delete(holiday=Holiday.objects.get(date=date(2026, 1, 2)))  # a cancelled special day
    assert seed_holidays(years=[2026]) == 0
    assert Holiday.objects.get(date=date(2026, 1, 1)).name == "วันขึ้นปีใหม่ (แก้ไขโดยผู้ดูแล)"
    assert not Holiday.objects.filter(date=date(2026, 1, 2)).exists()


def test_a_year_not_yet_in_the_table_is_seeded_whole():
    assert seed_holidays(years=[2032]) > 10
    assert Holiday.objects.filter(date=date(2032, 1, 1)).exists()


def test_several_years_are_seeded():
    years = {d.year for d in Holiday.objects.dates("date", "year")}
    assert {2012, 2025, 2026, 2027, 2031} <= years
