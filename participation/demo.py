"""CS5 demo data for the Chumphon province office and one district, seed 000's CS5 plan made concrete: participation
projects at three levels (inform, consult, involve) in the previous and the current demo fiscal year, each tied to a
CS1 mission and groups, informing people through the national channels, with outcome measures (one lower-is-better,
one project still running with no result yet, one that missed a target), the year-end report to the governor with
its letter as a PDF drawn here, and the next steps of seed 002.

Idempotent (nothing is added once the province has a project) and deterministic. Load the CS1 demo first.
"""
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from channels.selectors import channel_by_code
from core.demo import LIVE_YEAR
from core.offices.models import Office, User
from stakeholders.selectors import groups_for_office, missions_for_office

from . import services
from .choices import Level, NextStepKind
from .models import ParticipationProject
from .services import MeasureInput

PROVINCE, DISTRICT = "CPN", "CPN-MUEANG"
LOWER = "lower"

PROJECTS = [
    # (key, office, fiscal year, title, level, mission order, groups, info channels, opinion channels, started, ended,
    #  mechanism, outcome, measures (name, unit, target, direction, result), published)
    ("inform-2568", PROVINCE, LIVE_YEAR - 1, "เผยแพร่ข้อมูลข่าวสารการเกษตรและปฏิทินการผลิตพืชจังหวัดชุมพร", Level.INFORM, 3,
     ["ประชาชนทั่วไป", "เกษตรกร"], ["website", "document", "facebook", "line"], ["suggestion-box", "phone"],
     date(2024, 11, 1), date(2025, 9, 15),
     "จัดทำเอกสารเผยแพร่ (Fact Sheet) ปฏิทินการผลิตพืชเศรษฐกิจ และเผยแพร่ผ่านเว็บไซต์ เพจ Facebook และ LINE ของสำนักงาน",
     "เกษตรกรวางแผนการผลิตตามปฏิทินได้ทันฤดูกาล ผู้เข้าชมข้อมูลมากกว่าเป้าหมาย",
     [("จำนวนผู้เข้าชมข้อมูลปฏิทินการผลิต", "ครั้ง", 5000, "higher", 6240)], True),
    ("consult-2568", PROVINCE, LIVE_YEAR - 1, "เวทีรับฟังความคิดเห็นเกษตรกรต่อแผนพัฒนาการเกษตรจังหวัดชุมพร", Level.CONSULT, 1,
     ["เกษตรกร", "กลุ่มเกษตรกรและวิสาหกิจชุมชน", "องค์กรปกครองส่วนท้องถิ่น"], ["website", "document", "meeting"],
     ["meeting", "document"], date(2025, 4, 1), date(2025, 6, 30),
     "การประชุม/เวทีสาธารณะ 8 อำเภอ และแบบสำรวจความคิดเห็นต่อร่างแผนพัฒนาการเกษตร",
     "ข้อเสนอของเกษตรกร 8 เรื่องบรรจุในแผนพัฒนาการเกษตรจังหวัด (เป้าหมาย 10 เรื่อง)",
     [("ร้อยละความพึงพอใจของผู้เข้าร่วมเวที", "ร้อยละ", 80, "higher", 86.4),
      ("จำนวนข้อเสนอที่บรรจุในแผนพัฒนาการเกษตร", "เรื่อง", 10, "higher", 8)], True),
    ("involve-2569", PROVINCE, LIVE_YEAR, "คณะกรรมการที่ปรึกษาภาคประชาชนด้านการป้องกันโรคและแมลงศัตรูทุเรียน", Level.INVOLVE, 2,
     ["เกษตรกร", "กลุ่มเกษตรกรและวิสาหกิจชุมชน", "องค์กรปกครองส่วนท้องถิ่น"],
     ["website", "facebook", "line", "meeting"], ["meeting", "line"], date(2025, 11, 1), date(2026, 8, 31),
     "แต่งตั้งคณะกรรมการที่มีผู้แทนเกษตรกรผู้ปลูกทุเรียนและ อปท. ร่วมกำหนดแผนเฝ้าระวังโรครากเน่าโคนเน่า "
     "และประชุมทุกไตรมาส",
     "คณะกรรมการกำหนดจุดเฝ้าระวัง 24 จุดร่วมกับเกษตรกร แปลงที่พบการระบาดลดลงจากร้อยละ 21 เหลือร้อยละ 12",
     [("ร้อยละของแปลงทุเรียนที่พบการระบาดของโรครากเน่าโคนเน่า", "ร้อยละ", 15, LOWER, 12),
      ("จำนวนครั้งการประชุมคณะกรรมการ", "ครั้ง", 4, "higher", 4)], True),
    ("consult-2569", PROVINCE, LIVE_YEAR, "เวทีประชาคมจัดทำแผนพัฒนาการเกษตรระดับตำบล", Level.CONSULT, 1,
     ["เกษตรกร", "องค์กรปกครองส่วนท้องถิ่น"], ["document", "meeting", "facebook"], ["meeting", "suggestion-box"],
     date(2026, 1, 15), date(2026, 3, 31),
     "เวทีประชาคมระดับตำบลร่วมกับ อปท. ประชุมกลุ่มย่อย และรับฟังความคิดเห็นผ่านตู้รับความคิดเห็น",
     "แผนพัฒนาการเกษตรระดับตำบลครบ 70 ตำบล ความพึงพอใจของผู้เข้าร่วมยังต่ำกว่าเป้าหมายเล็กน้อย",
     [("ร้อยละความพึงพอใจของผู้เข้าร่วมเวทีประชาคม", "ร้อยละ", 80, "higher", 77.5),
      ("จำนวนตำบลที่มีแผนพัฒนาการเกษตร", "ตำบล", 70, "higher", 70)], False),
    ("inform-2569", PROVINCE, LIVE_YEAR, "เผยแพร่ข้อมูลมาตรฐาน GAP ทุเรียนผ่าน LINE OA และ Facebook", Level.INFORM, 2,
     ["เกษตรกร", "ผู้ประกอบการและผู้ส่งมอบงาน"], ["line", "facebook"], ["line"], date(2026, 7, 1), None,
     "ข้อมูลมาตรฐาน GAP และขั้นตอนขอรับรองแปลง เผยแพร่ทุกสัปดาห์ (ยังดำเนินการต่อเนื่อง)", "",
     [("จำนวนผู้ติดตาม LINE OA ของสำนักงาน", "คน", 3000, "higher", None)], False),
    ("district-2569", DISTRICT, LIVE_YEAR, "ประชุมกลุ่มย่อยผู้ปลูกทุเรียนอำเภอเมืองชุมพร เรื่องการตรวจรับรองแปลง GAP",
     Level.CONSULT, 2, ["กลุ่มผู้ปลูกทุเรียนอำเภอเมืองชุมพร", "เกษตรกร"], ["meeting", "line", "phone"], ["meeting"],
     date(2026, 5, 1), date(2026, 5, 20), "ประชุมกลุ่มย่อย 4 ครั้ง รับฟังปัญหาการขอรับรองแปลง GAP",
     "ปรับขั้นตอนนัดตรวจแปลงให้เกษตรกรเลือกวันผ่าน LINE", [("จำนวนเกษตรกรที่เข้าร่วม", "คน", 40, "higher", 52)], True),
]

