"""The bench province: ONE province office and its 12 districts with a busy year of EVERY process, for the annual
report's and the evidence pack's benches (`reports.bench_annual`, `reports.bench_pack`; issue 14's scale bars).

Every section the processes print (`<app>/sections.py`) reads whatever the database holds; a bench that fills only
some registers measures a report of "no data" notes. So here each register is filled at the size of a busy province
(per fiscal year, over the 13 offices), the way its own demo loader fills it:

- CS1: 10 groups (the province's, inherited by its districts), 6 missions each with its duty row, 3 SIPOCs and 2
  reviews per office.
- CS2: keyed usage counts of three years for the bench channels, CS2-1 rows, the types of information heard, 2
  channel reviews and 1 improvement with before/after photos per office.
- CS3: about 3,000 tickets of the year (some late, some still open, some in a second round: inserted in SQL by
  `reports.benchdata.ensure_tickets`), the follow-up plan and the improvement analyses of every office.
- CS4: 2 networks per office with contact channels, each with its relationship plan and 4 activities of 2 photos.
- CS5: 3 participation projects per office at different levels with outcome measures, the province's report to the
  governor with its letter (a PDF) and 3 next steps.
- CS6: 2 survey rounds of the province with about 400 responses each (`satisfaction.services.responses_record`
  keeps the tallies) and 4 improvements, two done with their evidence.
- CS7: 3 services per office with steps, public manuals approved and published, a staff manual file, about 3,000
  service records (`service_standards.services.records_save`: the calendar's verdicts) and 10 checks on use.
- Plans: an action plan of every CS for every office (indicators and steps) and 200 evidence files on the
  province's plans: 50 PDFs of 4 pages, 100 photos (JPEG 1600×1200) and 50 Office files.

Registers whose service keeps derived data go through that service; the plain ones (plans, the follow-up plan) are
bulk-created. Idempotent: offices and the year-independent registers are made once, a fiscal year's data once per
year (its action plans, made last in the same transaction, mark it done). `scale` (tests) shrinks the districts and
every count, never to nothing.
"""
import io
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from core.fiscal import fiscal_year_bounds
from core.offices.models import Office
from core.offices.services import office_create
from core.testing.files import docx_bytes

PROVINCE = "BENCH-PROV"
DISTRICTS = 12
PDFS, PHOTOS, OFFICE_FILES = 50, 100, 50
PDF_PAGES = 4
TICKETS = 3000
SERVICE_RECORDS = 3000
SURVEY_RESPONSES = 400
NETWORKS_PER_OFFICE, ACTIVITIES_PER_NETWORK, PHOTOS_PER_ACTIVITY = 2, 4, 2
SERVICES_PER_OFFICE = 3
CHECKS = 10
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

GROUPS = [  # (kind, name, criteria, needs, rank)
    ("customer", "เกษตรกรผู้ปลูกไม้ผล", "mission", "ข้อมูลราคาและการตลาด การป้องกันโรคและแมลง", 1),
    ("customer", "กลุ่มเกษตรกรและวิสาหกิจชุมชน", "service", "การรวมกลุ่ม การพัฒนาผลิตภัณฑ์และการตลาด", 2),
    ("customer", "ยุวเกษตรกร", "service", "ความรู้ด้านการเกษตรและทักษะอาชีพ", 3),
    ("customer", "เกษตรกรรุ่นใหม่", "mission", "เทคโนโลยีการผลิตและการเข้าถึงแหล่งทุน", 4),
    ("customer", "ประชาชนทั่วไป", "area", "ข้อมูลข่าวสารด้านการเกษตร ช่องทางติดต่อที่เข้าถึงง่าย", 5),
    ("stakeholder", "องค์กรปกครองส่วนท้องถิ่น", "area", "ข้อมูลการเกษตรในพื้นที่สำหรับแผนพัฒนาท้องถิ่น", 1),
    ("stakeholder", "หน่วยงานภาครัฐที่เกี่ยวข้องในจังหวัด", "law", "ข้อมูลและรายงานที่ถูกต้องครบถ้วน", 2),
    ("stakeholder", "บุคลากรของสำนักงาน", "mission", "ความชัดเจนของแผนงานและการพัฒนาศักยภาพ", 3),
    ("stakeholder", "ผู้ประกอบการและผู้ส่งมอบงาน", "service", "ข้อมูลผลผลิตและความต้องการของตลาด", 4),
    ("stakeholder", "สถาบันการศึกษาในพื้นที่", "area", "ความร่วมมือทางวิชาการและแปลงสาธิต", 5),
]
SIPOC_STEPS = ("1. ประชุม/วางแผน\n2. รวบรวมข้อมูลความต้องการ\n3. วิเคราะห์ข้อมูล\n4. ปรับปรุงการให้บริการ\n"
               "5. ติดตามและประเมินผล")
