from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.testing.files import pdf_bytes, upload
from service_standards.choices import ManualStatus
from service_standards.models import PublicManual, Service
from service_standards.selectors import chart_summary, manuals_of, services_for_office
from service_standards.services import (
    manual_approve,
    manual_draft,
    manual_publish,
    manual_update,
    service_save,
    staff_manual_version_add,
)


def test_a_service_keeps_its_steps_in_order_and_they_may_not_exceed_the_standard(offices):
    steps = [{"name": "ตรวจเอกสาร", "amount": 1, "responsible_unit": "กลุ่มส่งเสริม"},
             {"name": "ลงพื้นที่", "amount": 2, "responsible_unit": "เกษตรอำเภอ"}]
    service = service_save(office=offices["prov"], name="ขึ้นทะเบียนเกษตรกร", standard_amount=3,
                           standard_unit="working_days", steps=steps)
    assert [(s.order, s.name, s.amount) for s in service.steps.all()] == [(1, "ตรวจเอกสาร", 1), (2, "ลงพื้นที่", 2)]
    with pytest.raises(ValidationError) as refused:
        service_save(office=offices["prov"], service=service, name="ขึ้นทะเบียนเกษตรกร", standard_amount=2,
                     standard_unit="working_days", steps=steps)
    assert refused.value.message_dict["steps"] == ["ระยะเวลารวมของขั้นตอน (3) เกินระยะเวลาตามมาตรฐาน (2)"]
    with pytest.raises(ValidationError) as refused:
        service_save(office=offices["prov"], name="ขึ้นทะเบียนเกษตรกร", standard_amount=3, standard_unit="weeks")
    assert set(refused.value.message_dict) == {"name", "standard_unit"}
    service.refresh_from_db()
    assert service.standard_amount == 3 and Service.objects.count() == 1


def test_services_are_adopted_down_the_tree(offices, make_service):
    dept = make_service(3, "working_days")
    own = make_service(5, "working_days", office=offices["dist_a"], name="ของอำเภอ ก")
    make_service(5, "working_days", office=offices["dist_b"], name="ของอำเภอ ข")
    assert set(services_for_office(office=offices["dist_a"])) == {dept, own}
    assert set(services_for_office(office=offices["prov"])) == {dept}


def test_approval_and_publication_history_with_a_superseded_version(offices, make_service, people):
    service = make_service(3, "working_days")
    first = manual_draft(service=service, title="คู่มือสำหรับประชาชน งานทดสอบ", body="ขั้นตอน …", by=people["alice"])
    with pytest.raises(ValidationError, match="เผยแพร่ได้เฉพาะฉบับที่ผู้บริหารเห็นชอบแล้ว"):
        manual_publish(manual=first, method="website", published_on=date(2025, 11, 1))
    manual_approve(manual=first, approver_name="นายสมชาย ใจดี", approver_position="เกษตรจังหวัด",
                   approved_on=date(2025, 10, 20), by=people["alice"])
    with pytest.raises(ValidationError, match="แก้ไขได้เฉพาะฉบับร่าง"):
        manual_update(manual=first, title="เปลี่ยนชื่อ")
    with pytest.raises(ValidationError, match="ต้องไม่ก่อนวันที่ผู้บริหารเห็นชอบ"):
        manual_publish(manual=first, method="website", published_on=date(2025, 10, 1))
    manual_publish(manual=first, method="website", published_on=date(2025, 11, 1), detail="www.example.go.th")
    manual_publish(manual=first, method="notice_board", published_on=date(2025, 11, 3))
    second = manual_draft(service=service, title="คู่มือสำหรับประชาชน งานทดสอบ (ปรับปรุง)")
    assert second.version == 2
    manual_approve(manual=second, approver_name="นายสมชาย ใจดี", approved_on=date(2026, 3, 1))
    first.refresh_from_db()
    assert first.status == ManualStatus.PUBLISHED  # the approved draft is not yet announced
    manual_publish(manual=second, method="line", published_on=date(2026, 3, 5))
    first.refresh_from_db()
    assert (first.status, first.superseded_on) == (ManualStatus.SUPERSEDED, date(2026, 3, 5))
    assert [(m.version, m.status) for m in manuals_of(service=service)] == [(2, "published"), (1, "superseded")]
    assert [(p.method, p.published_on) for p in first.publications.all()] == [
        ("website", date(2025, 11, 1)), ("notice_board", date(2025, 11, 3))]
    assert PublicManual.objects.filter(status=ManualStatus.PUBLISHED).count() == 1


def test_staff_manual_versions_are_checked_files(offices, make_service):
    service = make_service(3, "working_days")
    first = staff_manual_version_add(service=service, title="คู่มือปฏิบัติงาน", file=upload("a.pdf", pdf_bytes()),
                                     approver_name="นายสมชาย ใจดี", approved_on=date(2025, 10, 20))
    second = staff_manual_version_add(service=service, title="คู่มือปฏิบัติงาน", file=upload("b.pdf", pdf_bytes()))
    assert (first.version, second.version, first.manual_id) == (1, 2, second.manual_id)
    with pytest.raises(ValidationError) as refused:
        staff_manual_version_add(service=service, title="คู่มือปฏิบัติงาน", file=upload("c.pdf", b"not a pdf"))
    assert "file" in refused.value.message_dict
    assert second.manual.versions.count() == 2


def test_the_n_services_m_books_summary(offices, make_service):
    service = make_service(3, "working_days")
    manual = manual_draft(service=service, title="คู่มือ")
    manual_approve(manual=manual, approver_name="ผู้บริหาร", approved_on=date(2025, 10, 20))
    manual_publish(manual=manual, method="booklet", published_on=date(2025, 10, 21))
    staff_manual_version_add(service=service, title="คู่มือปฏิบัติงาน", file=upload("a.pdf", pdf_bytes()))
    make_service(5, "working_days", name="ยังไม่มีคู่มือ")
    summary = chart_summary(office=offices["dist_a"])
    assert (summary.services, summary.books) == (1, 2)


def test_a_record_received_or_completed_tomorrow_is_refused_and_nothing_is_written(offices, make_service):
    from datetime import timedelta

    from django.utils import timezone

    from service_standards.models import ServiceRecord
    from service_standards.services import records_save

    today = timezone.localdate()
    days, minutes = make_service(3, "working_days"), make_service(30, "minutes", name="คลินิกพืช")
    with pytest.raises(ValidationError) as refused:
        records_save(office=offices["prov"], service=days, rows=[
            {"reference": "R-1", "received_on": today, "completed_on": today},
            {"reference": "R-2", "received_on": today, "completed_on": today + timedelta(days=1)},
            {"reference": "R-3", "received_on": today + timedelta(days=1)}])
    assert refused.value.message_dict["records"] == [
        "รายการที่ 2 วันที่แล้วเสร็จ: วันที่แล้วเสร็จต้องไม่เป็นวันในอนาคต",
        "รายการที่ 3 วันที่รับคำขอ: วันที่รับคำขอต้องไม่เป็นวันในอนาคต"]
    tomorrow_at = timezone.localtime() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        records_save(office=offices["prov"], service=minutes, rows=[{"reference": "M-1", "received_at": tomorrow_at}])
    assert refused.value.message_dict["records"] == [
        "รายการที่ 1 วันเวลาที่รับคำขอ: วันที่รับคำขอต้องไม่เป็นวันในอนาคต"]
    assert not ServiceRecord.objects.exists()