REPORT = {
    "title": f"รายงานสรุปความคิดเห็นและข้อเสนอแนะของประชาชนต่อการบริหารราชการ ประจำปีงบประมาณ พ.ศ. {LIVE_YEAR}",
    "addressee": "ผู้ว่าราชการจังหวัดชุมพร", "letter_number": "ชพ 0008/3125", "letter_date": date(2026, 9, 25),
    "meeting": f"การประชุมหัวหน้าส่วนราชการจังหวัดชุมพร ครั้งที่ 9/{LIVE_YEAR}", "meeting_date": date(2026, 9, 29),
    "summary": "1. เกษตรกรต้องการให้มีคณะกรรมการเฝ้าระวังโรคทุเรียนครบทุกอำเภอ\n"
               "2. อปท. เสนอให้บูรณาการแผนพัฒนาการเกษตรระดับตำบลกับแผนพัฒนาท้องถิ่น\n"
               "3. ผู้เข้าร่วมเวทีประชาคมขอให้แจ้งกำหนดการล่วงหน้าอย่างน้อย 7 วันผ่าน LINE และเสียงตามสาย",
}

NEXT_STEPS = [
    # (order, kind, project key, target level, groups, action)
    (1, NextStepKind.RAISE, "consult-2569", Level.INVOLVE, [],
     "ตั้งคณะทำงานจัดทำแผนพัฒนาการเกษตรระดับตำบลที่มีผู้แทนเกษตรกรและ อปท. ร่วมเป็นกรรมการ"),
    (2, NextStepKind.WIDEN, "involve-2569", None, ["องค์กรปกครองส่วนท้องถิ่น", "กลุ่มเกษตรกรและวิสาหกิจชุมชน"],
     "ขยายคณะกรรมการที่ปรึกษาภาคประชาชนด้านโรคทุเรียนไปยังอำเภอท่าแซะและอำเภอหลังสวน"),
    (3, NextStepKind.RAISE, "inform-2569", Level.CONSULT, [],
     "เปิดแบบสำรวจความคิดเห็นผ่าน LINE OA ควบคู่กับการเผยแพร่ข้อมูลมาตรฐาน GAP"),
]