CHANNELS = ["office", "document", "meeting", "phone", "website", "line", "facebook", "suggestion-box"]


def _counts(scale: float) -> dict:
    def n(full: int, least: int = 1) -> int:
        return max(least, round(full * scale))

    return {"districts": n(DISTRICTS), "tickets": n(TICKETS, 40), "records": n(SERVICE_RECORDS, 40),
            "responses": n(SURVEY_RESPONSES, 10), "pdfs": n(PDFS), "photos": n(PHOTOS), "office_files": n(OFFICE_FILES),
            "networks": NETWORKS_PER_OFFICE if scale >= 1 else 1,
            "activities": ACTIVITIES_PER_NETWORK if scale >= 1 else 1,
            "photo_size": (1600, 1200) if scale >= 1 else (320, 240)}


# --- Files ------------------------------------------------------------------------------------------------------------

def sample_pdf(pages: int = PDF_PAGES) -> bytes:
    """A Thai table of about `pages` A4 pages, as an office's scanned-and-typed report would be."""
    from weasyprint import HTML

    from core.pdf.render import BASE_URL, LocalFetcher

    rows = "".join(f"<tr><td>{n}</td><td>รายงานการประชุมเครือข่ายครั้งที่ {n}</td><td>๑๒ คน</td></tr>"
                   for n in range(1, 40 * pages))
    return HTML(string=f'<html lang="th"><body><table>{rows}</table></body></html>', base_url=BASE_URL,
                url_fetcher=LocalFetcher()).write_pdf()


