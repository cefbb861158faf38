"""CS7 as the annual report and the evidence pack print it: seed 002's text with the services, "N เรื่อง M เล่ม" (the
summary PDF's own count), how the manuals were published and the staff manuals; every service's chart; the year's
checks on use with their corrective actions; RM 3.5 by service from the kept counts; notes where there is nothing;
no person named but the approving executive; bounded queries; the current staff-manual files as evidence."""
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing.files import pdf_bytes, upload
from core.testing.sections import pdf_text, plain_cells, sections_html, sections_pdf, sections_text, squeeze
from service_standards import sections
from service_standards.services import (
    check_save,
    manual_approve,
    manual_draft,
    manual_publish,
    records_save,
    staff_manual_version_add,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def publish(service, title, published_on, method="website", detail=""):
    manual = manual_draft(service=service, title=title, body="ขั้นตอนการให้บริการ")
    manual_approve(manual=manual, approver_name="นายผู้ว่า ราชการ", approver_position="ผู้ว่าราชการจังหวัด",
                   approved_on=published_on)
    manual_publish(manual=manual, method=method, published_on=published_on, detail=detail)
    return manual


@pytest.fixture
def year(offices, make_service):
    prov = offices["prov"]
    register = make_service(3, "working_days", office=prov, name="ขึ้นทะเบียนเกษตรกร", steps=[
        {"name": "รับคำขอและตรวจเอกสาร", "amount": 1, "responsible_unit": "ฝ่ายทะเบียน"},
        {"name": "ตรวจแปลงและอนุมัติ", "amount": 2, "responsible_unit": "ฝ่ายส่งเสริม"}])
    certify = make_service(60, "minutes", name="ออกหนังสือรับรอง", steps=[])  # the department's, adopted
    make_service(5, "working_days", office=offices["other"], name="บริการSECRET")
    publish(register, "คู่มือขึ้นทะเบียนเกษตรกร", date(2026, 1, 10), detail="www.example.go.th")
    publish(certify, "คู่มือออกหนังสือรับรอง", date(2026, 2, 1), method="notice_board")
    staff_manual_version_add(service=register, title="คู่มือปฏิบัติงานทะเบียน", file=upload("v1.pdf", pdf_bytes()))
    staff_manual_version_add(service=register, title="คู่มือปฏิบัติงานทะเบียน", file=upload("v2.pdf", pdf_bytes()),
                             note="เพิ่มขั้นตอน")
    check_save(office=offices["dist_a"], service=register, kind="observation", checked_on=date(2026, 5, 12),
               checker_name="นางสาวผู้ตรวจ ลับเฉพาะ", finding="เอกสารไม่ครบ",
               corrective_action="ทบทวนคู่มือ", action_status="done",
               action_done_on=date(2026, 5, 20))
    check_save(office=prov, service=register, kind="observation", checked_on=date(2025, 9, 1),
               checker_name="x", finding="การตรวจปีก่อน")  # FY 2568
    # RM 3.5: two completed in the year, one within the standard (Mon 3 Nov + 3 working days = Thu 6 Nov).
    records_save(office=prov, service=register, rows=[
        {"reference": "R1", "received_on": date(2025, 11, 3), "completed_on": date(2025, 11, 6)},
        {"reference": "R2", "received_on": date(2025, 11, 3), "completed_on": date(2025, 11, 20)}])
    return prov


def by_key(office, fiscal_year=2569):
    return {s.key: s for s in sections.sections(office=office, fiscal_year=fiscal_year)}


def test_the_keys(year):
    assert plain_cells(list(by_key(year).values()))
    assert [(k, s.annual, s.has_data) for k, s in by_key(year).items()] == [
        ("cs7-charts-manuals", True, True), ("cs7-service-charts", False, True), ("cs7-checks-on-use", False, True),
        ("cs7-results", False, True)]


def test_charts_and_manuals_as_seed_002_words_them(year):
    text = sections_text([by_key(year)["cs7-charts-manuals"]])
    order = ["ได้จัดทำแผนภูมิและคู่มือการติดต่อราชการ และประกาศให้ผู้รับบริการและผู้มีส่วนได้ส่วนเสียทราบ",
             "1. จัดทำแผนผังขั้นตอนการให้บริการ", "ขึ้นทะเบียนเกษตรกร", "ออกหนังสือรับรอง",
             # two services with a published manual; books: two published manuals + one staff manual
             "รวมจำนวน ๒ เรื่อง ๓ เล่ม ดังนี้",
             "2. ได้ประกาศหรือเผยแพร่ให้ผู้รับบริการหรือผู้มีส่วนได้ส่วนเสียทราบ โดยวิธี",
             "2.1 เว็บไซต์ของหน่วยงาน www.example.go.th เมื่อ 10 มกราคม 2569 (คู่มือขึ้นทะเบียนเกษตรกร)",
             "2.2 ป้ายประกาศ/บอร์ดประชาสัมพันธ์ เมื่อ 1 กุมภาพันธ์ 2569 (คู่มือออกหนังสือรับรอง)",
             "๓. ได้จัดทำคู่มือการปฏิบัติงานของบุคลากร ดังนี้",
             "๓.๑ คู่มือปฏิบัติงานทะเบียน (งานบริการขึ้นทะเบียนเกษตรกร ฉบับที่ ๒)"]
    positions = [text.index(squeeze(phrase)) for phrase in order]
    assert positions == sorted(positions)
    assert "SECRET" not in text


def test_every_service_chart(year):
    text = sections_text([by_key(year)["cs7-service-charts"]])
    for phrase in ("แผนผังขั้นตอนการให้บริการ ขึ้นทะเบียนเกษตรกร", "ขั้นตอนที่ ๑ รับคำขอและตรวจเอกสาร",
                   "ขั้นตอนที่ ๒ ตรวจแปลงและอนุมัติ", "ผู้รับผิดชอบ: ฝ่ายส่งเสริม",
                   "แผนผังขั้นตอนการให้บริการ ออกหนังสือรับรอง", "ยังไม่ได้กำหนดขั้นตอน"):
        assert squeeze(phrase) in text


def test_the_years_checks_without_the_checker(year):
    text = sections_text([by_key(year)["cs7-checks-on-use"]])
    for phrase in ("เอกสารไม่ครบ", "ทบทวนคู่มือ", "แก้ไขแล้วเสร็จ", "การสังเกตการณ์ (สำนักงานอำเภอ ก)"):
        assert squeeze(phrase) in text
    assert "การตรวจปีก่อน" not in text and "ผู้ตรวจลับเฉพาะ" not in text


def test_rm35_by_service(year):
    layout = pdf_text(sections_pdf([by_key(year)["cs7-results"]]), "-layout")
    assert re.search(r"ขึ้นทะเบียนเกษตรกร\s+2\s+1\s+50\.00", layout)
    assert re.search(r"รวมทุกงานบริการ\s+2\s+1\s+50\.00", layout)


def test_an_office_without_services_says_so(offices):
    found = by_key(offices["other"])
    text = sections_text(list(found.values()))
    for note in ("ยังไม่มีงานบริการที่จัดทำแผนผังขั้นตอนและคู่มือการให้บริการ",
                 "ยังไม่มีการตรวจสอบการนำคู่มือไปใช้ในปีงบประมาณนี้", "ยังไม่มีคำขอที่แล้วเสร็จในปีงบประมาณนี้"):
        assert squeeze(note) in text


def test_the_current_staff_manuals_are_evidence(year):
    [manual] = sections.evidence_files(office=year, fiscal_year=2569)
    assert (manual.cs, manual.title, manual.content_type) == (7, "คู่มือปฏิบัติงานทะเบียน", "application/pdf")
    assert manual.file.name.endswith("v2.pdf")


def test_queries_do_not_grow(year, offices, make_service):
    def count():
        with CaptureQueriesContext(connection) as queries:
            sections_html(sections.sections(office=year, fiscal_year=2569))  # what the fragments read too
        return len(queries)

    count()  # the kept RM 3.5 counts are made once
    few = count()
    for n in range(3):
        service = make_service(2, "working_days", office=year, name=f"บริการเพิ่ม {n}")
        publish(service, f"คู่มือเพิ่ม {n}", date(2026, 3, n + 1))
        check_save(office=year, service=service, kind="internal_audit", checked_on=date(2026, 6, n + 1),
                   checker_name="x", finding=f"ข้อค้นพบ {n}")
    count()
    assert count() == few
