"""The Thai fiscal year (1 October – 30 September, named by its Buddhist Era year) and its quarters.

Never the calendar quarters of the locale: fiscal Q1 is October–December.
"""
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import BadRequest

from .thai_dates import BE_OFFSET

# Every fiscal year the app can hold (BE 2500–2700, CE 1956–2157): wide enough for any plan, narrow enough that
# every date inside it exists.
FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR = 2500, 2700


@dataclass(frozen=True)
class FiscalQuarter:
    fiscal_year: int  # BE
    quarter: int  # 1..4
    start: date
    end: date

    @property
    def label(self) -> str:
        return f"ไตรมาส {self.quarter}/{self.fiscal_year}"


def fiscal_year_of(d: date) -> int:
    """FY (BE) containing d: 1 Oct 2025 → 2569."""
    return d.year + BE_OFFSET + (1 if d.month >= 10 else 0)


# What a form field, a filter or a serializer says of a fiscal year it cannot take (Django's and DRF's keys).
FISCAL_YEAR_ERRORS = {
    "invalid": "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2569",
    "max_decimal_places": "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2569",
    "min_value": f"ปีงบประมาณต้องอยู่ระหว่าง {FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR}",
    "max_value": f"ปีงบประมาณต้องอยู่ระหว่าง {FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR}",
}


def fiscal_year_param(raw: str | None) -> int | None:
    """A fiscal year from a query string ("2569", Thai digits too); None when absent. Anything else is a 400 with
    a Thai message (BadRequest), never a date that cannot exist or a server error."""
    text = (raw or "").strip()
    if not text:
        return None
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if not text.isdecimal() or not FIRST_FISCAL_YEAR <= int(text) <= LAST_FISCAL_YEAR:
        raise BadRequest(f"ปีงบประมาณ “{text[:20]}” ไม่ถูกต้อง: ใช้ปี พ.ศ. {FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR} "
                         "เช่น 2569")
    return int(text)


def fiscal_year_bounds(fiscal_year: int) -> tuple[date, date]:
    """FY 2569 → (1 Oct 2025, 30 Sep 2026)."""
    end_year = fiscal_year - BE_OFFSET
    return date(end_year - 1, 10, 1), date(end_year, 9, 30)


def fiscal_months(fiscal_year: int) -> list[date]:
    """The twelve months of a fiscal year, October first, as the first day of each month."""
    start, _ = fiscal_year_bounds(fiscal_year)
    return [date(start.year + (start.month + i - 1) // 12, (start.month + i - 1) % 12 + 1, 1) for i in range(12)]


def fiscal_quarter(fiscal_year: int, quarter: int) -> FiscalQuarter:
    if quarter not in (1, 2, 3, 4):
        raise ValueError("ไตรมาสต้องเป็น 1–4")
    months = fiscal_months(fiscal_year)
    first = months[(quarter - 1) * 3]
    last = months[(quarter - 1) * 3 + 2]
    next_month = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return FiscalQuarter(fiscal_year, quarter, first, date.fromordinal(next_month.toordinal() - 1))


def fiscal_quarter_of(d: date) -> FiscalQuarter:
    fy = fiscal_year_of(d)
    index = fiscal_months(fy).index(date(d.year, d.month, 1))
    return fiscal_quarter(fy, index // 3 + 1)
