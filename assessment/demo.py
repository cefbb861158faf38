"""PMQA 4.0 demo for the Chumphon province office: the self-assessment of the live year, drawn from what the other
demos hold (seed 000's plans, the CS1 groups, the CS2 channels, the CS3 tickets, the CS6 surveys), with statuses and
details as a committee would write them and links to the plans, their evidence and the registers; and the results of
the two years before, so that the 7.2 tables show three years.

The earlier years' plans are the live year's plans copied back with their results typed in (the office reported them
on paper before the system): only plans no one has made for those years yet, so another demo's plans are left as
they are. Idempotent and deterministic.
"""
from decimal import Decimal

from django.db import transaction

from core.demo import LIVE_YEAR
from core.offices.models import Office
from core.plans.choices import IndicatorSource
from core.plans.models import ActionPlan, Evidence
from core.plans.services import plan_copy

from .choices import Register, Status
from .models import Assessment
from .services import AnswerInput, assessment_save

OFFICE = "CPN"
EARLIER_CS = [3, 4, 5, 6, 7]  # the processes whose indicators the 7.2 tables show by default
# Results of the two years before the live year, by indicator code (or the start of the name), oldest first.
EARLIER_RESULTS = {
    "RM 3.1": ("78.40", "81.20"),
    "RM 3.2": ("21.50", "17.80"),
    "RM 3.3": ("76.00", "82.50"),
    "RM 3.4": ("66.67", "83.33"),
    "RM 3.5": ("84.10", "90.60"),
    "ร้อยละของเรื่องร้องเรียนที่ได้รับการตอบสนองภายใน 15 วันทำการ": ("86.36", "92.31"),
}
EARLIER_SHARE_OF_TARGET = (Decimal("0.85"), Decimal("0.95"))  # any other indicator: this share of its target

P, F, R = "plan", "file", "register"
ANSWERS = [
    # (item, status, details, [(kind, CS of the live year's plan | register)])
    ("3.1.1", Status.STARTING,
     "โดยแนวโน้มการเปลี่ยนแปลงนั้น คือ เกษตรกรติดต่อผ่าน LINE และ Facebook มากขึ้นทุกปี ขณะที่การมาติดต่อที่สำนักงาน"
     "ลดลง (สถิติผู้ใช้ช่องทาง 3 ปี)\nเพื่อนำไปสู่การวางนโยบายเชิงรุก คือ จัดเจ้าหน้าที่ตอบคำถามออนไลน์ในวันทำการ "
     "และเผยแพร่ปฏิทินการผลิตผ่านช่องทางดิจิทัล", [(R, Register.CS2_STATISTICS), (P, 2)]),
    ("3.1.2", Status.IMPLEMENTED,
     "ได้แก่ ตาราง CS2-1 ช่องทางการรับฟังของแต่ละกลุ่ม แบบสำรวจความพึงพอใจ และเรื่องร้องเรียน/ข้อเสนอแนะ\n"
     "นำมาตอบสนองความต้องการของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย คือ ปรับปฏิทินการอบรมเกษตรกรให้ตรงฤดูการผลิต "
     "และเพิ่มการลงพื้นที่ให้คำแนะนำ", [(R, Register.CS2_TABLE), (R, Register.CS1_PROFILE), (P, 1)]),
    ("3.1.3", Status.IMPLEMENTED,
     "คือ LINE Official Account เว็บไซต์สำนักงาน และ Facebook\nมาใช้ในการค้นหา รวบรวมข้อมูลและนำมาวิเคราะห์ความต้องการ"
     "และความคาดหวังผู้รับบริการและผู้มีส่วนได้ส่วนเสีย คือ สรุปคำถามที่พบบ่อยรายเดือนเสนอที่ประชุมประจำเดือน",
     [(R, Register.CS2_CHANNELS), (P, 2)]),
    ("3.2.1", Status.STARTING,
     "ฐานข้อมูลนั้น ได้แก่ ทะเบียนเกษตรกร (ทบก.) และผลสำรวจความพึงพอใจของสำนักงาน\n"
     "มาใช้เพื่อวางแผนยุทธศาสตร์การให้บริการ หรือ สร้างนวัตกรรมการให้บริการ คือ อยู่ระหว่างเชื่อมข้อมูลทะเบียนเกษตรกร"
     "กับกลุ่มผู้รับบริการ", [(R, Register.CS6_SURVEYS), (P, 6)]),
    ("3.2.2", Status.IMPLEMENTED,
     "หาแนวทางมาวิเคราะห์เพื่อแก้ไขปัญหาเชิงรุก โดยปัญหา คือ ความไม่พึงพอใจเรื่องระยะเวลารอรับบริการ วิธีการแก้ไขเชิงรุก "
     "คือ นัดหมายล่วงหน้าผ่าน LINE\nหาความต้องการของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย ตามโปรไฟล์กลุ่ม (CS1)\n"
     "หาแนวทางการปรับปรุงกระบวนการทำงาน คือ ลดขั้นตอนการขึ้นทะเบียนเกษตรกร", [(R, Register.CS1_PROFILE), (P, 6),
                                                                         (F, 6)]),
    ("3.3.1", Status.STARTING, "คือ คลินิกทุเรียนเคลื่อนที่สำหรับกลุ่มผู้ปลูกทุเรียนอำเภอเมืองชุมพร",
     [(R, Register.CS4_NETWORKS)]),
    ("3.3.2", Status.STARTING, "คือ ระบบแจ้งเตือนการระบาดของศัตรูพืชผ่าน LINE ถึงเกษตรกรทุกกลุ่ม",
     [(R, Register.CS2_IMPROVEMENTS)]),
    ("3.3.3", Status.NOT_STARTED, "", []),
    ("3.4.1", Status.IMPLEMENTED,
     "โดย แจ้งรับเรื่องภายใน 1 วันทำการ และโทรศัพท์สอบถามข้อเท็จจริงเบื้องต้น เพื่อสร้างความมั่นใจในการแก้ไขข้อร้องเรียน",
     [(R, Register.CS3_TICKETS), (P, 3)]),
    ("3.4.2", Status.IMPLEMENTED,
     "กำหนดผู้รับผิดชอบชัดเจน: กลุ่มยุทธศาสตร์และสารสนเทศ\nระบุขั้นตอนการรับเรื่องร้องเรียน: ตามคู่มือการจัดการ"
     "ข้อร้องเรียน\nกำหนดระยะเวลาการจัดการข้อร้องเรียน: ตอบภายใน 15 วันทำการ\nการติดตาม และประเมินผลการจัดการ"
     "ข้อร้องเรียน: รายงานผู้บริหารทุกไตรมาส", [(P, 3), (F, 3), (R, Register.CS3_FOLLOW_UP)]),
    ("3.4.3", Status.STARTING,
     "คือ เรื่องการขึ้นทะเบียนเกษตรกรล่าช้า และการช่วยเหลือภัยพิบัติ\nและมีแนวทางในการแก้ไข คือ ชี้แจงขั้นตอนและกำหนดเวลา"
     "ผ่านเว็บไซต์และ LINE", [(R, Register.CS3_DASHBOARD), (R, Register.CS3_FOLLOW_UP)]),
    ("3.4.4", Status.IMPLEMENTED, "โดยวิธี ติดตามเรื่องที่ใกล้ครบกำหนดทุกวันจากระบบ และแจ้งเตือนผู้รับผิดชอบทางอีเมล",
     [(R, Register.CS3_DASHBOARD), (P, 3)]),
    ("3.4.5", Status.STARTING, "คือ ระบบรับเรื่องร้องเรียนออนไลน์และติดตามสถานะด้วยรหัสติดตาม",
     [(R, Register.CS3_TICKETS)]),
]


