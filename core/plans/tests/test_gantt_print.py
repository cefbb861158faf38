"""The Gantt as seed 004 draws it (a mark for each planned period, on the screen and on A4 landscape with the
output, budget and area columns), and the plan PDF carrying the plan's definitions as seed 000 sets them."""
import io
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader

from core.plans.choices import StepStatus
from core.plans.gantt import gantt
from core.plans.printing import Definition, definition_paragraphs
from core.plans.services import step_periods_set
from core.testing.factories import ActionPlanFactory, StepFactory

pytestmark = pytest.mark.django_db

OCT, JAN, APR, JUL = date(2025, 10, 1), date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1)
MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]
OUTPUT = "รายงานผลการจัดลำดับความสำคัญเสนอผู้บริหาร"
AREA = "ศูนย์รับข้อร้องเรียนจังหวัด"
PERSONAL = "นายทดสอบ ส่วนตัว 081-234-5678"


@pytest.fixture
def plan(offices):
    plan = ActionPlanFactory(office=offices["prov"], fiscal_year=2569, cs=3)
    review = StepFactory(plan=plan, order=1, activity="ประชุมทบทวนข้อร้องเรียนรายไตรมาส", output=OUTPUT, area=AREA,
                         budget=Decimal("12500"), owner=PERSONAL, note=PERSONAL, progress=25,
                         status=StepStatus.IN_PROGRESS, actual_start=date(2025, 10, 8))
    step_periods_set(step=review, periods=[(OCT, OCT), (JAN, JAN), (APR, APR), (JUL, JUL)])
    ranged = StepFactory(plan=plan, order=2, activity="ติดตามผลการดำเนินการ", output="รายงานสรุปผล")
    step_periods_set(step=ranged, periods=[(APR, date(2026, 9, 1))])
    return plan


def pdftotext(content: bytes, tmp_path, *args) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_each_period_is_its_own_mark(plan):
    months, rows = gantt(plan, today=date(2026, 2, 10))
    review, ranged = rows
    assert review.marks == ["single", "", "", "single", "", "", "single", "", "", "single", "", ""]
    assert ranged.marks == [""] * 6 + ["start", "middle", "middle", "middle", "middle", "end"]
    # Two of four reviews past at 25 %: behind its share, so late; the range has not begun.
    assert (review.late, ranged.late) == (True, False)


def test_the_gantt_screen_draws_the_marks(client, people, plan):
    client.force_login(people["alice"])
    body = client.get(reverse("plans:gantt", args=[plan.pk])).content.decode()
    row = body.split('data-step="1"')[1].split("</tr>")[0]
    assert row.count("bar planned single") == 4
    assert row.count('class="month marked"') == 4
    assert "ล่าช้า" in row  # by today FY 2569 is over, and the review stopped at 25 %
    assert reverse("plans:gantt-pdf", args=[plan.pk]) in body


