"""What the evidence pack's tests build it from, until every process prints its own sections: a fake CS4 provider
whose section renders a tiny fragment and whose evidence files are real files (a PDF with known text, a PNG, a
DOCX, a broken PDF and an encrypted one), and a plan of CS4 with an evidence PDF of its own."""
import io
from datetime import date
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from pypdf import PdfWriter

from core.plans.models import ActionPlan, Evidence
from core.reporting import EvidenceFile, ReportSection
from core.testing.factories import IndicatorFactory, StepFactory
from core.testing.files import docx_bytes, image_bytes

EVIDENCE_TEXT = "รายงานการประชุมเครือข่ายเกษตรกร"  # what the evidence PDF says on its pages
PLAN_EVIDENCE_TEXT = "บันทึกข้อความสรุปผลกิจกรรม"
SECTION_TEXT = "แถวทดสอบของตารางเครือข่าย"
SECTION_TITLE = "ตารางแสดงรูปแบบของเครือข่าย และช่องทางการติดต่อสื่อสารกับเครือข่าย"
EMPTY_TITLE = "รายงานกิจกรรมสร้างความสัมพันธ์กับเครือข่าย"
PHOTO_TITLE = "ภาพการประชุมเครือข่ายผู้ปลูกทุเรียน"
DOCX_TITLE = "คำสั่งแต่งตั้งคณะทำงานเครือข่าย"
BROKEN_TITLE = "สำเนาหนังสือที่ไฟล์เสีย"
LOCKED_TITLE = "หนังสือที่ตั้งรหัสผ่าน"


def text_pdf(text: str, pages: int) -> bytes:
    """A real Thai PDF of `pages` pages, each saying `text` and its page number."""
    from weasyprint import HTML

    from core.pdf.render import BASE_URL, LocalFetcher

    body = "".join(f'<p style="break-before: page">{text} แผ่นที่ {n}</p>' for n in range(1, pages + 1))
    from django.contrib.staticfiles import finders

    font = finders.find("fonts/thsarabun/THSarabun-Regular.ttf")
    html = (f'<html lang="th"><head><style>@font-face {{ font-family: S; src: url("file://{font}"); }}'
            f'html {{ font-family: S; font-size: 20pt; }}</style></head><body>{body}</body></html>')
    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher()).write_pdf()


def locked_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stored(name: str, content: bytes) -> FieldFile:
    saved = default_storage.save(name, ContentFile(content))
    return FieldFile(None, Evidence._meta.get_field("file"), saved)


class FakeNetworks:
    """Stands in for networks.sections: one section with data, one without; five evidence files."""

    def __init__(self):
        self.files = [
            EvidenceFile(cs=4, title="รายงานการประชุมเครือข่าย", file=stored("fake/meeting.pdf", text_pdf(EVIDENCE_TEXT, 3)),
                         content_type="application/pdf", source="ภาพกิจกรรมเครือข่าย", on=date(2026, 11, 3)),
            EvidenceFile(cs=4, title=PHOTO_TITLE, file=stored("fake/photo.png", image_bytes("PNG")),
                         content_type="image/png", source="ภาพกิจกรรมเครือข่าย", on=date(2026, 11, 3)),
            EvidenceFile(cs=4, title=DOCX_TITLE, file=stored("fake/order.docx", docx_bytes()),
                         content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                         source="เอกสารเครือข่าย"),
            EvidenceFile(cs=4, title=BROKEN_TITLE, file=stored("fake/broken.pdf", b"%PDF-1.4 not really a pdf"),
                         content_type="application/pdf", source="เอกสารเครือข่าย"),
            EvidenceFile(cs=4, title=LOCKED_TITLE, file=stored("fake/locked.pdf", locked_pdf()),
                         content_type="application/pdf", source="เอกสารเครือข่าย"),
        ]

    def sections(self, *, office, fiscal_year):
        return [ReportSection(key="cs4-network-table", cs=4, title=SECTION_TITLE,
                              template="reports/tests/_fake_section.html",
                              context={"rows": [SECTION_TEXT, office.name]}, annual=True),
                ReportSection(key="cs4-activity-report", cs=4, title=EMPTY_TITLE, template="unused.html",
                              has_data=False, annual=True)]

    def evidence_files(self, *, office, fiscal_year):
        return list(self.files)


class Nothing:
    @staticmethod
    def sections(*, office, fiscal_year):
        return []

    @staticmethod
    def evidence_files(*, office, fiscal_year):
        return []


def install(monkeypatch) -> FakeNetworks:
    from reports import sections

    fake = FakeNetworks()
    monkeypatch.setattr(sections, "PROVIDERS", {**{cs: Nothing for cs in range(1, 8)}, 4: fake})
    return fake


def cs4_plan(office, fiscal_year=2570) -> SimpleNamespace:
    plan = ActionPlan.objects.create(office=office, fiscal_year=fiscal_year, cs=4,
                                     title="การสร้างเครือข่ายและกิจกรรมสร้างความสัมพันธ์",
                                     objective="เพื่อสร้างความสัมพันธ์กับเครือข่าย")
    IndicatorFactory(plan=plan, code="CS4 KPI", name="ร้อยละของเครือข่ายที่เข้าร่วมกิจกรรม")
    StepFactory(plan=plan, order=1, activity="จัดประชุมเครือข่ายประจำปี")
    evidence = Evidence.objects.create(plan=plan, title="สรุปผลกิจกรรมเครือข่าย",
                                       file=ContentFile(text_pdf(PLAN_EVIDENCE_TEXT, 1), name="summary.pdf"),
                                       content_type="application/pdf")
    return SimpleNamespace(plan=plan, evidence=evidence)
