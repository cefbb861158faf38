"""The working-day calendar and the one function that computes a deadline.

Rule (PRODUCT.md): the day of receipt is not counted; day 1 is the first working day after it, so a
ticket received on a weekend or holiday starts counting on the next working day. Whether a rule counts
working days or calendar days (rolled forward to a working day), and how many, is data
(`DeadlineRule`), so that a complaint category can carry its own rule.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from django.conf import settings
from django.utils import timezone

from core.thai_dates import format_short

from .choices import DeadlineBasis
from .models import Holiday


class RuleLike(Protocol):
    basis: str
    days: int


@dataclass(frozen=True)
class Rule:
    """A rule given in code or tests; `DeadlineRule` rows satisfy the same protocol."""

    basis: str
    days: int


WORKING_DAYS_15 = Rule(DeadlineBasis.WORKING_DAYS, 15)
# The rule row (seeded by migration 0002) that a ticket with no category of its own is counted by; when the row is
# missing, WORKING_DAYS_15 is. The rule pages keep it from being deleted or recounted.
DEFAULT_RULE_CODE = "15-working-days"


def lookahead(rule: RuleLike) -> timedelta:
    """How far after its start a rule's deadline can fall: weekends and at most ~25 holidays a year, so three times
    the days plus a month always suffices (15 working days: 76 days; the longest Songkran run needs under 30)."""
    return timedelta(days=rule.days * 3 + 31)


@dataclass(frozen=True)
class Deadline:
    received_on: date
    due_on: date
    basis: str
    days: int
    skipped_holidays: tuple[tuple[date, str], ...] = field(default=())

    @property
    def explanation(self) -> str:
        """For display: "ไม่นับวันรับเรื่อง; ข้ามวันหยุด: 13 เม.ย. 69 วันสงกรานต์, …"."""
        parts = ["ไม่นับวันรับเรื่อง"]
        if self.basis == DeadlineBasis.CALENDAR_DAYS:
            parts.append(f"นับ {self.days} วันตามปฏิทิน ครบกำหนดในวันหยุดให้เลื่อนเป็นวันทำการถัดไป")
        else:
            parts.append(f"นับ {self.days} วันทำการ")
        if self.skipped_holidays:
            parts.append("ข้ามวันหยุด: " + ", ".join(f"{format_short(d)} {name}" for d, name in self.skipped_holidays))
        return "; ".join(parts)


class WorkingCalendar:
    """Weekends plus a set of holidays. Build it once for a date range and reuse it for many deadlines."""

    def __init__(self, holidays: dict[date, str]):
        self.holidays = holidays

    @classmethod
    def between(cls, start: date, end: date) -> "WorkingCalendar":
        """Holidays from the database for [start, end], in one query."""
        rows = Holiday.objects.filter(date__range=(start, end)).values_list("date", "name")
        return cls(dict(rows))

    @classmethod
    def for_deadlines(cls, first: date, last: date | None = None, *,
                      rules: Iterable[RuleLike] = (WORKING_DAYS_15,)) -> "WorkingCalendar":
        """The one way to get a calendar for deadlines: it holds every deadline, under any of `rules`, of anything
        received from `first` to `last` (or on `first` alone). One query, then as many deadlines as needed."""
        return cls.between(first, (last or first) + max(lookahead(rule) for rule in rules))

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.holidays

    def _skips_holiday(self, d: date) -> bool:
        """A holiday on a weekday; one that falls on a weekend was never a working day to skip."""
        return d.weekday() < 5 and d in self.holidays

    def working_days_after(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many working days after receipt an answer came."""
        days = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            days += self.is_working_day(day)
        return days

    def deadline(self, received_on: date, rule: RuleLike) -> Deadline:
        skipped: list[tuple[date, str]] = []
        day = received_on
        if rule.basis == DeadlineBasis.CALENDAR_DAYS:
            day = received_on + timedelta(days=rule.days)
            while not self.is_working_day(day):
                if self._skips_holiday(day):
                    skipped.append((day, self.holidays[day]))
                day += timedelta(days=1)
        else:
            counted = 0
            while counted < rule.days:
                day += timedelta(days=1)
                if self.is_working_day(day):
                    counted += 1
                elif self._skips_holiday(day):
                    skipped.append((day, self.holidays[day]))
        return Deadline(received_on, day, rule.basis, rule.days, tuple(skipped))


def compute_deadline(received_on: date, rule: RuleLike = WORKING_DAYS_15,
                     calendar: WorkingCalendar | None = None) -> Deadline:
    """The due date of something received on `received_on` under `rule`.

    Pass a `calendar` from `WorkingCalendar.for_deadlines` when computing many deadlines; otherwise the holidays
    the rule can reach are read from the database.
    """
    calendar = calendar or WorkingCalendar.for_deadlines(received_on, rules=[rule])
    return calendar.deadline(received_on, rule)


# --- Office hours: standards counted in minutes (CS7) ----------------------------------------------------------------
# A standard in minutes counts only time inside office hours (settings.OFFICE_HOURS, 08:30–16:30) on working days of
# the same calendar: something received at 16:00 under a 60-minute standard is due at 09:00 on the next working day;
# something received on a holiday or before opening starts counting at the next opening. Datetimes are read in the
# local time zone (Asia/Bangkok).

def office_hours_rule(minutes: int) -> Rule:
    """A working-day rule reaching at least as far as `minutes` of office time: what to build the calendar with."""
    opens, closes = settings.OFFICE_HOURS
    per_day = (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)
    return Rule(DeadlineBasis.WORKING_DAYS, -(-minutes // per_day) + 1)


def _office_spans(calendar: WorkingCalendar, start: datetime):
    """The office-hours spans [open, close) from `start` on, as local datetimes, the first one cut at `start`."""
    opens, closes = settings.OFFICE_HOURS
    start = timezone.localtime(start)
    tz = start.tzinfo
    day = start.date()
    while True:
        if calendar.is_working_day(day):
            span_open = datetime.combine(day, opens, tzinfo=tz)
            span_close = datetime.combine(day, closes, tzinfo=tz)
            span_open = max(span_open, start)
            if span_open < span_close:
                yield span_open, span_close
        day += timedelta(days=1)


def office_minutes_between(start: datetime, end: datetime, calendar: WorkingCalendar) -> int:
    """Whole minutes of office hours in [start, end]: how long something took, by the office's clock."""
    total = timedelta()
    if end <= start:
        return 0
    for span_open, span_close in _office_spans(calendar, start):
        if span_open >= end:
            break
        total += min(span_close, end) - span_open
    return int(total.total_seconds() // 60)


def office_deadline(received_at: datetime, minutes: int, calendar: WorkingCalendar | None = None) -> datetime:
    """The moment `minutes` of office hours have passed since `received_at` (local time). Something completed at or
    before it met the standard, as `office_minutes_between(received_at, completed_at) <= minutes` says too.

    Pass a calendar from `WorkingCalendar.for_deadlines(..., rules=[office_hours_rule(minutes)])` for many."""
    calendar = calendar or WorkingCalendar.for_deadlines(timezone.localtime(received_at).date(),
                                                         rules=[office_hours_rule(minutes)])
    left = timedelta(minutes=minutes)
    for span_open, span_close in _office_spans(calendar, received_at):
        if span_close - span_open >= left:
            return span_open + left
        left -= span_close - span_open
    raise AssertionError("unreachable")  # pragma: no cover
