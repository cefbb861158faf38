"""Demo CS7 data for the Chumphon office tree: seed 000's CS7 plan made concrete (กระบวนการกำหนดมาตรฐานการให้บริการ:
select the services, set their standards and steps, write the manuals, have them approved, announce them, check that
the standard is kept). Three services of the provincial agriculture office, adopted by its districts: farmer
registration (working days), the plant clinic (minutes) and GAP certification requests (calendar days), each with
its service chart; their public manuals (farmer registration's version 1 superseded by version 2), approved by the
executive and published on dated occasions (seed 002, items 1 and 2); a staff work manual file (item 3), drawn
here by WeasyPrint; and the service records of the previous and the current fiscal year across the province and its
districts, some late and some still open, saved through `services.records_save` so the verdicts are the calendar's.

Idempotent (nothing is added once the province has its services) and deterministic: the same records for the same
day on every machine (seeded random numbers, dates counted back from today).
"""
import random
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from channels.selectors import channel_by_code
from core.fiscal import fiscal_year_bounds, fiscal_year_of
from core.offices.models import Office, User
from stakeholders.selectors import groups_for_office

from . import services
from .choices import PublicationMethod, StandardUnit
from .models import Service

PROVINCE = "CPN"
LIVE_YEAR = 2569  # the demo plans' year (core.demo): its RM 3.5 is computed from these records
APPROVER = ("นายประเสริฐ บริหารดี", "เกษตรจังหวัดชุมพร")

# (name, reference prefix, unit, amount, mission, where to apply, documents, fees, groups, channel codes,
#  steps [(name, amount, responsible unit)], records per fiscal year, the share late)
SERVICES = [
    ("การขึ้นทะเบียนและปรับปรุงทะเบียนเกษตรกร", "ทบก", StandardUnit.WORKING_DAYS, 3,
     "พระราชบัญญัติส่งเสริมการเกษตร และระเบียบกรมส่งเสริมการเกษตรว่าด้วยการขึ้นทะเบียนเกษตรกร (ทบก.)",
     "สำนักงานเกษตรอำเภอทุกอำเภอ หรือแอปพลิเคชัน Farmbook",
     "1. บัตรประจำตัวประชาชน\n2. เอกสารสิทธิ์ในที่ดินหรือหนังสือยินยอมให้ใช้ที่ดิน\n3. สมุดทะเบียนเกษตรกร (กรณีปรับปรุง)",
     "ไม่มีค่าธรรมเนียม", ["เกษตรกร"], ["office", "line"],
     [("รับคำขอและตรวจสอบเอกสารหลักฐาน", 1, "เจ้าหน้าที่ทะเบียนเกษตรกร สำนักงานเกษตรอำเภอ"),
      ("ตรวจสอบข้อมูลแปลงและให้ผู้นำชุมชนรับรอง", 1, "คณะกรรมการตรวจสอบระดับหมู่บ้าน"),
      ("บันทึกข้อมูลในระบบทะเบียนเกษตรกรและแจ้งผล", 1, "เจ้าหน้าที่ทะเบียนเกษตรกร สำนักงานเกษตรอำเภอ")],
     300, 0.14),
    ("การให้บริการคลินิกพืช (วินิจฉัยศัตรูพืชและให้คำแนะนำ)", "คลพ", StandardUnit.MINUTES, 30,
     "ภารกิจการอารักขาพืช กรมส่งเสริมการเกษตร (คลินิกพืชประจำสำนักงานเกษตรจังหวัดและอำเภอ)",
     "คลินิกพืช ณ สำนักงานเกษตรจังหวัดชุมพรและสำนักงานเกษตรอำเภอ",
     "ตัวอย่างพืชที่มีอาการ (ใบ กิ่ง ผล หรือราก) พร้อมข้อมูลการปลูกและการใช้สารเคมี", "ไม่มีค่าธรรมเนียม",
     ["เกษตรกร"], ["office", "phone"],
     [("รับตัวอย่างพืชและสอบถามประวัติการปลูก", 5, "เจ้าหน้าที่คลินิกพืช"),
      ("วินิจฉัยอาการและชนิดศัตรูพืช", 15, "นักวิชาการส่งเสริมการเกษตร กลุ่มอารักขาพืช"),
      ("ให้คำแนะนำการจัดการและบันทึกผลการให้บริการ", 10, "นักวิชาการส่งเสริมการเกษตร กลุ่มอารักขาพืช")],
     240, 0.11),
    ("การรับคำขอรับรองแหล่งผลิตพืชตามมาตรฐาน GAP", "GAP", StandardUnit.CALENDAR_DAYS, 30,
     "มาตรฐานสินค้าเกษตร มกษ. 9001 การปฏิบัติทางการเกษตรที่ดีสำหรับพืช (GAP) ร่วมกับสำนักวิจัยและพัฒนาการเกษตรเขตที่ 8",
     "สำนักงานเกษตรอำเภอที่แปลงตั้งอยู่",
     "1. แบบคำขอรับรองแหล่งผลิต GAP พืช\n2. สำเนาบัตรประจำตัวประชาชน\n3. แผนที่ตั้งแปลง\n4. บันทึกการปฏิบัติงานในแปลง",
     "ไม่มีค่าธรรมเนียม", ["เกษตรกร", "กลุ่มเกษตรกรและวิสาหกิจชุมชน"], ["office", "document"],
     [("รับคำขอและตรวจสอบเอกสาร", 2, "สำนักงานเกษตรอำเภอ"),
      ("ตรวจประเมินแปลงเบื้องต้นและให้คำแนะนำ", 20, "นักวิชาการส่งเสริมการเกษตร กลุ่มส่งเสริมและพัฒนาการผลิต"),
      ("สรุปผลและส่งคำขอให้หน่วยรับรอง", 8, "กลุ่มส่งเสริมและพัฒนาการผลิต สำนักงานเกษตรจังหวัด")],
     150, 0.16),
]
COMPLAINT_CHANNEL = "สำนักงานเกษตรจังหวัดชุมพร โทร. 0 7751 1045 หรือศูนย์ดำรงธรรมจังหวัดชุมพร โทร. 1567"
# Where the records come from: each district's share of a service's records, and the province's own.
OFFICE_SHARES = {"CPN-MUEANG": 0.4, "CPN-THASAE": 0.25, "CPN-LANGSUAN": 0.25, PROVINCE: 0.1}


