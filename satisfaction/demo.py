"""Demo survey: a farmers' satisfaction questionnaire, a first round, the improvements its results led to (seed 002:
dissatisfaction first, then the lowest scores) and a repeat round after them.

Idempotent (found by title) and deterministic: the same answers on every machine.
"""
import random
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from core.offices.models import Office
from stakeholders.selectors import groups_for_office

from .choices import ResponseSource
from .improvements import improvement_create, improvement_status_set
from .models import Improvement, Questionnaire
from .services import questionnaire_create, responses_record, round_create, round_update

TITLE = "แบบสอบถามความพึงพอใจของเกษตรกรผู้รับบริการ"
ITEMS = [
    {"code": "a1", "text": "ความชัดเจนของขั้นตอนการให้บริการ", "dimension": "ด้านกระบวนการ/ขั้นตอน"},
    {"code": "a2", "text": "ระยะเวลาการให้บริการเหมาะสม", "dimension": "ด้านกระบวนการ/ขั้นตอน"},
    {"code": "b1", "text": "เจ้าหน้าที่ให้บริการด้วยความสุภาพ เต็มใจ", "dimension": "ด้านเจ้าหน้าที่"},
    {"code": "b2", "text": "เจ้าหน้าที่ให้คำแนะนำได้ถูกต้อง ชัดเจน", "dimension": "ด้านเจ้าหน้าที่"},
    {"code": "c1", "text": "สถานที่สะอาด สะดวก มีที่นั่งรอเพียงพอ", "dimension": "ด้านสิ่งอำนวยความสะดวก"},
    {"code": "d1", "text": "ท่านไม่พึงพอใจในบริการเรื่องใดหรือไม่", "kind": "yes_no", "section": "dissatisfaction"},
    {"code": "s1", "text": "ข้อเสนอแนะ", "kind": "text"},
    # The respondent's profile: the results are broken down by each of these.
    {"code": "p1", "text": "ท่านเป็นผู้รับบริการกลุ่มใด", "kind": "choice", "section": "profile",
     "choices": ["เกษตรกร", "วิสาหกิจชุมชน", "ผู้ประกอบการ", "หน่วยงานภาครัฐ"]},
    {"code": "p2", "text": "หน่วยงานที่ท่านรับบริการ", "kind": "choice", "section": "profile",
     "choices": ["สำนักงานเกษตรจังหวัดชุมพร", "สำนักงานเกษตรอำเภอเมืองชุมพร", "สำนักงานเกษตรอำเภอท่าแซะ",
                 "สำนักงานเกษตรอำเภอหลังสวน"]},
    {"code": "p3", "text": "ช่องทางที่ท่านใช้บริการ", "kind": "choice", "section": "profile",
     "choices": ["ติดต่อด้วยตนเอง", "โทรศัพท์", "เว็บไซต์/ออนไลน์", "LINE"]},
]
RATED = [item["code"] for item in ITEMS if item.get("kind", "rating") == "rating"]
PROFILE = [item for item in ITEMS if item.get("section") == "profile"]


def _forms(rng: random.Random, count: int, lift: float) -> list[dict]:
    def rating() -> object:
        if rng.random() < 0.05:
            return "n/a"
        return max(1, min(5, round(rng.gauss(3.2 + lift, 0.9))))

    def profile(item: dict) -> str | None:
        return None if rng.random() < 0.05 else rng.choices(item["choices"], weights=[6, 2, 1, 1])[0]

    return [{**{code: rating() for code in RATED},
             "d1": "ใช่" if rng.random() < max(0.05, 0.3 - lift / 3) else "ไม่ใช่", "s1": "",
             **{item["code"]: profile(item) for item in PROFILE}}
            for _ in range(count)]