def _letter(office: Office, projects: list[ParticipationProject]) -> SimpleUploadedFile:
    """The letter to the governor as the office would print it (บันทึกข้อความ), drawn by WeasyPrint."""
    from types import SimpleNamespace

    from core.pdf.render import render_pdf

    report = SimpleNamespace(fiscal_year=LIVE_YEAR, **REPORT)
    pdf = render_pdf("participation/pdf/letter.html", {
        "office": office, "report": report, "projects": projects, "signer": "นายสมชาย ใจดี",
        "signer_position": "เกษตรจังหวัดชุมพร"})
    return SimpleUploadedFile(f"หนังสือเสนอผู้ว่าราชการจังหวัด-{LIVE_YEAR}.pdf", pdf, content_type="application/pdf")


@transaction.atomic
def load_demo() -> int:
    """Create the CS5 demo registers when missing; returns how many projects were created."""
    province = Office.objects.get(code=PROVINCE)
    if ParticipationProject.objects.filter(office=province).exists():
        return 0
    offices = {o.code: o for o in Office.objects.filter(code__in=[PROVINCE, DISTRICT])}
    committee = User.objects.filter(username="committee").first()
    projects = {}
    for (key, code, year, title, level, mission_order, group_names, info, opinion, started, ended, mechanism, outcome,
         measures, published) in PROJECTS:
        office = offices[code]
        groups = {g.name: g for g in groups_for_office(office=office)}
        mission = missions_for_office(office=office, fiscal_year=year).filter(order=mission_order).first()
        projects[key] = services.project_save(
            office=office, fiscal_year=year, title=title, level=level, mission=mission, mechanism=mechanism,
            strategy="" if mission else "ยุทธศาสตร์การพัฒนาการเกษตรจังหวัดชุมพร",
            groups=[groups[name] for name in group_names], started_on=started, ended_on=ended, outcome=outcome,
            info_channels=[channel_by_code(c) for c in info], opinion_channels=[channel_by_code(c) for c in opinion],
            measures=[MeasureInput(name, target, direction, result, unit)
                      for name, unit, target, direction, result in measures], by=committee)
        if published:
            services.project_publish(project=projects[key], published=True)
    this_year = [p for p in projects.values() if p.office == province and p.fiscal_year == LIVE_YEAR]
    services.governor_report_save(office=province, fiscal_year=LIVE_YEAR, letter=_letter(province, this_year),
                                  by=committee, **REPORT)
    groups = {g.name: g for g in groups_for_office(office=province)}
    for order, kind, key, level, group_names, action in NEXT_STEPS:
        services.next_step_save(office=province, fiscal_year=LIVE_YEAR, order=order, kind=kind, project=projects[key],
                                target_level=level, groups=[groups[name] for name in group_names], action=action)
    return len(projects)
