"""Buddhist Era dates and the fiscal year, as Thai documents write them."""
from datetime import date

import pytest
from django.template import Context, Template

from core import fiscal, thai_dates


def test_full_and_short_forms():
    assert thai_dates.format_full(date(2026, 11, 21)) == "21 พฤศจิกายน 2569"
    assert thai_dates.format_short(date(2026, 11, 21)) == "21 พ.ย. 69"
    assert thai_dates.format_month(date(2012, 1, 1)) == "ม.ค. 55"
    assert thai_dates.format_month(date(2012, 3, 1), full_year=True) == "มี.ค. 2555"


@pytest.mark.parametrize("text, expected", [
    ("มค 55", date(2012, 1, 1)),
    ("มีค 55", date(2012, 3, 1)),
    ("เมย 55", date(2012, 4, 1)),
    ("กย 55", date(2012, 9, 1)),
    ("ต.ค. 2554", date(2011, 10, 1)),
    ("มกราคม 2569", date(2026, 1, 1)),
    ("ธ.ค. ๖๙", date(2026, 12, 1)),
])
def test_seed_month_forms_are_read(text, expected):
    assert thai_dates.parse_month(text) == expected


def test_a_month_without_a_year_takes_the_given_one():
    assert thai_dates.parse_month("เมย", default_be_year=2555) == date(2012, 4, 1)
    with pytest.raises(ValueError, match="ไม่ระบุปี"):
        thai_dates.parse_month("เมย")


@pytest.mark.parametrize("text, expected", [
    ("21/11/2569", date(2026, 11, 21)),
    ("21 พ.ย. 69", date(2026, 11, 21)),
    ("21 พฤศจิกายน 2569", date(2026, 11, 21)),
    ("2026-11-21", date(2026, 11, 21)),
    ("๒๑/๑๑/๒๕๖๙", date(2026, 11, 21)),
])
def test_dates_are_read_in_buddhist_era(text, expected):
    assert thai_dates.parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2569", "พรุ่งนี้", "13/13/2569", ""])
def test_bad_dates_give_a_thai_message(text):
    with pytest.raises(ValueError, match="อ่านวันที่ไม่ได้"):
        thai_dates.parse_date(text)


def test_thai_digits_filter():
    assert Template("{{ 2569|thai_digits }} {{ d|thai_date }}").render(Context({"d": date(2026, 11, 21)})) == (
        "๒๕๖๙ 21 พฤศจิกายน 2569")


@pytest.mark.parametrize("day, fy", [
    (date(2025, 10, 1), 2569), (date(2025, 9, 30), 2568), (date(2026, 9, 30), 2569), (date(2011, 10, 1), 2555),
])
def test_fiscal_year_runs_october_to_september(day, fy):
    assert fiscal.fiscal_year_of(day) == fy


def test_fiscal_year_bounds_and_months():
    assert fiscal.fiscal_year_bounds(2569) == (date(2025, 10, 1), date(2026, 9, 30))
    months = fiscal.fiscal_months(2555)
    assert (months[0], months[3], months[-1]) == (date(2011, 10, 1), date(2012, 1, 1), date(2012, 9, 1))


@pytest.mark.parametrize("day, quarter, start, end", [
    (date(2025, 11, 21), 1, date(2025, 10, 1), date(2025, 12, 31)),
    (date(2026, 1, 1), 2, date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 6, 30), 3, date(2026, 4, 1), date(2026, 6, 30)),
    (date(2026, 9, 30), 4, date(2026, 7, 1), date(2026, 9, 30)),
])
def test_fiscal_quarters_are_not_calendar_quarters(day, quarter, start, end):
    q = fiscal.fiscal_quarter_of(day)
    assert (q.fiscal_year, q.quarter, q.start, q.end) == (2569, quarter, start, end)
    assert q.label == f"ไตรมาส {quarter}/2569"
