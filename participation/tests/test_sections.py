"""CS5 as the annual report and the evidence pack print it: seed 002's five parts (and the projects with their
outcome measures) from the hand-entered registers of an office's subtree, a note where there is nothing, no personal
data, the same number of queries for 2 projects or 20, and the letters to the governor as evidence files."""
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing.files import pdf_bytes, upload
from core.testing.sections import pdf_text, plain_cells, sections_pdf, sections_text, squeeze

from .. import sections, services
from .factories import group, measure, project

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(offices):
    prov, dist = offices["prov"], offices["dist_a"]
    farmers = group(prov, "กลุ่มเกษตรกรผู้ปลูกสับปะรด")
    forum = project(prov, title="เวทีประชาคมแผนพัฒนาจังหวัด", level=2, strategy="ยุทธศาสตร์การพัฒนาการเกษตร",
                    mechanism="เวทีรับฟังความคิดเห็นระดับอำเภอ", groups=[farmers], ended_on=date(2026, 3, 31),
                    measures=[measure("จำนวนข้อเสนอที่ได้รับ", 40, 52, unit="ข้อ"),
                              measure("ระยะเวลาตอบกลับ", 15, 20, direction="lower", unit="วัน")])
    project(dist, title="คณะกรรมการน้ำชุมชน", level=4, strategy="การบริหารจัดการน้ำ",
            mechanism="คณะกรรมการร่วมภาครัฐและประชาชน", info=("website",), opinion=("line",))
    project(offices["other"], title="โครงการSECRETจังหวัดอื่น", level=5)
    services.governor_report_save(office=prov, fiscal_year=2569, title="สรุปความคิดเห็นประชาชนปี ๒๕๖๙",
                                  letter_number="ชพ 0017/123", letter_date=date(2026, 8, 20),
                                  meeting="ประชุมหัวหน้าส่วนราชการประจำเดือน", meeting_date=date(2026, 8, 28),
                                  letter=upload("หนังสือ.pdf", pdf_bytes()))
    services.next_step_save(office=prov, fiscal_year=2569, order=1, action="ยกระดับเวทีประชาคมเป็นคณะทำงานร่วม",
                            project=forum, target_level=3)
    services.next_step_save(office=prov, fiscal_year=2569, order=2, action="ขยายผลไปยังกลุ่มเยาวชน", kind="widen",
                            groups=[group(prov, "เยาวชน")])
    return prov


def by_key(office, fiscal_year=2569):
    return {s.key: s for s in sections.sections(office=office, fiscal_year=fiscal_year)}


def test_the_keys_and_which_the_annual_report_carries(year):
    found = by_key(year)
    assert list(found) == ["cs5-mechanisms", "cs5-information-channels", "cs5-governor-report", "cs5-level-matrix",
                           "cs5-next-steps", "cs5-projects"]
    assert [k for k, s in found.items() if not s.annual] == ["cs5-projects"]
    assert all(s.cs == 5 and s.has_data for s in found.values())


