"""Verdicts on hand-worked dates across weekends and holidays (seeded: 31 Dec 2025, 1 and 2 Jan 2026 holidays;
3–4 Jan a weekend; 13–15 Apr 2026 Songkran), by the rule complaints use: the day of receipt is not counted."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.workdays.models import Holiday
from core.workdays.services import holiday_save
from service_standards.models import ServiceRecord
from service_standards.services import records_save

BKK = ZoneInfo("Asia/Bangkok")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=BKK)


def one(office, service, **row):
    return records_save(office=office, service=service, rows=[{"reference": "R-1", **row}])[0]


def test_working_days_skip_the_new_year_holidays_and_the_weekend(offices, make_service):
    service = make_service(3, "working_days")
    # Received Tue 30 Dec; 31 Dec, 1 and 2 Jan holidays, 3–4 Jan weekend: day 1 Mon 5, day 3 Wed 7 Jan.
    met = one(offices["dist_a"], service, received_on=date(2025, 12, 30), completed_on=date(2026, 1, 7))
    assert (met.due_on, met.met) == (date(2026, 1, 7), True)
    late = one(offices["dist_a"], service, received_on=date(2025, 12, 30), completed_on=date(2026, 1, 8))
    assert (late.due_on, late.met) == (date(2026, 1, 7), False)
    assert ServiceRecord.objects.count() == 1  # the same reference again updated the record


def test_calendar_days_roll_forward_over_holidays_and_weekends(offices, make_service):
    service = make_service(3, "calendar_days")
    # Mon 29 Dec + 3 days = Thu 1 Jan (holiday) → Fri 2 (holiday) → weekend → Mon 5 Jan.
    record = one(offices["dist_a"], service, received_on=date(2025, 12, 29), completed_on=date(2026, 1, 5))
    assert (record.due_on, record.met) == (date(2026, 1, 5), True)
    # Fri 10 Apr + 5 days = Wed 15 Apr, Songkran → Thu 16 Apr.
    record = records_save(office=offices["dist_a"], service=service,
                          rows=[{"reference": "R-2", "received_on": date(2026, 4, 10),
                                 "completed_on": date(2026, 4, 17)}])[0]
    assert (record.due_on, record.met) == (date(2026, 4, 16), False)


def test_minute_standards_count_office_hours_only(offices, make_service):
    service = make_service(60, "minutes", steps=[])
    # Tue 30 Dec 16:00: 30 minutes to closing, then the holidays and the weekend, 30 more from Mon 5 Jan 08:30.
    record = one(offices["dist_a"], service, received_at=at(2025, 12, 30, 16, 0), completed_at=at(2026, 1, 5, 9, 0))
    assert record.due_at == at(2026, 1, 5, 9, 0)
    assert (record.received_on, record.completed_on, record.due_on, record.met) == (
        date(2025, 12, 30), date(2026, 1, 5), date(2026, 1, 5), True)
    record = one(offices["dist_a"], service, received_at=at(2025, 12, 30, 16, 0), completed_at=at(2026, 1, 5, 9, 1))
    assert record.met is False
    # Done the same evening after closing: 30 office minutes.
    record = one(offices["dist_a"], service, received_at=at(2025, 12, 30, 16, 0), completed_at=at(2025, 12, 30, 18))
    assert record.met is True
    # Received on a Saturday: counting starts at Monday's opening.
    saturday = records_save(office=offices["dist_a"], service=service,
                            rows=[{"reference": "R-2", "received_at": at(2026, 1, 3, 10, 0)}])[0]
    assert (saturday.due_at, saturday.met) == (at(2026, 1, 5, 9, 30), None)


def test_a_minute_standard_needs_times_and_a_day_standard_dates(offices, make_service):
    minutes, days = make_service(30, "minutes", steps=[]), make_service(2, "working_days")
    with pytest.raises(ValidationError) as refused:
        records_save(office=offices["dist_a"], service=minutes, rows=[
            {"reference": "A", "received_at": at(2026, 1, 5, 9, 0)},
            {"reference": "B", "received_on": date(2026, 1, 5)}])
    assert refused.value.message_dict["records"] == [
        "รายการที่ 2 วันเวลาที่รับคำขอ: งานบริการนี้มีมาตรฐานเป็นนาที กรุณาระบุวันและเวลาที่รับคำขอ"]
    with pytest.raises(ValidationError) as refused:
        records_save(office=offices["dist_a"], service=days, rows=[
            {"reference": "A", "received_on": date(2026, 1, 5), "completed_on": date(2026, 1, 2)},
            {"reference": "A", "received_on": date(2026, 1, 5)}])
    assert refused.value.message_dict["records"] == [
        "รายการที่ 1 วันที่แล้วเสร็จ: วันที่แล้วเสร็จต้องไม่ก่อนวันที่รับคำขอ",
        "รายการที่ 2 เลขที่อ้างอิง: เลขที่อ้างอิงซ้ำกับรายการที่ 1"]
    assert not ServiceRecord.objects.exists()


def test_an_office_uses_its_own_services_and_those_above_never_another_branchs(offices, make_service):
    department = make_service(3, "working_days")
    other = make_service(3, "working_days", office=offices["other"], name="บริการของจังหวัดอื่น")
    records_save(office=offices["dist_a"], service=department, rows=[{"reference": "1", "received_on": date(2026, 1, 5)}])
    with pytest.raises(ValidationError, match="หน่วยงานนี้ใช้งานบริการนี้ไม่ได้"):
        records_save(office=offices["dist_a"], service=other, rows=[{"reference": "1", "received_on": date(2026, 1, 5)}])


def test_a_holiday_added_later_moves_open_records_only(offices, make_service):
    days, minutes = make_service(3, "working_days"), make_service(60, "minutes", steps=[])
    assert not Holiday.objects.filter(date__range=(date(2026, 1, 9), date(2026, 1, 16))).exists()
    # Fri 9 Jan + 3 working days: Mon 12, Tue 13, Wed 14.
    open_ = one(offices["dist_a"], days, received_on=date(2026, 1, 9))
    done = records_save(office=offices["dist_a"], service=days, rows=[
        {"reference": "DONE", "received_on": date(2026, 1, 9), "completed_on": date(2026, 1, 14)}])[0]
    # Mon 12 Jan 16:00 + 60 office minutes: Tue 13 Jan 09:00.
    timed = one(offices["dist_a"], minutes, received_at=at(2026, 1, 12, 16, 0))
    assert (open_.due_on, done.due_on, timed.due_at) == (date(2026, 1, 14), date(2026, 1, 14), at(2026, 1, 13, 9, 0))
    holiday_save(day=date(2026, 1, 13), name="วันหยุดพิเศษทดสอบ", source="มติ ครม.")
    for record in (open_, done, timed):
        record.refresh_from_db()
    assert (open_.due_on, open_.met) == (date(2026, 1, 15), None)
    assert (done.due_on, done.met) == (date(2026, 1, 14), True)
    assert (timed.due_on, timed.due_at) == (date(2026, 1, 14), at(2026, 1, 14, 9, 0))


def test_moving_due_dates_takes_the_same_queries_for_many_records(offices, make_service):
    days, minutes = make_service(3, "working_days"), make_service(60, "minutes", steps=[])
    one(offices["dist_a"], days, received_on=date(2026, 1, 9))
    with CaptureQueriesContext(connection) as few:
        holiday_save(day=date(2026, 1, 13), name="วันหยุดพิเศษทดสอบ", source="ทดสอบ")
    records_save(office=offices["dist_a"], service=days,
                 rows=[{"reference": f"D{i}", "received_on": date(2026, 1, 9)} for i in range(30)])
    records_save(office=offices["dist_b"], service=minutes,
                 rows=[{"reference": f"M{i}", "received_at": at(2026, 1, 12, 16, 0)} for i in range(30)])
    with CaptureQueriesContext(connection) as many:
        holiday_save(day=date(2026, 1, 14), name="วันหยุดพิเศษทดสอบ 2", source="ทดสอบ")
    assert len(many) == len(few)
    assert set(ServiceRecord.objects.filter(service=days).values_list("due_on", flat=True)) == {date(2026, 1, 16)}
    assert set(ServiceRecord.objects.filter(service=minutes).values_list("due_at", flat=True)) == {
        at(2026, 1, 15, 9, 0)}