@transaction.atomic
def load_demo() -> int:
    """Create the demo survey when missing; returns how many responses were recorded."""
    if Questionnaire.objects.filter(title=TITLE).exists():
        return 0
    office = Office.objects.get(code="CPN")
    rng = random.Random(2569)
    questionnaire = questionnaire_create(office=office, title=TITLE, scale_max=5, items=ITEMS,
                                         group=groups_for_office(office=office).filter(name="เกษตรกร").first())
    first = round_create(questionnaire=questionnaire, office=office, title="สำรวจความพึงพอใจ ครั้งที่ 1/2569")
    again = round_create(questionnaire=questionnaire, office=office, previous=first,
                         title="สำรวจซ้ำหลังปรับปรุง ครั้งที่ 2/2569")
    recorded = 0
    for survey, count, lift in ((first, 60, 0.0), (again, 55, 0.7)):
        forms = _forms(rng, count, lift)
        responses_record(survey=survey, forms=forms, source=ResponseSource.ENTRY,
                         form_numbers=[f"{n:04d}" for n in range(1, count + 1)])
        recorded += count
    # The rounds are past: their forms are keyed in first (a round takes answers only within its dates), then the
    # rounds get the dates they ran.
    for survey, starts_on, ends_on in ((first, date(2025, 11, 1), date(2026, 1, 31)),
                                       (again, date(2026, 3, 1), date(2026, 4, 30))):
        round_update(survey=survey, title=survey.title, starts_on=starts_on, ends_on=ends_on, is_open=True)
    _improvements(office, first, again)
    return recorded


# (item, topic, fix, owner, due, done): what the first round's results led to, re-measured by the repeat round.
IMPROVEMENTS = [
    ("d1", "ผู้รับบริการแจ้งความไม่พึงพอใจเรื่องการรอคิวนานในช่วงเช้า",
     "จัดระบบบัตรคิวและเพิ่มเจ้าหน้าที่รับคำขอช่วง 08.30–10.30 น. ในวันจันทร์และวันศุกร์", "กลุ่มยุทธศาสตร์และสารสนเทศ",
     date(2026, 2, 27), True),
    ("a2", "ระยะเวลาการให้บริการเหมาะสม",
     "ลดขั้นตอนการตรวจเอกสารขึ้นทะเบียนเกษตรกรจาก 3 จุดเหลือ 1 จุด และแจ้งผลผ่าน LINE", "ฝ่ายบริหารทั่วไป",
     date(2026, 2, 27), True),
    ("b2", "เจ้าหน้าที่ให้คำแนะนำได้ถูกต้อง ชัดเจน",
     "อบรมเจ้าหน้าที่หน้าเคาน์เตอร์เรื่องสิทธิประโยชน์ของเกษตรกร และจัดทำเอกสารถาม–ตอบ", "กลุ่มส่งเสริมและพัฒนาการผลิต",
     date(2026, 6, 30), False),
]


def _improvements(office: Office, first, again) -> None:
    if Improvement.objects.filter(round=first).exists():
        return
    items = {item.code: item for item in first.questionnaire.items.all()}
    for code, topic, fix, owner, due_on, done in IMPROVEMENTS:
        improvement = improvement_create(survey=first, item=items[code], topic=topic, fix=fix, owner=owner,
                                         due_on=due_on, remeasure_round=again)
        if done:
            improvement_status_set(improvement=improvement, status=Improvement.Status.DONE,
                                   evidence=_evidence(office, topic, fix, due_on))


def _evidence(office: Office, topic: str, fix: str, done_on: date) -> SimpleUploadedFile:
    """The record of what was done (บันทึกผลการปรับปรุง), drawn by WeasyPrint."""
    from core.pdf.render import render_pdf
    from core.thai_dates import format_full

    pdf = render_pdf("satisfaction/pdf/demo_evidence.html", {
        "title": "บันทึกผลการปรับปรุงจากผลการวัดความพึงพอใจ", "office": office,
        "lines": [f"เรื่อง {topic}", f"การแก้ไข {fix}", f"ดำเนินการแล้วเสร็จ {format_full(done_on)}"]})
    return SimpleUploadedFile("บันทึกผลการปรับปรุง.pdf", pdf, content_type="application/pdf")