def _manual_body(service: Service, version: int) -> str:
    steps = "\n".join(f"{s.order}. {s.name} ({s.amount} {service.get_standard_unit_display()}) — {s.responsible_unit}"
                      for s in service.steps.all())
    lines = [
        f"หลักเกณฑ์ วิธีการ เงื่อนไข: {service.mission}",
        f"สถานที่/ช่องทางการให้บริการ: {service.where_to_apply}",
        f"ระยะเวลาแล้วเสร็จ: {service.standard_label}",
        "ขั้นตอน ระยะเวลา และส่วนงานที่รับผิดชอบ:", steps,
        f"รายการเอกสารหลักฐานประกอบ: {service.documents}",
        f"ค่าธรรมเนียม: {service.fees}",
        f"ช่องทางการร้องเรียน: {service.complaint_channel}",
    ]
    if version == 2:
        lines.insert(1, "ยื่นคำขอผ่านแอปพลิเคชัน Farmbook ได้โดยไม่ต้องมาที่สำนักงาน (เพิ่มในฉบับที่ 2)")
    return "\n".join(lines)


def _manuals(service: Service, committee, first_day: date, *, second: bool) -> None:
    """Version 1 approved and published before the first demo year; for one service a version 2 mid-year, which
    supersedes it."""
    v1 = services.manual_draft(service=service, title=f"คู่มือสำหรับประชาชน: {service.name}",
                               body=_manual_body(service, 1), by=committee)
    services.manual_approve(manual=v1, approver_name=APPROVER[0], approver_position=APPROVER[1],
                            approved_on=first_day - timedelta(days=20), by=committee)
    services.manual_publish(manual=v1, method=PublicationMethod.WEBSITE, published_on=first_day - timedelta(days=15),
                            detail="www.chumphon.doae.go.th หัวข้อคู่มือสำหรับประชาชน", by=committee)
    services.manual_publish(manual=v1, method=PublicationMethod.NOTICE_BOARD,
                            published_on=first_day - timedelta(days=14),
                            detail="บอร์ดประชาสัมพันธ์หน้าสำนักงานเกษตรจังหวัดและสำนักงานเกษตรอำเภอ", by=committee)
    if not second:
        return
    v2 = services.manual_draft(service=service, title=f"คู่มือสำหรับประชาชน: {service.name}",
                               body=_manual_body(service, 2), by=committee)
    services.manual_approve(manual=v2, approver_name=APPROVER[0], approver_position=APPROVER[1],
                            approved_on=first_day + timedelta(days=150), by=committee)
    for days, method, detail in [(155, PublicationMethod.WEBSITE, "www.chumphon.doae.go.th (แทนฉบับที่ 1)"),
                                 (158, PublicationMethod.LINE, "LINE OA สำนักงานเกษตรจังหวัดชุมพร"),
                                 (170, PublicationMethod.BOOKLET, "แผ่นพับ 500 แผ่น แจกที่จุดบริการทุกอำเภอ")]:
        services.manual_publish(manual=v2, method=method, published_on=first_day + timedelta(days=days),
                                detail=detail, by=committee)


