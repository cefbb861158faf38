"""The ticket clock and workflow, checked the way an assessor would: dates, verdicts and history."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from channels.selectors import channel_by_code
from complaints.choices import EventAction, Kind, ReplyKind, ReplyMethod, Status
from complaints.models import Category, Ticket
from complaints.services import (
    TicketIntake,
    ticket_assign,
    ticket_change_status,
    ticket_deadline,
    ticket_mark_duplicate,
    ticket_reopen,
    ticket_reply,
    ticket_transfer,
    tickets_create,
)
from complaints.tests.factories import make_ticket
from core.workdays.choices import DeadlineBasis
from core.workdays.models import DeadlineRule, Holiday
from core.workdays.services import holiday_delete, holiday_save

pytestmark = pytest.mark.django_db


def reply(ticket, on, kind=ReplyKind.FINAL):
    return ticket_reply(ticket=ticket, kind=kind, replied_on=on, method=ReplyMethod.PHONE, text="แจ้งผลแล้ว",
                        today=date(2026, 11, 21))


def test_a_complaint_gets_15_working_days_and_says_which_holidays_it_skipped(offices):
    ticket = make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 10))
    assert ticket.due_on == date(2026, 5, 7)
    assert ticket.reference == "DIST-A-2569-00001"
    assert len(ticket.tracking_code) == 10
    assert "ข้ามวันหยุด: 13 เม.ย. 69 วันสงกรานต์" in ticket_deadline(ticket).explanation


def test_references_run_per_office_and_fiscal_year(offices):
    first = make_ticket(office=offices["dist_a"], received_on=date(2026, 9, 30))
    second = make_ticket(office=offices["dist_a"], received_on=date(2026, 10, 1))
    third = make_ticket(office=offices["dist_a"], received_on=date(2026, 10, 2))
    other = make_ticket(office=offices["dist_b"], received_on=date(2026, 10, 2))
    assert [t.reference for t in (first, second, third, other)] == [
        "DIST-A-2569-00001", "DIST-A-2570-00001", "DIST-A-2570-00002", "DIST-B-2570-00001"]


def test_compliments_have_no_deadline(offices):
    ticket = make_ticket(office=offices["dist_a"], kind=Kind.COMPLIMENT)
    assert ticket.due_on is None and ticket_deadline(ticket) is None


def test_a_category_carries_its_own_rule(offices):
    rule = DeadlineRule.objects.create(code="7-calendar", name="7 วัน", basis=DeadlineBasis.CALENDAR_DAYS, days=7)
    category = Category.objects.create(name="เรื่องเร่งด่วน", deadline_rule=rule)
    ticket = make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 6), category=category)
    assert ticket.due_on == date(2026, 4, 16)  # 13 Apr (Songkran) + holidays → next working day


def test_back_dated_receipt_counts_from_the_receipt_and_is_recorded(offices):
    ticket = make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 7), today=date(2026, 3, 20))
    assert ticket.due_on == date(2026, 3, 27) and ticket.backdated
    created = ticket.events.get(action=EventAction.CREATED)
    assert created.note == "บันทึกย้อนหลัง: รับเรื่องวันที่ 7 มี.ค. 69 บันทึกวันที่ 20 มี.ค. 69"


def test_a_future_receipt_is_refused_in_thai(offices):
    with pytest.raises(ValidationError, match="วันที่รับเรื่องต้องไม่เป็นวันในอนาคต"):
        make_ticket(office=offices["dist_a"], received_on=date(2026, 12, 1), today=date(2026, 11, 21))


def test_only_allowed_transitions_and_each_is_recorded(offices, people):
    ticket = make_ticket(office=offices["prov"])
    with pytest.raises(ValidationError, match="เปลี่ยนสถานะจาก “รับเรื่อง” เป็น “ปิดเรื่อง” ไม่ได้"):
        ticket_change_status(ticket=ticket, to_status=Status.CLOSED, by=people["alice"])
    with pytest.raises(ValidationError):
        ticket_change_status(ticket=ticket, to_status=Status.REJECTED, by=people["alice"])  # no reason
    ticket_change_status(ticket=ticket, to_status=Status.REJECTED, by=people["alice"], note="ข้อมูลไม่เพียงพอ")
    event = ticket.events.get(action=EventAction.STATUS)
    assert (event.from_status, event.to_status, event.by, event.note) == (
        Status.RECEIVED, Status.REJECTED, people["alice"], "ข้อมูลไม่เพียงพอ")


def test_the_clock_stops_at_the_first_final_reply_not_at_an_interim_one(offices, people):
    ticket = make_ticket(office=offices["prov"], received_on=date(2026, 4, 10))
    ticket_assign(ticket=ticket, office=offices["dist_a"], by=people["alice"])
    reply(ticket, date(2026, 4, 20), ReplyKind.INTERIM)
    ticket.refresh_from_db()
    assert (ticket.status, ticket.answered_on, ticket.on_time) == (Status.ASSIGNED, None, None)
    reply(ticket, date(2026, 5, 8))  # one working day late
    ticket.refresh_from_db()
    assert (ticket.status, ticket.answered_on, ticket.on_time) == (Status.ANSWERED, date(2026, 5, 8), False)
    assert ticket.working_days_to_answer == 16
    ticket_change_status(ticket=ticket, to_status=Status.CLOSED)  # an internal close changes no verdict
    ticket.refresh_from_db()
    assert ticket.on_time is False


def test_a_transfer_keeps_the_citizens_clock_and_each_offices_time(offices, people):
    ticket = make_ticket(office=offices["prov"], received_on=date(2026, 4, 10))
    ticket_assign(ticket=ticket, office=offices["dist_a"], by=people["alice"])
    ticket_transfer(ticket=ticket, to_office=offices["dist_b"], by=people["alice"], note="อยู่ในพื้นที่อำเภอ ข")
    ticket.refresh_from_db()
    assert (ticket.office, ticket.due_on, ticket.received_on) == (offices["dist_b"], date(2026, 5, 7),
                                                                  date(2026, 4, 10))
    assert [s.office.code for s in ticket.stints.all()] == ["PROV", "DIST-A", "DIST-B"]
    assert [s.ended_at is None for s in ticket.stints.all()] == [False, False, True]
    reply(ticket, date(2026, 5, 7))
    ticket.refresh_from_db()
    assert ticket.on_time is True


def test_reopening_keeps_the_first_verdict_and_gives_the_new_round_its_own_deadline(offices, people):
    ticket = make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 10))
    reply(ticket, date(2026, 4, 30))
    ticket_reopen(ticket=ticket, reason="ผู้ร้องแจ้งว่ายังไม่ได้รับการแก้ไข", today=date(2026, 6, 1))
    ticket.refresh_from_db()
    # counted from the reopening, 1 Jun 2026; 3 Jun (the Queen's birthday) is skipped
    assert (ticket.round, ticket.status, ticket.due_on, ticket.on_time) == (2, Status.IN_PROGRESS,
                                                                           date(2026, 6, 23), True)
    reply(ticket, date(2026, 7, 1))  # the second round is late ...
    ticket.refresh_from_db()
    assert ticket.on_time is True  # ... the first round's verdict stays frozen
    assert [(r.number, r.on_time) for r in ticket.rounds.all()] == [(1, True), (2, False)]


def test_a_calendar_change_moves_open_deadlines_and_says_why(offices):
    open_ticket = make_ticket(office=offices["dist_a"], received_on=date(2025, 12, 26))
    answered = make_ticket(office=offices["dist_a"], received_on=date(2025, 12, 26))
    reply(answered, date(2026, 1, 5))
    assert open_ticket.due_on == date(2026, 1, 21)
    holiday_delete(holiday=Holiday.objects.get(date=date(2026, 1, 2)))
    open_ticket.refresh_from_db()
    assert open_ticket.due_on == date(2026, 1, 20)
    holiday_save(day=date(2026, 1, 2), name="วันหยุดพิเศษ (เพิ่มเติม)", source="มติ ครม.")
    open_ticket.refresh_from_db()
    answered.refresh_from_db()
    assert open_ticket.due_on == date(2026, 1, 21) and answered.due_on == date(2026, 1, 21)
    notes = list(open_ticket.events.filter(action=EventAction.DEADLINE_MOVED).values_list("note", flat=True))
    assert notes == ["วันครบกำหนดเปลี่ยนจาก 21 ม.ค. 69 เป็น 20 ม.ค. 69 เพราะยกเลิกวันหยุด วันหยุดพิเศษ (เพิ่มเติม)",
                     "วันครบกำหนดเปลี่ยนจาก 20 ม.ค. 69 เป็น 21 ม.ค. 69 เพราะเพิ่มวันหยุด วันหยุดพิเศษ (เพิ่มเติม)"]
    assert not answered.events.filter(action=EventAction.DEADLINE_MOVED).exists()


def test_moving_deadlines_takes_the_same_queries_for_many_tickets(offices):
    make_ticket(office=offices["dist_a"], received_on=date(2025, 12, 26))
    with CaptureQueriesContext(connection) as one:
        holiday_save(day=date(2026, 1, 5), name="วันหยุดพิเศษทดสอบ", source="ทดสอบ")
    for _ in range(30):
        make_ticket(office=offices["dist_a"], received_on=date(2025, 12, 26))
    with CaptureQueriesContext(connection) as many:
        holiday_save(day=date(2026, 1, 6), name="วันหยุดพิเศษทดสอบ 2", source="ทดสอบ")
    assert len(many) == len(one)
    assert set(Ticket.objects.values_list("due_on", flat=True)) == {date(2026, 1, 23)}


def test_a_duplicate_is_merged_and_closed(offices):
    original = make_ticket(office=offices["dist_a"])
    copy = make_ticket(office=offices["dist_a"])
    ticket_mark_duplicate(ticket=copy, original=original)
    copy.refresh_from_db()
    assert (copy.duplicate_of, copy.status) == (original, Status.CLOSED)
    assert original.events.filter(action=EventAction.DUPLICATE, note__contains=copy.reference).exists()


def test_source_ref_is_unique_per_receiving_office(offices):
    make_ticket(office=offices["dist_a"], source_ref="A-1")
    make_ticket(office=offices["dist_b"], source_ref="A-1")
    with pytest.raises(ValidationError, match="มีเรื่องเลขอ้างอิงต้นทาง A-1 ของหน่วยงานนี้อยู่แล้ว"):
        make_ticket(office=offices["dist_a"], source_ref="A-1")


def test_a_missing_channel_is_refused_in_thai_not_by_the_database(offices):
    from complaints.services import ticket_create

    with pytest.raises(ValidationError, match="กรุณาระบุช่องทางที่รับเรื่อง"):
        ticket_create(kind=Kind.COMPLAINT, channel=None, office=offices["dist_a"], received_on=date(2026, 4, 10),
                      subject="เรื่อง", detail="รายละเอียด", today=date(2026, 4, 10))
    assert not Ticket.objects.exists()


def _intake(office, received_on: date, **fields) -> TicketIntake:
    return TicketIntake(kind=Kind.COMPLAINT, channel=channel_by_code("phone"), office=office, received_on=received_on,
                        subject="ไฟถนนดับ", detail="ดับทั้งซอย", **fields)


def test_many_tickets_are_made_in_one_step_that_continues_each_offices_numbers(offices, people):
    """The import's step is the intake's: references per office and fiscal year after those already taken, and every
    ticket with its first round, its stint and its "created" line (saying where it came from, when told)."""
    make_ticket(office=offices["dist_a"], received_on=date(2026, 9, 30))
    references = tickets_create(intakes=[
        _intake(offices["dist_a"], date(2026, 9, 29)),
        _intake(offices["dist_b"], date(2026, 10, 1)),
        _intake(offices["dist_a"], date(2026, 10, 2), origin="นำเข้าจากไฟล์ “a.xlsx” แถว 4"),
        _intake(offices["dist_a"], date(2026, 11, 21), complainant_name="นายก", anonymous=True),
    ], by=people["bob"], today=date(2026, 11, 21))

    assert references == ["DIST-A-2569-00002", "DIST-B-2570-00001", "DIST-A-2570-00001", "DIST-A-2570-00002"]
    tickets = [Ticket.objects.get(reference=reference) for reference in references]
    assert tickets[3].complainant_name == "" and tickets[3].anonymous
    for ticket in tickets:
        assert list(ticket.rounds.values_list("number", "due_on")) == [(1, ticket.due_on)]
        assert list(ticket.stints.values_list("office", flat=True)) == [ticket.office_id]
        assert list(ticket.events.values_list("action", "by")) == [(EventAction.CREATED, people["bob"].pk)]
    assert [t.events.get().note for t in tickets[2:]] == [
        "บันทึกย้อนหลัง: รับเรื่องวันที่ 2 ต.ค. 69 บันทึกวันที่ 21 พ.ย. 69; นำเข้าจากไฟล์ “a.xlsx” แถว 4", ""]


def test_making_many_tickets_takes_the_same_queries_as_making_a_few(offices):
    def queries_for(count: int) -> int:
        intakes = [_intake(offices["dist_a"], date(2026, 4, 10 + n % 5)) for n in range(count)]
        with CaptureQueriesContext(connection) as made:
            tickets_create(intakes=intakes, by=None, today=date(2026, 11, 21))
        return len(made)

    make_ticket(office=offices["dist_a"])  # the office's running number for the year exists, as it mostly will
    assert queries_for(3) == queries_for(300)
