"""The annual report's bench (`manage.py bench --only annual`, or part of the whole run): a province of 12 district
offices with three years of channel statistics, the types of information heard, improvements with their before and
after photos, networks with a year of activities and their photos; the report of the province (its whole subtree)
must render in under 15 s (issue 14). The data is made once (idempotent): a second run only measures."""
import io
import time
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from core.fiscal import fiscal_year_bounds, fiscal_year_of
from core.offices.models import Office
from core.offices.services import office_create

PROVINCE = "BENCH-ANNUAL"
DISTRICTS = 12
NETWORKS_PER_OFFICE = 2
ACTIVITIES_PER_NETWORK = 4
PHOTOS_PER_ACTIVITY = 2
IMPROVEMENTS_PER_OFFICE = 2
BAR_SECONDS = 15


def _photo(name: str, shade: int) -> SimpleUploadedFile:
    """A camera-sized JPEG (1600 × 1200), as a phone would send it: the report scales it down."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), (shade % 255, 120, 90)).save(out, "JPEG", quality=80)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@transaction.atomic
def ensure_annual_province(*, fiscal_year: int) -> Office:
    from channels import services as cs2
    from networks import services as cs4
    from reports.benchdata import BENCH_ROOT, ensure_channel_usage
    from stakeholders.models import StakeholderGroup

    province = Office.objects.filter(code=PROVINCE).first()
    if province and Office.objects.filter(path__startswith=province.path).count() > DISTRICTS:
        return province
    root = Office.objects.filter(code=BENCH_ROOT).first() or office_create(code=BENCH_ROOT, name="กรมทดสอบสมรรถนะ")
    province = province or office_create(code=PROVINCE, name="สำนักงานเกษตรจังหวัดทดสอบรายงานประจำปี", parent=root)
    offices = [province] + [office_create(code=f"{PROVINCE}-{d:02d}", name=f"สำนักงานเกษตรอำเภอทดสอบ {d + 1}",
                                          parent=province) for d in range(DISTRICTS)]
    ensure_channel_usage(office_ids=[o.pk for o in offices], years=[fiscal_year - 2, fiscal_year - 1, fiscal_year])
    group = StakeholderGroup.objects.create(office=province, kind="customer", name="เกษตรกรผู้ปลูกไม้ผล", rank=1,
                                            needs="ข้อมูลราคาและการตลาด")
    first_day, _last = fiscal_year_bounds(fiscal_year)
    for n, office in enumerate(offices):
        cs2.information_types_save(office=office, fiscal_year=fiscal_year,
                                   lines=["ความต้องการข้อมูลราคาผลผลิต", "ข้อเสนอให้ขยายเวลาให้บริการ",
                                          "ความต้องการอบรมการผลิตตามมาตรฐาน GAP"])
        for i in range(IMPROVEMENTS_PER_OFFICE):
            cs2.improvement_create(office=office, fiscal_year=fiscal_year, topic=f"การปรับปรุงงานบริการเรื่องที่ {i + 1}",
                                   steps="รวบรวมความต้องการจากช่องทางการรับฟัง\nวิเคราะห์สาเหตุ\nปรับขั้นตอนการให้บริการ",
                                   result="ผู้รับบริการรอคิวสั้นลงครึ่งหนึ่ง",
                                   before_photo=_photo("before.jpg", n * 7 + i),
                                   after_photo=_photo("after.jpg", n * 11 + i))
        for k in range(NETWORKS_PER_OFFICE):
            contacts = [{"kind": "line", "value": "กลุ่ม LINE เครือข่าย"}, {"kind": "meeting", "value": "ประชุมประจำเดือน"}]
            network = cs4.network_save(office=office, name=f"เครือข่ายเกษตรกรแปลงใหญ่ {k + 1}", form="committee",
                                       groups=[group], contact_channels=contacts)
            cs4.plan_save(network=network, fiscal_year=fiscal_year, title="โครงการเสริมสร้างความสัมพันธ์กับเครือข่าย",
                          reflection="เครือข่ายร่วมกำหนดกิจกรรมและเข้าร่วมมากขึ้น")
            for a in range(ACTIVITIES_PER_NETWORK):
                activity = cs4.activity_save(network=network, title=f"เวทีแลกเปลี่ยนเรียนรู้ครั้งที่ {a + 1}", kind="formal",
                                             held_on=first_day + timedelta(days=30 + a * 60), place="ห้องประชุมสำนักงาน",
                                             participants=30 + a, outcome="เครือข่ายได้ข้อมูลการตลาดและวางแผนการผลิตร่วมกัน")
                for p in range(PHOTOS_PER_ACTIVITY):
                    cs4.photo_add(activity=activity, photo=_photo(f"activity-{p}.jpg", n + a + p),
                                  caption="บรรยากาศกิจกรรม")
    return province


def bench_annual(*, today: date | None = None) -> tuple[str, str, str, str]:
    """(what, measured, bar, verdict) in the bench table's format."""
    from reports.annual import annual_report_pdf

    fiscal_year = fiscal_year_of(today or date.today())
    province = ensure_annual_province(fiscal_year=fiscal_year)
    started = time.perf_counter()
    pdf = annual_report_pdf(office=province, fiscal_year=fiscal_year)
    seconds = time.perf_counter() - started
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    what = f"รายงานประจำปีหมวด ๓ ของจังหวัด ({DISTRICTS} อำเภอ: PDF)"
    value = f"{seconds:,.1f} s · {pages} หน้า · {len(pdf) / 1024:,.0f} KB"
    return what, value, f"< {BAR_SECONDS} s", "ผ่าน" if seconds < BAR_SECONDS else "ไม่ผ่าน"