def _staff_manual(service: Service, committee, approved_on: date) -> None:
    """The staff work manual of farmer registration: the service chart as the office prints it, a PDF."""
    from core.pdf.render import render_pdf

    pdf = render_pdf("service_standards/pdf/service_chart.html",
                     {"service": service, "steps": service.steps.all(), "printed_on": approved_on})
    services.staff_manual_version_add(
        service=service, title="คู่มือการปฏิบัติงานการขึ้นทะเบียนและปรับปรุงทะเบียนเกษตรกร",
        file=SimpleUploadedFile("คู่มือการปฏิบัติงาน-ทะเบียนเกษตรกร.pdf", pdf, content_type="application/pdf"),
        note="ฉบับแรก ตามแผนผังขั้นตอนการให้บริการ", approver_name=APPROVER[0], approved_on=approved_on, by=committee)


def _working_day(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def _rows(service: Service, prefix: str, office_code: str, count: int, late_share: float, first_day: date,
          today: date) -> list:
    """`count` records of one office for one service received between `first_day` and `today`: most within the
    standard, `late_share` of them beyond it, the latest ones still open, each at a step (the slow step most)."""
    rng = random.Random(f"{service.name}|{office_code}|{first_day}")
    steps = list(service.steps.all())
    span = (today - first_day).days
    rows = []
    for n in range(count):
        received = _working_day(first_day + timedelta(days=rng.randrange(span)))
        if received > today:
            received = today - timedelta(days=1)
        late = rng.random() < late_share
        # the step a late or open record is held at: the middle (checking) step most often
        held = steps[1] if len(steps) > 1 and rng.random() < 0.6 else rng.choice(steps)
        row = {"reference": f"{prefix}-{office_code}-{received.year + 543}-{n + 1:04d}", "step": steps[-1]}
        if service.standard_unit == StandardUnit.MINUTES:
            start = datetime.combine(received, time(8, 30)) + timedelta(minutes=rng.randrange(0, 400))
            start = timezone.make_aware(start)
            minutes = rng.randint(35, 90) if late else rng.randint(10, 29)
            row["received_at"] = start
            if received < today:
                row["completed_at"] = start + timedelta(minutes=minutes)
            else:
                row["completed_at"], row["step"] = None, held
            if late:
                row["step"] = held
        else:
            days = (rng.randint(6, 12) if late else rng.randint(1, 3)) if service.standard_unit == \
                StandardUnit.WORKING_DAYS else (rng.randint(33, 50) if late else rng.randint(8, 29))
            completed = received + timedelta(days=days)
            recent = (today - received).days < (14 if service.standard_unit == StandardUnit.WORKING_DAYS else 45)
            if completed >= today or (recent and rng.random() < 0.5):
                completed, row["step"] = None, held
            elif late:
                row["step"] = held
            row["received_on"], row["completed_on"] = received, completed
        rows.append(row)
    return rows


@transaction.atomic
def load_demo(*, today: date | None = None) -> int:
    """Create the demo CS7 data when missing; returns how many service records were saved."""
    province = Office.objects.filter(code=PROVINCE).first()
    if province is None or Service.objects.filter(office=province).exists():
        return 0
    today = today or timezone.localdate()
    committee = User.objects.filter(username="committee").first()
    first_year = min(LIVE_YEAR, fiscal_year_of(today) - 1)
    first_day = fiscal_year_bounds(first_year)[0]
    groups = {g.name: g for g in groups_for_office(office=province)}
    offices = {o.code: o for o in Office.objects.filter(code__in=OFFICE_SHARES)}
    saved, made = 0, []
    for n, (name, prefix, unit, amount, mission, where, documents, fees, group_names, channels, steps, per_year,
            late_share) in enumerate(SERVICES):
        service = services.service_save(
            office=province, name=name, standard_amount=amount, standard_unit=unit, mission=mission,
            where_to_apply=where, documents=documents, fees=fees, complaint_channel=COMPLAINT_CHANNEL,
            groups=[groups[g] for g in group_names if g in groups],
            channels=[c for c in map(channel_by_code, channels) if c is not None],
            steps=[{"name": s, "amount": a, "responsible_unit": u} for s, a, u in steps])
        made.append(service)
        _manuals(service, committee, first_day, second=n == 0)
        if n == 0:
            _staff_manual(service, committee, first_day - timedelta(days=10))
        years = (today - first_day).days / 365
        for code, share in OFFICE_SHARES.items():
            if code in offices:
                rows = _rows(service, prefix, code, round(per_year * years * share), late_share, first_day, today)
                saved += len(services.records_save(office=offices[code], service=service, rows=rows))
    _checks(made, offices, committee, today)
    return saved


# Checks that the manuals are used (seed 000 CS7 step 6: observation, a supervisor one level up, internal audit),
# days before today: (service index, office, kind, days ago, checker, position, rating, finding, corrective action,
# status, due in days after the check, done in days after the check).
CHECKS = [
    (0, "CPN-MUEANG", "observation", 300, "นางสาวสมศรี ใจงาม", "นักวิชาการส่งเสริมการเกษตรชำนาญการ", None,
     "เจ้าหน้าที่รับคำขอตามคู่มือครบทุกขั้นตอน ตรวจเอกสารตามรายการ", "", "none_needed", None, None),
    (0, "CPN-MUEANG", "supervisor_rating", 240, "นายประสงค์ บุญเจริญ", "เกษตรอำเภอเมืองชุมพร", 4,
     "ปฏิบัติตามคู่มือเป็นส่วนใหญ่ บันทึกวันรับคำขอครบ", "", "none_needed", None, None),
    (0, "CPN-THASAE", "internal_audit", 150, "คณะทำงานตรวจสอบภายใน", "สำนักงานเกษตรจังหวัดชุมพร", None,
     "พบคำขอ 3 เรื่องไม่ได้ลงวันที่รับคำขอในทะเบียน", "ชี้แจงเจ้าหน้าที่ และให้หัวหน้าฝ่ายตรวจทะเบียนทุกสัปดาห์",
     "done", 40, 20),
    (1, "CPN", "observation", 90, "นางสาวสมศรี ใจงาม", "นักวิชาการส่งเสริมการเกษตรชำนาญการ", None,
     "ให้คำแนะนำตามคู่มือ แต่ไม่ได้บันทึกเวลาแล้วเสร็จทุกราย", "เพิ่มช่องเวลาแล้วเสร็จในแบบบันทึกคลินิกพืช",
     "done", 30, 14),
    (2, "CPN", "internal_audit", 35, "คณะทำงานตรวจสอบภายใน", "สำนักงานเกษตรจังหวัดชุมพร", None,
     "แบบตรวจแปลง GAP ยังเป็นฉบับเก่า ไม่ตรงกับคู่มือฉบับปัจจุบัน", "ปรับแบบฟอร์มตรวจแปลงให้ตรงกับคู่มือ",
     "in_progress", 25, None),
    (0, "CPN-LANGSUAN", "observation", 20, "นางสาวสมศรี ใจงาม", "นักวิชาการส่งเสริมการเกษตรชำนาญการ", None,
     "ไม่ได้แจ้งระยะเวลาแล้วเสร็จแก่ผู้ยื่นคำขอ", "ติดป้ายแผนผังขั้นตอนและระยะเวลาที่จุดบริการ", "planned", 30, None),
    (1, "CPN-MUEANG", "supervisor_rating", 7, "นายประสงค์ บุญเจริญ", "เกษตรอำเภอเมืองชุมพร", 5,
     "ปฏิบัติตามคู่มือครบถ้วน ตอบผู้รับบริการภายในเวลามาตรฐาน", "", "none_needed", None, None),
]


def _checks(made: list[Service], offices: dict[str, Office], committee, today: date) -> None:
    for (index, code, kind, days_ago, checker, position, rating, finding, action, status, due_in,
         done_in) in CHECKS:
        if code not in offices or index >= len(made):
            continue
        checked_on = today - timedelta(days=days_ago)
        services.check_save(
            office=offices[code], service=made[index], kind=kind, checked_on=checked_on, checker_name=checker,
            checker_position=position, rating=rating, finding=finding, corrective_action=action,
            action_status=status, action_due_on=checked_on + timedelta(days=due_in) if due_in else None,
            action_done_on=checked_on + timedelta(days=done_in) if done_in else None, by=committee)