def sample_photo(size=(1600, 1200), seed: int = 0) -> bytes:
    """A camera-sized JPEG of noise (it compresses as badly as a photo does)."""
    from PIL import Image

    image = Image.effect_noise(size, 40 + seed % 20).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def flat_photo(size=(1600, 1200), shade: int = 0) -> bytes:
    """A camera-sized JPEG of one colour, as bench_annual sent them (a phone photo the report scales down)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (shade % 255, 120, 90)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- The province -----------------------------------------------------------------------------------------------------

def ensure_bench_province(*, fiscal_year: int, scale: float = 1) -> Office:
    """The bench province filled for `fiscal_year` (see the module); a second call adds nothing."""
    from core.plans.models import ActionPlan

    counts = _counts(scale)
    province = Office.objects.filter(code=PROVINCE).first()
    if province is None:
        with transaction.atomic():
            province = _offices(counts)
            _once(province, counts)
    if not ActionPlan.objects.filter(office=province, fiscal_year=fiscal_year).exists():
        with transaction.atomic():
            _year(province, fiscal_year, counts)
    return province


def _offices(counts: dict) -> Office:
    from reports.benchdata import BENCH_ROOT, ensure_office_people

    root = Office.objects.filter(code=BENCH_ROOT).first() or office_create(code=BENCH_ROOT, name="กรมทดสอบสมรรถนะ")
    province = office_create(code=PROVINCE, name="สำนักงานเกษตรจังหวัดทดสอบ", parent=root)
    for d in range(counts["districts"]):
        office_create(code=f"{PROVINCE}-{d + 1:02d}", name=f"สำนักงานเกษตรอำเภอทดสอบ {d + 1}", parent=province)
    ensure_office_people()  # every bench office's handler (the tickets') and head
    return province


def _subtree(province: Office) -> list[Office]:
    return list(Office.objects.filter(path__startswith=province.path).order_by("path"))


def _groups(province: Office) -> list:
    from stakeholders.models import StakeholderGroup

    return list(StakeholderGroup.objects.filter(office=province).order_by("kind", "rank"))


def _once(province: Office, counts: dict) -> None:
    """What belongs to no fiscal year: CS1 groups and SIPOCs, CS2-1, CS4 networks, CS6 questionnaire, CS7 services
    with their manuals."""
    from channels import services as cs2
    from channels.selectors import channel_by_code
    from networks import services as cs4
    from service_standards import services as cs7
    from service_standards.choices import PublicationMethod, StandardUnit
    from stakeholders import services as cs1

    offices = _subtree(province)
    groups = [cs1.group_save(office=province, kind=kind, name=name, criteria=criteria, needs=needs,
                             expectations="ได้รับบริการที่รวดเร็ว ถูกต้อง", rank=rank)
              for kind, name, criteria, needs, rank in GROUPS]
    channels = [channel_by_code(code) for code in CHANNELS]
    today = timezone.localdate()
    for n, office in enumerate(offices):
        for s in range(3):
            cs1.sipoc_save(office=office, title=f"กระบวนการที่ {s + 1}: การรับฟังและตอบสนองความต้องการของผู้รับบริการ",
                           unit="กลุ่มยุทธศาสตร์และสารสนเทศ", suppliers="1. เกษตรกร\n2. หน่วยงานภาครัฐ",
                           inputs="1. แบบสอบถาม\n2. ข้อร้องเรียน\n3. บันทึกการประชุม", steps=SIPOC_STEPS,
                           outputs="ข้อมูลความต้องการที่วิเคราะห์แล้ว", customers="1. ผู้รับบริการ\n2. ผู้มีส่วนได้ส่วนเสีย",
                           groups=groups[s:s + 2])
        for k in range(4):
            cs2.group_channel_save(office=office, group=groups[k], channel=channels[(n + k) % len(channels)],
                                   reason="เข้าถึงง่าย ได้ข้อมูลจริงจากผู้รับบริการ", analysis_method="การวิเคราะห์เนื้อหา",
                                   finding="ต้องการข้อมูลราคาและการตลาดที่ทันเวลา", owner="กลุ่มยุทธศาสตร์และสารสนเทศ")
        for k in range(counts["networks"]):
            cs4.network_save(office=office, name=f"เครือข่ายเกษตรกรแปลงใหญ่ {k + 1}", form="committee",
                             form_detail="คณะกรรมการเครือข่ายระดับอำเภอ", groups=groups[k:k + 2],
                             purpose="แลกเปลี่ยนความรู้และสะท้อนความต้องการของเกษตรกร",
                             contact_channels=[{"kind": "line", "value": "กลุ่ม LINE เครือข่าย"},
                                               {"kind": "meeting", "value": "ประชุมประจำเดือน"},
                                               {"kind": "phone", "value": "0 7700 0000"}])
        for k in range(SERVICES_PER_OFFICE):
            unit = StandardUnit.CALENDAR_DAYS if k == 2 else StandardUnit.WORKING_DAYS
            amount = 30 if k == 2 else (3, 5)[k]
            service = cs7.service_save(
                office=office, name=f"งานบริการที่ {k + 1} ของ{office.name}", standard_amount=amount,
                standard_unit=unit, mission="ภารกิจส่งเสริมการเกษตร", where_to_apply="สำนักงานเกษตรอำเภอทุกอำเภอ",
                documents="1. บัตรประจำตัวประชาชน\n2. แบบคำขอ", fees="ไม่มีค่าธรรมเนียม",
                complaint_channel="ศูนย์ดำรงธรรมจังหวัด โทร. 1567", groups=groups[:2], channels=channels[:2],
                steps=[{"name": f"ขั้นตอนที่ {s + 1}", "amount": amount // 3 if s < 2 else amount - 2 * (amount // 3),
                        "responsible_unit": "ฝ่ายบริการ"} for s in range(3)])
            manual = cs7.manual_draft(service=service, title=f"คู่มือสำหรับประชาชน: {service.name}",
                                      body="ขั้นตอน ระยะเวลา เอกสารหลักฐาน และช่องทางการร้องเรียน")
            cs7.manual_approve(manual=manual, approver_name="นายทดสอบ บริหารดี", approver_position="เกษตรจังหวัด",
                               approved_on=today - timedelta(days=400))
            for days, method in ((390, PublicationMethod.WEBSITE), (385, PublicationMethod.NOTICE_BOARD)):
                cs7.manual_publish(manual=manual, method=method, published_on=today - timedelta(days=days),
                                   detail="เว็บไซต์และบอร์ดประชาสัมพันธ์หน้าสำนักงาน")
            if k == 0:
                cs7.staff_manual_version_add(
                    service=service, title=f"คู่มือการปฏิบัติงาน: {service.name}", approver_name="นายทดสอบ บริหารดี",
                    file=_upload("คู่มือการปฏิบัติงาน.pdf", _staff_manual_pdf(), "application/pdf"),
                    approved_on=today - timedelta(days=380), note="ฉบับแรก")


_STAFF_PDF: list[bytes] = []


def _staff_manual_pdf() -> bytes:
    if not _STAFF_PDF:
        _STAFF_PDF.append(sample_pdf(2))
    return _STAFF_PDF[0]


def _year(province: Office, fiscal_year: int, counts: dict) -> None:
    first_day, last_day = fiscal_year_bounds(fiscal_year)
    end = min(last_day, timezone.localdate())
    if end < first_day:
        raise ValueError(f"fiscal year {fiscal_year} has not begun")
    span = (end - first_day).days

    def day(k: int, n: int) -> date:
        """The k-th of n days spread over the year so far."""
        return first_day + timedelta(days=span * k // max(n, 1))

    offices, groups = _subtree(province), _groups(province)
    _cs1(offices, groups, fiscal_year, day)
    _cs2(province, offices, groups, fiscal_year, day, counts)
    _cs3(offices, fiscal_year, first_day, end, counts)
    _cs4(offices, fiscal_year, day, counts)
    _cs5(province, offices, groups, fiscal_year, day)
    _cs6(province, groups, fiscal_year, day, end, counts)
    _cs7(province, offices, fiscal_year, first_day, end, counts)
    _plans(province, offices, fiscal_year, counts)  # last: the year's mark


def _cs1(offices, groups, fiscal_year, day) -> None:
    from stakeholders import services as cs1

    for n, office in enumerate(offices):
        for m in range(6):
            mission = cs1.mission_save(office=office, fiscal_year=fiscal_year, order=m + 1,
                                       title=f"พันธกิจที่ {m + 1}: ส่งเสริมและพัฒนาเกษตรกรให้พึ่งพาตนเองได้",
                                       groups=[groups[m % 5], groups[5 + m % 5]])
            cs1.duty_row_save(office=office, fiscal_year=fiscal_year, order=m + 1, missions=[mission],
                              ministerial_duty="ส่งเสริมและพัฒนาการผลิตทางการเกษตรตามกฎกระทรวง",
                              other_law_duty="พระราชบัญญัติวิสาหกิจชุมชน พ.ศ. 2548", process="ถ่ายทอดเทคโนโลยีการผลิต",
                              products="การฝึกอบรม แปลงเรียนรู้ คำแนะนำทางวิชาการ",
                              groups=[groups[m % 5], groups[5 + m % 5]])
        for r in range(2):
            cs1.review_add(office=office, reviewed_on=day(n * 2 + r, len(offices) * 2),
                           participants="คณะทำงาน PMQA หมวด 3 (12 คน)",
                           changes="ทบทวนความต้องการของกลุ่มผู้รับบริการจากผลสำรวจและข้อร้องเรียน")


def _cs2(province, offices, groups, fiscal_year, day, counts) -> None:
    from channels import services as cs2
    from channels.selectors import channel_by_code
    from reports.benchdata import ensure_channel_usage

    ensure_channel_usage(office_ids=[o.pk for o in offices], years=[fiscal_year - 2, fiscal_year - 1, fiscal_year])
    size = counts["photo_size"]
    channels = [channel_by_code(code) for code in CHANNELS]
    for n, office in enumerate(offices):
        cs2.information_types_save(office=office, fiscal_year=fiscal_year,
                                   lines=["ความต้องการข้อมูลราคาผลผลิต", "ข้อเสนอให้ขยายเวลาให้บริการ",
                                          "ความต้องการอบรมการผลิตตามมาตรฐาน GAP"])
        for r in range(2):
            cs2.review_save(office=office, group=groups[r], channel=channels[r], sample_size=400,
                            sampling_method="สุ่มแบบบังเอิญ ณ จุดบริการ", statistics="ร้อยละ ค่าเฉลี่ย",
                            collection_method="แบบสอบถาม ณ จุดบริการและออนไลน์",
                            result="ช่องทางยังเหมาะสม ควรเพิ่มแบบสอบถามออนไลน์",
                            reviewed_on=day(n * 2 + r, len(offices) * 2))
        cs2.improvement_create(office=office, fiscal_year=fiscal_year, topic="การให้บริการขึ้นทะเบียนเกษตรกร ณ จุดบริการ",
                               channel=channels[0], group=groups[0],
                               steps="รวบรวมความต้องการจากช่องทางการรับฟัง\nวิเคราะห์สาเหตุ\nปรับขั้นตอนการให้บริการ",
                               result="ผู้รับบริการรอคิวสั้นลงครึ่งหนึ่ง",
                               before_photo=_upload("before.jpg", flat_photo(size, n * 7), "image/jpeg"),
                               after_photo=_upload("after.jpg", flat_photo(size, n * 11), "image/jpeg"))


def _cs3(offices, fiscal_year, first_day, end, counts) -> None:
    from complaints.models import FollowUpPlan, ImprovementAnalysis
    from reports.benchdata import ensure_tickets

    ensure_tickets(count=counts["tickets"], office_ids=[o.pk for o in offices], first_day=first_day,
                   days=(end - first_day).days + 1, today=end, prefix=f"BP{fiscal_year}-")
    FollowUpPlan.objects.bulk_create(
        FollowUpPlan(office=office, fiscal_year=fiscal_year, process=process, priority=priority, timing=timing,
                     frequency=frequency, owner="คณะทำงานหมวด 3", related_party="ทุกอำเภอ",
                     follow_up_channel="1. โทรศัพท์สอบถามผู้ร้องหลังแจ้งผล\n2. แบบสอบถามความพึงพอใจ")
        for office in offices
        for process, priority, timing, frequency in (
            ("การแจ้งผลการดำเนินการแก่ผู้ร้อง", "highest", "หลังแจ้งผลทุกเรื่อง", "ทุกวัน"),
            ("การส่งต่อเรื่องให้อำเภอ", "high", "รายเดือน", "ทุกเดือน"),
            ("การรับเรื่องทางช่องทางออนไลน์", "medium", "3 เดือน", "ไตรมาสละครั้ง")))
    ImprovementAnalysis.objects.bulk_create(
        ImprovementAnalysis(office=office, fiscal_year=fiscal_year, follow_up_data=data, follow_up_channel="โทรศัพท์",
                            analysis_method="ร้อยละ/จัดกลุ่มสาเหตุ", analysis_result=result, analyst="คณะทำงานหมวด 3",
                            priority=priority, improvement_factors="ระยะเวลา ความต่อเนื่องของงาน",
                            process_improved=improved, owner=office.name, related_party="สำนักงานเกษตรอำเภอ")
        for office in offices
        for data, result, priority, improved in (
            ("ผู้ร้องร้อยละ 30 แจ้งว่ารอผลนานเกิน 15 วันทำการ", "เรื่องค้างเพราะรอเอกสาร", "high",
             "ลดขั้นตอนการส่งต่อเรื่องเหลือ 1 วันทำการ"),
            ("ข้อร้องเรียนเรื่องพันธุ์พืชไม่ครบซ้ำ", "ไม่มีใบตรวจรับที่จุดบริการ", "medium",
             "เพิ่มใบตรวจรับพันธุ์พืชลงนามโดยเกษตรกร")))


def _cs4(offices, fiscal_year, day, counts) -> None:
    from networks import services as cs4
    from networks.models import Network

    size, photos = counts["photo_size"], []
    networks = list(Network.objects.filter(office__in=offices).order_by("office__path", "pk"))
    for n, network in enumerate(networks):
        cs4.plan_save(network=network, fiscal_year=fiscal_year, title="โครงการเสริมสร้างความสัมพันธ์กับเครือข่าย",
                      objective="สร้างความสัมพันธ์และพัฒนาเครือข่ายให้เข้มแข็ง",
                      reflection="เครือข่ายร่วมกำหนดกิจกรรมและเข้าร่วมมากขึ้น")
        for a in range(counts["activities"]):
            activity = cs4.activity_save(
                network=network, title=f"เวทีแลกเปลี่ยนเรียนรู้ครั้งที่ {a + 1}", kind="formal" if a % 2 == 0 else "informal",
                held_on=day(n * counts["activities"] + a, len(networks) * counts["activities"]),
                place="ห้องประชุมสำนักงาน", participants=30 + a,
                outcome="เครือข่ายได้ข้อมูลการตลาดและวางแผนการผลิตร่วมกัน")
            for p in range(PHOTOS_PER_ACTIVITY):
                if len(photos) < 8:
                    photos.append(flat_photo(size, len(photos) * 29))
                cs4.photo_add(activity=activity, caption="บรรยากาศกิจกรรม",
                              photo=_upload(f"activity-{p}.jpg", photos[(n + a + p) % len(photos)], "image/jpeg"))


def _cs5(province, offices, groups, fiscal_year, day) -> None:
    from channels.selectors import channel_by_code
    from participation import services as cs5
    from participation.choices import Level, NextStepKind
    from participation.services import MeasureInput
    from stakeholders.models import Mission

    info = [channel_by_code(c) for c in ("website", "document", "facebook", "line")]
    opinion = [channel_by_code(c) for c in ("meeting", "suggestion-box")]
    levels = [Level.INFORM, Level.CONSULT, Level.INVOLVE]
    province_projects = []
    for n, office in enumerate(offices):
        missions = list(Mission.objects.filter(office=office, fiscal_year=fiscal_year).order_by("order"))
        for k, level in enumerate(levels):
            project = cs5.project_save(
                office=office, fiscal_year=fiscal_year, title=f"โครงการมีส่วนร่วมที่ {k + 1}: {level.label}",
                level=level, mission=missions[k] if missions else None, groups=groups[k:k + 2],
                mechanism="เวทีสาธารณะ ประชุมกลุ่มย่อย และแบบสำรวจความคิดเห็น",
                started_on=day(n * 3 + k, len(offices) * 3), outcome="ข้อเสนอของเกษตรกรบรรจุในแผนพัฒนาการเกษตร",
                info_channels=info, opinion_channels=opinion,
                measures=[MeasureInput("ร้อยละความพึงพอใจของผู้เข้าร่วม", 80, "higher", 75 + k * 5, "ร้อยละ"),
                          MeasureInput("จำนวนข้อเสนอที่นำไปปรับปรุง", 10, "higher", 8 + k, "เรื่อง")])
            cs5.project_publish(project=project, published=True)
            if office == province:
                province_projects.append(project)
    cs5.governor_report_save(
        office=province, fiscal_year=fiscal_year, title=f"รายงานสรุปความคิดเห็นและข้อเสนอแนะ ประจำปีงบประมาณ {fiscal_year}",
        addressee="ผู้ว่าราชการจังหวัดทดสอบ", letter_number="ทส 0008/3125", letter_date=day(1, 2),
        meeting=f"การประชุมหัวหน้าส่วนราชการจังหวัด ครั้งที่ 1/{fiscal_year}", meeting_date=day(1, 2),
        summary="1. เกษตรกรต้องการคณะกรรมการเฝ้าระวังโรคพืชทุกอำเภอ\n2. อปท. เสนอให้บูรณาการแผนพัฒนาการเกษตร",
        letter=_upload("หนังสือเสนอผู้ว่าราชการจังหวัด.pdf", _staff_manual_pdf(), "application/pdf"))
    for order, (kind, project, level) in enumerate(((NextStepKind.RAISE, province_projects[0], Level.CONSULT),
                                                    (NextStepKind.RAISE, province_projects[1], Level.INVOLVE),
                                                    (NextStepKind.WIDEN, province_projects[2], None)), start=1):
        cs5.next_step_save(office=province, fiscal_year=fiscal_year, order=order, kind=kind, project=project,
                           target_level=level, groups=groups[5:7] if kind == NextStepKind.WIDEN else [],
                           action="ตั้งคณะทำงานที่มีผู้แทนเกษตรกรและ อปท. ร่วมเป็นกรรมการ")


# The demo questionnaire's rated items, its dissatisfaction question and its first profile question (kept last:
# the responses pick from its choices).
SURVEY_CODES = ("a1", "a2", "b1", "b2", "c1", "d1", "p1")


def _survey_items() -> list[dict]:
    from satisfaction.demo import ITEMS

    return [item for item in ITEMS if item["code"] in SURVEY_CODES]


def _cs6(province, groups, fiscal_year, day, end, counts) -> None:
    import random

    from satisfaction.choices import ResponseSource
    from satisfaction.improvements import improvement_create, improvement_status_set
    from satisfaction.models import Improvement
    from satisfaction.services import questionnaire_create, responses_record, round_create, round_update

    survey_items = _survey_items()

    rng = random.Random(fiscal_year)
    questionnaire = questionnaire_create(office=province, title=f"แบบสอบถามความพึงพอใจ ปี {fiscal_year}", scale_max=5,
                                         items=survey_items, group=groups[0])
    rounds = []
    for r, lift in enumerate((0.0, 0.7)):
        survey = round_create(questionnaire=questionnaire, office=province,
                              title=f"สำรวจความพึงพอใจ ครั้งที่ {r + 1}/{fiscal_year}", previous=rounds[-1] if rounds else None)
        forms = [{**{c: (max(1, min(5, round(rng.gauss(3.3 + lift, 0.9)))) if rng.random() > 0.05 else "n/a")
                     for c in ("a1", "a2", "b1", "b2", "c1")},
                  "d1": "ใช่" if rng.random() < 0.25 - lift / 4 else "ไม่ใช่",
                  "p1": rng.choices(survey_items[-1]["choices"], weights=[6, 2, 1, 1])[0]}
                 for _ in range(counts["responses"])]
        responses_record(survey=survey, forms=forms, source=ResponseSource.ENTRY,
                         form_numbers=[f"{r + 1}-{k:04d}" for k in range(1, len(forms) + 1)])
        round_update(survey=survey, title=survey.title, starts_on=day(r, 2), ends_on=end, is_open=True)
        rounds.append(survey)
    items = {i.code: i for i in questionnaire.items.all()}
    for k, (code, topic) in enumerate((("d1", "ผู้รับบริการแจ้งความไม่พึงพอใจเรื่องการรอคิวนาน"),
                                       ("a2", "ระยะเวลาการให้บริการเหมาะสม"),
                                       ("b2", "เจ้าหน้าที่ให้คำแนะนำได้ถูกต้อง ชัดเจน"),
                                       ("c1", "สถานที่สะอาด สะดวก มีที่นั่งรอเพียงพอ"))):
        improvement = improvement_create(survey=rounds[0], item=items[code], topic=topic,
                                         fix="จัดระบบบัตรคิวและเพิ่มเจ้าหน้าที่ช่วงเช้า", owner="ฝ่ายบริหารทั่วไป",
                                         due_on=end + timedelta(days=30 * k), remeasure_round=rounds[1])
        if k < 2:
            improvement = improvement_status_set(improvement=improvement, status=Improvement.Status.IN_PROGRESS)
            improvement_status_set(improvement=improvement, status=Improvement.Status.DONE,
                                   evidence=_upload("บันทึกผลการปรับปรุง.pdf", _staff_manual_pdf(), "application/pdf"))


def _cs7(province, offices, fiscal_year, first_day, end, counts) -> None:
    from service_standards import services as cs7
    from service_standards.models import Service

    services = list(Service.objects.filter(office__in=offices).prefetch_related("steps").order_by("office__path", "pk"))
    per_service = max(1, counts["records"] // len(services))
    span = (end - first_day).days + 1
    for s, service in enumerate(services):
        steps = list(service.steps.all())
        rows = []
        for n in range(per_service):
            received = first_day + timedelta(days=(n * 7919 + s * 31) % span)
            late = n % 8 == 0
            took = (service.standard_amount * 2 + n % 5) if late else 1 + n % max(1, service.standard_amount)
            completed = received + timedelta(days=took)
            rows.append({"reference": f"R{fiscal_year}-{service.pk}-{n + 1:05d}", "received_on": received,
                         "completed_on": completed if completed <= end and n % 11 else None,
                         "step": steps[-1] if completed <= end and n % 11 else steps[1]})
        cs7.records_save(office=service.office, service=service, rows=rows, read_back=False)
    kinds = ("observation", "supervisor_rating", "internal_audit")
    for c in range(CHECKS):
        service = services[c * 7 % len(services)]
        kind = kinds[c % 3]
        checked_on = first_day + timedelta(days=(end - first_day).days * c // CHECKS)
        cs7.check_save(office=service.office, service=service, kind=kind, checked_on=checked_on,
                       checker_name="คณะทำงานตรวจสอบภายใน", checker_position="สำนักงานเกษตรจังหวัด",
                       rating=4 if kind == "supervisor_rating" else None,
                       finding="ปฏิบัติตามคู่มือเป็นส่วนใหญ่ บันทึกวันรับคำขอครบ",
                       corrective_action="ชี้แจงเจ้าหน้าที่ และตรวจทะเบียนทุกสัปดาห์" if c % 2 else "",
                       action_status="in_progress" if c % 2 else "none_needed",
                       action_due_on=checked_on + timedelta(days=30) if c % 2 else None)


def _plans(province, offices, fiscal_year, counts) -> None:
    """Every CS's action plan of every office (3 indicators, 8 steps each), then the evidence files on the
    province's plans, spread over the seven CSs."""
    from core.plans.models import ActionPlan, Evidence, Indicator, Step

    ActionPlan.objects.bulk_create(
        ActionPlan(office=office, fiscal_year=fiscal_year, cs=cs, title=f"แผนปฏิบัติการ CS{cs} ของ{office.name}",
                   objective="เพื่อให้การดำเนินงานหมวด ๓ เป็นไปตามแนวทาง PMQA และต่อเนื่องทุกปี")
        for office in offices for cs in range(1, 8))
    plans = list(ActionPlan.objects.filter(office__in=offices, fiscal_year=fiscal_year).order_by("office__path", "cs"))
    Indicator.objects.bulk_create(
        Indicator(plan=plan, order=k, code=f"CS{plan.cs}-{k}", name=f"ร้อยละความสำเร็จของกิจกรรมที่ {k} ตามแผน",
                  unit="ร้อยละ", target=80, level_1=60, level_2=70, level_3=80, level_4=90, level_5=100,
                  manual_result=75 + k) for plan in plans for k in range(1, 4))
    Step.objects.bulk_create(
        Step(plan=plan, order=k, activity=f"ขั้นตอนที่ {k}: ประชุมคณะทำงาน วิเคราะห์ข้อมูล และรายงานผล",
             planned_start=date(fiscal_year - 544, 10, 1), planned_end=date(fiscal_year - 543, 9, 1),
             output="รายงานผลการดำเนินงาน ๑ ฉบับ", owner="คณะทำงาน PMQA หมวด ๓") for plan in plans for k in range(1, 9))
    own = [plan for plan in plans if plan.office_id == province.pk]
    pdf, photo, docx = sample_pdf(), sample_photo(counts["photo_size"]), docx_bytes()
    kinds = ([("pdf", pdf, "application/pdf")] * counts["pdfs"] + [("jpg", photo, "image/jpeg")] * counts["photos"]
             + [("docx", docx, DOCX_TYPE)] * counts["office_files"])
    for n, (extension, content, content_type) in enumerate(kinds):
        plan = own[n % len(own)]
        Evidence.objects.create(plan=plan, title=f"หลักฐานที่ {n + 1} ของ CS{plan.cs}", content_type=content_type,
                                size=len(content), file=ContentFile(content, name=f"bench-{n + 1}.{extension}"))


def sections_with_data(*, office: Office, fiscal_year: int) -> dict[str, tuple[int, int]]:
    """(with data, all) of the annual report's sections and of the pack's: what the bench rows print."""
    from reports.sections import annual_sections, sections_for

    annual = annual_sections(office=office, fiscal_year=fiscal_year)
    pack = sections_for(office=office, fiscal_year=fiscal_year)
    return {"annual": (sum(s.has_data for s in annual), len(annual)), "pack": (sum(s.has_data for s in pack), len(pack))}
