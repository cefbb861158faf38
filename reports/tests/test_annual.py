"""The annual Category 3 report (seed 002): the form's header, the CS1/CS2/CS4 sections read back from the PDF as
an assessor reads them, the "no data" notes, Thai page numbers, the outline, the workbook, bounded queries, who may
read it and bad parameters. The CS3/CS5/CS6/CS7 sections come with their own pieces of issue 14."""
import io
from datetime import date

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from channels import services as cs2
from channels.tests.factories import key
from core.testing.pdftext import outline_titles, pdf_images, pdf_text, squeezed
from networks import services as cs4
from networks.tests.factories import make_activity, make_group, make_network
from reports import annual
from reports.sections import ANNUAL_ORDER, annual_sections
from tests.isolation_walk import jpeg_file

pytestmark = pytest.mark.django_db
PERSON, PHONE = "นายสมบัติ ทองดี", "081-234-5601"
FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def filled(offices, people):
    """Hand-entered data of the province's subtree for FY 2569 (and the two years before, for the statistics)."""
    prov, dist_a = offices["prov"], offices["dist_a"]
    key(people["root"], ("PROV", "phone", 2567, 120), ("PROV", "phone", 2568, 135), ("PROV", "phone", 2569, 150),
        ("DIST-A", "phone", 2569, 25))
    cs2.information_types_save(office=prov, fiscal_year=2569, lines=["ความต้องการด้านราคาผลผลิต", FORMULA])
    cs2.improvement_create(office=dist_a, fiscal_year=2569, topic="การขึ้นทะเบียนเกษตรกรออนไลน์",
                           steps="รวบรวมข้อคิดเห็นจากตู้รับความคิดเห็น\nออกแบบแบบฟอร์มออนไลน์",
                           result="ลดเวลารอคิวจาก ๓๐ นาทีเหลือ ๑๐ นาที",
                           before_photo=jpeg_file("before.jpg"), after_photo=jpeg_file("after.jpg"))
    group = make_group(office=prov, name="กลุ่มเกษตรกรผู้ปลูกทุเรียน")
    network = make_network(office=prov, name="เครือข่ายเกษตรกรทุเรียน", groups=[group])
    cs4.member_add(network=network, kind="person", name=PERSON, position="ประธานเครือข่าย", phone=PHONE)
    activity = make_activity(network=network, held_on=date(2026, 3, 14), title="เวทีแลกเปลี่ยนเรียนรู้ทุเรียนคุณภาพ",
                             participants=42)
    cs4.photo_add(activity=activity, photo=jpeg_file("stage.jpg"), caption="บรรยากาศเวที")
    return {"network": network, "activity": activity}


def test_the_report_reads_back_as_entered_with_the_forms_header_thai_page_numbers_and_an_outline(offices, filled):
    """One rendering (WeasyPrint is slow on a shared machine), read as an assessor reads it."""
    pdf = annual.annual_report_pdf(office=offices["prov"], fiscal_year=2569)
    layout = pdf_text(pdf)
    lines = [line.strip() for line in layout.splitlines() if line.strip()]
    assert lines[:5] == ["แบบรายงานผลการดำเนินงานหมวด ๓", "การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย",
                         "ประจำปี พ.ศ. ๒๕๖๙", "ส่วนราชการ สำนักงานจังหวัดทดสอบ", "จังหวัดทดสอบ"]
    pages = layout.split("\f")
    assert pages[0].split()[-1] == "๑" and pages[1].split()[-1] == "๒"
    sections = annual_sections(office=offices["prov"], fiscal_year=2569)
    assert outline_titles(pdf) == [str(s.title) for s in sections]  # a fragment's own headings nest under these
    text = squeezed(pdf_text(pdf, layout=False))
    # CS2 statistics: the three fiscal years and the subtree's numbers (150 + 25 in 2569), in Thai digits.
    for phrase in ("ปี๒๕๖๗", "ปี๒๕๖๘", "ปี๒๕๖๙", "๑๒๐", "๑๓๕", "๑๗๕"):
        assert phrase in text, phrase
    # CS2-A and the improvement, with seed 002's sentence, steps, result and both photos' labels.
    assert "ความต้องการด้านราคาผลผลิต" in text
    assert squeezed("สำนักงานอำเภอ ก ได้นำข้อมูลความต้องการของผู้รับบริการ จากช่องทางการรับฟังฯ ดังกล่าวข้างต้น "
                    "มาเป็นข้อมูลประกอบการวิเคราะห์การพัฒนากระบวนงาน เรื่อง การขึ้นทะเบียนเกษตรกรออนไลน์") in text
    for phrase in ("ออกแบบแบบฟอร์มออนไลน์", "ลดเวลารอคิวจาก๓๐นาทีเหลือ๑๐นาที", "ภาพก่อนปรับปรุง", "ภาพหลังปรับปรุง"):
        assert phrase in text, phrase
    # CS4: the network table row and the activity with its photo's caption.
    for phrase in ("เครือข่ายเกษตรกรทุเรียน", "กลุ่มเกษตรกรผู้ปลูกทุเรียน", "เวทีแลกเปลี่ยนเรียนรู้ทุเรียนคุณภาพ",
                   "บรรยากาศเวที", "ผู้เข้าร่วม42คน"):
        assert phrase in text, phrase
    # Seed 002's order: statistics, information types, improvements, network table, activity report.
    at = [text.index(squeezed(str(s.title))) for s in sections]
    assert at == sorted(at)
    # The three photos are drawn (before, after, the activity's).
    assert len(pdf_images(pdf)) == 3
    # No personal data: a network member's name and phone are not printed.
    assert squeezed(PERSON) not in text and PHONE not in text