def test_the_gantt_pdf_is_a4_landscape_with_seed_004s_columns(client, people, plan, tmp_path):
    client.force_login(people["erin"])  # an executive reads it
    response = client.get(reverse("plans:gantt-pdf", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    box = PdfReader(io.BytesIO(response.content)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = pdftotext(response.content, tmp_path)
    for heading in ["ลำดับ", "ผลผลิต", "งบประมาณ", "พื้นที่/หน่วยด", "ขั้นตอนการดำเนินงาน", "พ.ศ. 2568", "พ.ศ. 2569"]:
        assert heading in text, heading
    assert " ".join(MONTHS) in " ".join(text.split())
    assert "รายงานผลการจัดลำดับ" in text and "12,500.00" in text and "ศูนย์รับข้อร้องเรียน" in text
    assert "ล่าช้า" in text  # FY 2569 is over and the review stopped at 25 %
    # No personal data: the owner and the note are not printed.
    assert "081-234-5678" not in text and "นายทดสอบ" not in text


def test_the_gantt_pdf_marks_each_period_in_its_month(plan):
    months, rows = gantt(plan, today=date(2026, 2, 10))
    html = render_to_string("plans/plan_gantt_pdf.html", {"plan": plan, "months": months, "rows": rows,
                                                          "printed_on": date(2026, 2, 10)})
    review_row = html.split("ประชุมทบทวนข้อร้องเรียนรายไตรมาส")[1].split("</tr>")[0]
    cells = review_row.split('<td class="month">')[1:]
    assert [("bar planned single" in c) for c in cells] == [m in ("ต.ค.", "ม.ค.", "เม.ย.", "ก.ค.") for m in MONTHS]
    assert "ล่าช้า" in review_row


def test_the_gantt_pdf_repeats_its_header_on_every_page(client, people, plan, tmp_path):
    for order in range(3, 30):
        StepFactory(plan=plan, order=order, activity=f"กิจกรรมที่ {order} " + "รายละเอียด " * 8)
    client.force_login(people["axel"])
    response = client.get(reverse("plans:gantt-pdf", args=[plan.pk]))
    pages = len(PdfReader(io.BytesIO(response.content)).pages)
    assert pages >= 2
    for page in range(1, pages + 1):
        text = pdftotext(response.content, tmp_path, "-f", str(page), "-l", str(page))
        assert "ขั้นตอนการดำเนินงาน" in text and "ต.ค." in text and "ก.ย." in text, page
        assert f"หน้า {page} / {pages}" in text


def test_another_offices_gantt_pdf_does_not_exist(client, people, plan):
    client.force_login(people["bob"])  # a district of the province: the province's plan is not theirs
    assert client.get(reverse("plans:gantt-pdf", args=[plan.pk])).status_code == 404


# --- Definitions in the plan PDF -----------------------------------------------------------------------------------

DEFINITIONS = ("ผู้รับบริการ หมายถึง ผู้ที่มารับบริการจากสำนักงานโดยตรง\n"
               "ผู้มีส่วนได้ส่วนเสีย หมายถึง ผู้ที่ได้รับผลกระทบทั้งทางบวกและทางลบ\n\n"
               "1. มีการกำหนดกลไกในการเข้าถึงฐานข้อมูล")


def test_definitions_become_paragraphs_with_their_terms():
    assert definition_paragraphs(DEFINITIONS) == [
        Definition("ผู้รับบริการ", "หมายถึง ผู้ที่มารับบริการจากสำนักงานโดยตรง"),
        Definition("ผู้มีส่วนได้ส่วนเสีย", "หมายถึง ผู้ที่ได้รับผลกระทบทั้งทางบวกและทางลบ"),
        Definition("", "1. มีการกำหนดกลไกในการเข้าถึงฐานข้อมูล"),
    ]
    assert definition_paragraphs("") == []


def test_the_plan_pdf_prints_the_definitions_under_the_indicators(client, people, plan, tmp_path):
    plan.definitions = DEFINITIONS
    plan.save()
    client.force_login(people["erin"])
    text = pdftotext(client.get(reverse("plans:pdf", args=[plan.pk])).content, tmp_path)
    flat = " ".join(text.split())
    assert "ผู้รับบริการ หมายถึง ผู้ที่มารับบริการจากสำนักงานโดยตรง" in flat
    assert "ผู้มีส่วนได้ส่วนเสีย หมายถึง ผู้ที่ได้รับผลกระทบทั้งทางบวกและทางลบ" in flat
    assert "1. มีการกำหนดกลไกในการเข้าถึงฐานข้อมูล" in flat
    # As seed 000: after the indicators, before the table of steps.
    assert flat.index("ตัวชี้วัด (Lagging Indicator)") < flat.index("ผู้รับบริการ หมายถึง") < flat.index(
        "กิจกรรม/ขั้นตอน(A2)")
    # The recurring step's four periods, one a line, in the start column.
    assert flat.count("ต.ค. 68") >= 1 and "ก.ค. 69" in flat