def _earlier_results(code: str, name: str) -> tuple | None:
    key = code or next((k for k in EARLIER_RESULTS if name.startswith(k)), "")
    values = EARLIER_RESULTS.get(key)
    return tuple(Decimal(v) for v in values) if values else None


def _earlier_plans(office: Office) -> None:
    for back, year in ((0, LIVE_YEAR - 2), (1, LIVE_YEAR - 1)):
        for plan in ActionPlan.objects.filter(office=office, fiscal_year=LIVE_YEAR, cs__in=EARLIER_CS).order_by("cs"):
            if ActionPlan.objects.filter(office=office, fiscal_year=year, cs=plan.cs).exists():
                continue
            copy = plan_copy(plan=plan, fiscal_year=year)
            for indicator in copy.indicators.all():
                typed = _earlier_results(indicator.code, indicator.name)
                if typed is None and indicator.target is not None:
                    typed = tuple((indicator.target * share).quantize(Decimal("0.01"))
                                  for share in EARLIER_SHARE_OF_TARGET)
                indicator.source, indicator.metric = IndicatorSource.MANUAL, ""
                indicator.manual_result = typed[back] if typed else None
                indicator.save(update_fields=["source", "metric", "manual_result"])


@transaction.atomic
def load_demo() -> int:
    """The live year's self-assessment of the demo province (once), and its earlier years' results. Returns how many
    items were answered now (0 when the demo was loaded before)."""
    office = Office.objects.filter(code=OFFICE).first()
    if office is None:
        return 0
    _earlier_plans(office)
    if Assessment.objects.filter(office=office, fiscal_year=LIVE_YEAR).exists():
        return 0
    plans = {p.cs: p.pk for p in ActionPlan.objects.filter(office=office, fiscal_year=LIVE_YEAR)}
    files = {}
    for cs, pk in Evidence.objects.filter(plan__office=office, plan__fiscal_year=LIVE_YEAR).order_by(
            "plan__cs", "pk").values_list("plan__cs", "pk"):
        files.setdefault(cs, pk)
    answers = []
    for item, status, details, links in ANSWERS:
        answers.append(AnswerInput(
            item=item, status=status, details=details,
            plans=[plans[ref] for kind, ref in links if kind == P and ref in plans],
            files=[files[ref] for kind, ref in links if kind == F and ref in files],
            registers=[ref for kind, ref in links if kind == R]))
    assessment_save(office=office, fiscal_year=LIVE_YEAR, answers=answers, plan_ids=set(plans.values()),
                    file_ids=set(files.values()))
    return len(answers)