def test_a_districts_header_names_its_own_office_and_its_province(offices):
    lines = [line.strip() for line in pdf_text(annual.annual_report_pdf(office=offices["dist_a"], fiscal_year=2568))
             .splitlines() if line.strip()]
    assert lines[2:5] == ["ประจำปี พ.ศ. ๒๕๖๘", "ส่วนราชการ สำนักงานอำเภอ ก", "จังหวัดทดสอบ"]


def test_a_section_without_data_says_so_and_never_vanishes(offices):
    sections = annual_sections(office=offices["dist_b"], fiscal_year=2569)
    assert [s.key for s in sections] == ANNUAL_ORDER  # every section of seed 002, in the form's order
    assert not any(s.has_data for s in sections)
    text = squeezed(pdf_text(annual.annual_report_pdf(office=offices["dist_b"], fiscal_year=2569), layout=False))
    for section in sections:  # its title, then its own note (most say "ไม่มีข้อมูลในปีงบประมาณนี้")
        assert squeezed(f"{section.title}") in text and squeezed(f"{section.empty_note}") in text
    assert text.count("ไม่มีข้อมูลในปีงบประมาณนี้") >= 5


def test_the_workbook_has_a_contents_sheet_and_a_sheet_per_table_and_keeps_formulas_as_text(offices, filled):
    book = openpyxl.load_workbook(io.BytesIO(annual.xlsx_bytes(office=offices["prov"], fiscal_year=2569)))
    # A sheet per table, in the report's order, each named by its CS.
    assert book.sheetnames == [
        "สารบัญ", "CS2 สถิติผู้ใช้ช่องทาง", "CS2 ประเภทข้อมูลที่ได้รับ", "CS2 การปรับปรุงกระบวนงาน", "CS4 ตารางเครือข่าย",
        "CS4 กิจกรรมสร้างความสัมพันธ์", "CS5 กลไกการมีส่วนร่วม", "CS5 ช่องทางให้ข้อมูลและรับฟัง", "CS5 รายงานเสนอผู้ว่าฯ",
        "CS5 ระดับการมีส่วนร่วม", "CS5 Next Step", "CS6 การปรับปรุงจากผลสำรวจ", "CS7 แผนภูมิและคู่มือ",
        "CS7 การเผยแพร่คู่มือ", "CS7 คู่มือปฏิบัติงานของบุคลากร", "CS3 เรื่องตามช่องทาง", "CS3 เรื่องตามประเภท",
        "CS3 ผลการดำเนินการ", "CS3 การปรับปรุง"]
    contents = [row for row in book["สารบัญ"].iter_rows(values_only=True)]
    assert contents[1][2:4] == ("ช่องทางการรับฟังและเรียนรู้ความต้องการของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย และสถิติ",
                                "มีข้อมูล")
    info = book["CS2 ประเภทข้อมูลที่ได้รับ"]
    cell = info.cell(row=3, column=3)
    assert cell.value == FORMULA and cell.data_type == "s"
    stats = [row for row in book["CS2 สถิติผู้ใช้ช่องทาง"].iter_rows(values_only=True)]
    assert stats[0][:4] == ("ช่องทางการรับฟังและเรียนรู้ความต้องการ", "ปี 2567", "ข้อร้องเรียน 2567", "แบบสอบถาม 2567")
    assert stats[-1][0] == "รวม" and (stats[-1][1], stats[-1][4], stats[-1][7]) == (120, 135, 175)
    activities = [row for row in book["CS4 กิจกรรมสร้างความสัมพันธ์"].iter_rows(values_only=True)]
    assert activities[1][2] == "เวทีแลกเปลี่ยนเรียนรู้ทุเรียนคุณภาพ" and activities[1][6] == 42
    assert PERSON not in str(list(book["CS4 ตารางเครือข่าย"].iter_rows(values_only=True)))


def _queries(office) -> int:
    with CaptureQueriesContext(connection) as queries:
        for section in annual_sections(office=office, fiscal_year=2569):
            annual.render_body(section)
    return len(queries)


def test_the_sections_cost_the_same_queries_for_two_rows_as_for_many(offices, filled):
    """Measured warm both times: the statistics' counted columns are kept in the cache (channels.usage), as the
    report reads them in life."""
    _queries(offices["prov"])
    few = _queries(offices["prov"])
    network = filled["network"]
    for n in range(6):
        activity = make_activity(network=network, held_on=date(2026, 4, n + 1), title=f"กิจกรรม {n}")
        cs4.photo_add(activity=activity, photo=jpeg_file(f"p{n}.jpg"), caption=f"ภาพ {n}")
        make_network(office=offices["dist_b"], name=f"เครือข่ายที่ {n}")
        cs2.improvement_create(office=offices["prov"], fiscal_year=2569, topic=f"เรื่อง {n}", steps="ขั้นตอน")
    cs2.information_types_save(office=offices["dist_b"], fiscal_year=2569, lines=[f"ข้อมูล {n}" for n in range(6)])
    _queries(offices["prov"])
    assert _queries(offices["prov"]) == few


def test_the_province_is_read_from_the_office_or_its_ancestor(offices):
    assert annual.province_name(offices["prov"]) == "จังหวัดทดสอบ"
    assert annual.province_name(offices["dist_a"]) == "จังหวัดทดสอบ"
    assert annual.province_name(offices["dept"]) == ""
