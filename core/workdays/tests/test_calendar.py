"""The deadline rule, checked against dates worked out by hand on the 2025–2026 government calendar."""
from datetime import date

import pytest

from core.workdays.calendar import Rule, WorkingCalendar, compute_deadline
from core.workdays.choices import DeadlineBasis
from core.workdays.models import DeadlineRule, Holiday
from core.workdays.services import holiday_delete, holiday_save

WD15 = Rule(DeadlineBasis.WORKING_DAYS, 15)
CAL30 = Rule(DeadlineBasis.CALENDAR_DAYS, 30)

CASES = [
    # (what, received on, rule, due on, weekday holidays skipped)
    ("New Year: 31 Dec, 1 Jan and the special 2 Jan skipped", date(2025, 12, 26), WD15, date(2026, 1, 21),
     [date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)]),
    ("Songkran skipped, Labour Day counted as a working day", date(2026, 4, 10), WD15, date(2026, 5, 7),
     [date(2026, 4, 13), date(2026, 4, 14), date(2026, 4, 15), date(2026, 5, 4)]),
    ("substitution day 7 Dec for 5 Dec (a Saturday) and Constitution Day", date(2026, 12, 4), WD15,
     date(2026, 12, 29), [date(2026, 12, 7), date(2026, 12, 10)]),
    ("received on a holiday: counting starts on the next working day", date(2025, 12, 31), WD15,
     date(2026, 1, 23), [date(2026, 1, 1), date(2026, 1, 2)]),
    ("received on a Saturday: Monday is day 1", date(2026, 3, 7), WD15, date(2026, 3, 27), []),
    ("received on a Friday: the same deadline as Saturday", date(2026, 3, 6), WD15, date(2026, 3, 27), []),
    ("received on a Sunday", date(2026, 3, 8), WD15, date(2026, 3, 27), []),
    ("Makha Bucha on the day after receipt", date(2026, 3, 2), WD15, date(2026, 3, 24), [date(2026, 3, 3)]),
    ("calendar days ending on Songkran roll forward", date(2026, 3, 14), CAL30, date(2026, 4, 16),
     [date(2026, 4, 13), date(2026, 4, 14), date(2026, 4, 15)]),
    ("calendar days ending on Labour Day stay (offices are open)", date(2026, 4, 1), CAL30, date(2026, 5, 1), []),
    ("one working day", date(2026, 4, 10), Rule(DeadlineBasis.WORKING_DAYS, 1), date(2026, 4, 16),
     [date(2026, 4, 13), date(2026, 4, 14), date(2026, 4, 15)]),
]


@pytest.mark.django_db
@pytest.mark.parametrize("what, received, rule, due, skipped", CASES, ids=[c[0] for c in CASES])
def test_deadline_table(what, received, rule, due, skipped):
    deadline = compute_deadline(received, rule)
    assert deadline.due_on == due
    assert [d for d, _name in deadline.skipped_holidays] == skipped


@pytest.mark.django_db
def test_the_default_rule_is_stored_as_data():
    rule = DeadlineRule.objects.get(code="15-working-days")
    assert (rule.basis, rule.days) == (DeadlineBasis.WORKING_DAYS, 15)
    assert compute_deadline(date(2026, 4, 10), rule).due_on == date(2026, 5, 7)


@pytest.mark.django_db
def test_explanation_names_the_skipped_holidays_in_thai():
    deadline = compute_deadline(date(2026, 4, 10), WD15)
    assert deadline.explanation.startswith("ไม่นับวันรับเรื่อง; นับ 15 วันทำการ; ข้ามวันหยุด: 13 เม.ย. 69 วันสงกรานต์")
    assert "4 พ.ค. 69 วันฉัตรมงคล" in deadline.explanation


@pytest.mark.django_db
def test_a_special_holiday_added_by_the_cabinet_moves_the_deadline():
    holiday_delete(holiday=Holiday.objects.get(date=date(2026, 1, 2)))
    assert compute_deadline(date(2025, 12, 31), WD15).due_on == date(2026, 1, 22)
    holiday_save(day=date(2026, 1, 2), name="วันหยุดพิเศษ (เพิ่มเติม)", source="มติ ครม. 14 ต.ค. 2568")
    assert compute_deadline(date(2025, 12, 31), WD15).due_on == date(2026, 1, 23)


def test_a_calendar_built_once_serves_many_deadlines_without_queries(django_assert_num_queries, db):
    calendar = WorkingCalendar.between(date(2026, 1, 1), date(2026, 12, 31))
    with django_assert_num_queries(0):
        dues = [calendar.deadline(date(2026, 4, day), WD15).due_on for day in range(1, 11)]
    assert dues[-1] == date(2026, 5, 7)


def test_the_calendar_for_deadlines_reaches_every_deadline_it_is_asked_for(db):
    """One query holds the holidays of every deadline of anything received in the range, under each rule: a
    30-calendar-day rule received on the last day needs holidays more than a month after it."""
    assert Holiday.objects.filter(date=date(2026, 6, 3)).exists()  # the Queen's birthday, seeded
    long_rule = Rule(DeadlineBasis.CALENDAR_DAYS, 30)
    calendar = WorkingCalendar.for_deadlines(date(2026, 4, 1), date(2026, 5, 4),
                                             rules=[Rule(DeadlineBasis.WORKING_DAYS, 15), long_rule])
    # 4 May + 30 days = 3 June, a holiday: rolled to Thursday 4 June, as the database-reading path says.
    assert calendar.deadline(date(2026, 5, 4), long_rule).due_on == date(2026, 6, 4)
    assert compute_deadline(date(2026, 5, 4), long_rule).due_on == date(2026, 6, 4)