def test_the_sections_print_the_subtrees_registers(year):
    pdf = sections_pdf(list(by_key(year).values()))
    text, layout = squeeze(pdf_text(pdf)), pdf_text(pdf, "-layout")
    # The mechanisms table: mission, mechanism (with its project and, for a district's, its office), groups.
    for phrase in ("ภารกิจหลัก/กระบวนงาน", "ยุทธศาสตร์การพัฒนาการเกษตร", "เวทีรับฟังความคิดเห็นระดับอำเภอ",
                   "กลุ่มเกษตรกรผู้ปลูกสับปะรด", "คณะกรรมการร่วมภาครัฐและประชาชน",
                   "(โครงการคณะกรรมการน้ำชุมชน – สำนักงานอำเภอ ก)"):
        assert squeeze(phrase) in text
    # The two paragraphs of channels, numbered, from the subtree's projects.
    assert squeeze("ได้เปิดโอกาสให้ประชาชนมีส่วนร่วมการบริหารราชการ รวมทั้งกำหนดช่องทางการให้ข้อมูลข่าวสารหลากหลาย") in text
    assert squeeze("กำหนดช่องทางการรับฟังความคิดเห็นข้อเสนอแนะ ได้แก่ ช่องทางดังต่อไปนี้ 1. การประชุม/พบปะพูดคุย 2. LINE") in text
    # The report to the governor: its name, letter number and date, meeting and date (BE, Thai digits).
    for phrase in ("ชื่อรายงาน", "สรุปความคิดเห็นประชาชนปี ๒๕๖๙", "ชพ ๐๐๑๗/๑๒๓ ลงวันที่ ๒๐ สิงหาคม ๒๕๖๙",
                   "ประชุมหัวหน้าส่วนราชการประจำเดือน วันที่ ๒๘ สิงหาคม ๒๕๖๙"):
        assert squeeze(phrase) in text
    # The level matrix counts one project at each of levels 2 and 4; the next steps are numbered in order.
    assert re.search(r"รวม \(โครงการ\)\s+๐\s+๑\s+๐\s+๑\s+๐", layout)
    assert squeeze("1. ยกระดับเวทีประชาคมเป็นคณะทำงานร่วม (โครงการเวทีประชาคมแผนพัฒนาจังหวัด สู่ระดับเข้ามาเกี่ยวข้อง") in text
    assert squeeze("2. ขยายผลไปยังกลุ่มเยาวชน") in text
    # The projects with their measures, target and result.
    assert squeeze("จำนวนข้อเสนอที่ได้รับ: เป้าหมายไม่น้อยกว่า 40 ข้อ ผล 52 (บรรลุ)") in text
    assert squeeze("ระยะเวลาตอบกลับ: เป้าหมายไม่เกิน 15 วัน ผล 20 (ไม่บรรลุ)") in text
    assert "SECRET" not in text


def test_a_district_sees_its_own_and_an_empty_year_says_so(year, offices):
    district = by_key(offices["dist_b"])
    assert not any(s.has_data for s in district.values())
    text = sections_text(list(district.values()))
    for note in ("ยังไม่มีโครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วมในปีงบประมาณนี้",
                 "ยังไม่มีรายงานเสนอผู้ว่าราชการจังหวัดในปีงบประมาณนี้",
                 "ยังไม่ได้กำหนดแผนส่งเสริมการมีส่วนร่วมไปสู่ระดับที่สูงขึ้นในปีงบประมาณนี้"):
        assert squeeze(note) in text
    assert "เวทีประชาคม" not in text


def test_no_personal_data(year, people):
    """The committee member who keyed the projects is not named anywhere."""
    services.governor_report_save(office=year, fiscal_year=2569, title="รายงานที่สอง", letter_number="1",
                                  letter_date=date(2026, 9, 1), by=people["alice"])
    text = sections_text(list(by_key(year).values()))
    assert "alice" not in text.lower() and "@" not in text


def test_the_xlsx_tables(year):
    found = by_key(year)
    assert plain_cells(list(found.values()))
    mechanisms = found["cs5-mechanisms"].tables[0]
    assert mechanisms.rows[0][:4] == ["ยุทธศาสตร์การพัฒนาการเกษตร", "เวทีรับฟังความคิดเห็นระดับอำเภอ",
                                      "กลุ่มเกษตรกรผู้ปลูกสับปะรด", "เวทีประชาคมแผนพัฒนาจังหวัด"]
    assert all(len(t.title) <= 31 for s in found.values() for t in s.tables)


def test_the_letters_are_evidence_files(year):
    [letter] = sections.evidence_files(office=year, fiscal_year=2569)
    assert (letter.cs, letter.title, letter.content_type) == (5, "สรุปความคิดเห็นประชาชนปี ๒๕๖๙", "application/pdf")
    assert letter.file.read(5) == b"%PDF-"


def test_queries_do_not_grow_with_the_projects(year, offices):
    def count():
        with CaptureQueriesContext(connection) as queries:
            sections_text(sections.sections(office=year, fiscal_year=2569))
        return len(queries)

    few = count()
    for n in range(10):
        project(offices["dist_b"], title=f"โครงการเพิ่ม {n}", measures=[measure("ผู้เข้าร่วม", 10, 12)])
    assert count() == few
