"""Demo CS2 data for the Chumphon office tree: three fiscal years of channel counts for the province and its
districts, table CS2-1 for the CS1 demo's groups (seed 001's wording; load the CS1 demo first), one channel review, the types of information
received (CS2-A) and one improvement with before/after photos (seed 002), drawn here with Pillow.

Idempotent (nothing is added once the province has counts) and deterministic: the same numbers on every machine.
"""
import io
import random
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from core.demo import LIVE_YEAR
from core.fiscal import fiscal_year_of
from core.offices.models import Office, User
from stakeholders.selectors import groups_for_office

from . import services
from .choices import ImprovementSource
from .models import ChannelUsage
from .selectors import channel_by_code

PROVINCE = "CPN"
# Channel code → the province's users in the first demo year; districts get about a third, and each year grows.
BASE_COUNTS = {"office": 2400, "document": 900, "meeting": 650, "learning-centre": 300, "phone": 1200,
               "website": 800, "suggestion-box": 120, "line": 1500, "facebook": 700}
# Table CS2-1 of seed 001, row by row, for the CS1 demo's groups: (group, channel code, reason, analysis method,
# finding, owner). Half the province's groups have a channel, so the coverage indicator has a gap to show.
CS21 = [
    ("เกษตรกร", "document", "ได้ข้อมูลที่ชัดเจนตรงกับความเป็นจริง", "ใช้โปรแกรมสำเร็จรูป SPSS", "1.ความรวดเร็ว",
     "กลุ่มยุทธศาสตร์และสารสนเทศ"),
    ("เกษตรกร", "office", "ได้ข้อมูลจริงจากลูกค้า", "การวิเคราะห์เนื้อหา (content analysis)",
     "ต้องการคำแนะนำเรื่องการขึ้นทะเบียนเกษตรกร", "กลุ่มส่งเสริมและพัฒนาการผลิต"),
    ("กลุ่มเกษตรกรและวิสาหกิจชุมชน", "meeting", "ได้ข้อมูลเชิงคุณภาพ", "การวิเคราะห์เนื้อหา (content analysis)",
     "ต้องการข้อมูลราคาและตลาดสินค้าเกษตร", "กลุ่มส่งเสริมและพัฒนาการผลิต"),
    ("ประชาชนทั่วไป", "suggestion-box", "ได้ข้อมูลจริง ครบถ้วน รวดเร็ว", "ร้อยละ และการจัดกลุ่มประเด็น",
     "ต้องการช่องทางสอบถามนอกเวลาราชการ", "ฝ่ายบริหารทั่วไป"),
    ("ประชาชนทั่วไป", "line", "เข้าถึงได้ทุกที่ทุกเวลา ตอบกลับได้รวดเร็ว", "การวิเคราะห์เนื้อหา (content analysis)",
     "ต้องการแจ้งเตือนข่าวสารโครงการล่วงหน้า", "กลุ่มยุทธศาสตร์และสารสนเทศ"),
    ("องค์กรปกครองส่วนท้องถิ่น", "meeting", "ได้ข้อเสนอจากผู้บริหารท้องถิ่นโดยตรง", "การวิเคราะห์เนื้อหา (content analysis)",
     "ต้องการข้อมูลการเกษตรรายตำบลสำหรับแผนพัฒนาท้องถิ่น", "กลุ่มยุทธศาสตร์และสารสนเทศ"),
]
INFORMATION = ["ความต้องการข้อมูลข่าวสารด้านการผลิตและการตลาดสินค้าเกษตร",
               "ข้อเสนอแนะต่อขั้นตอนการขึ้นทะเบียนเกษตรกรและการรับเงินช่วยเหลือ",
               "ความคิดเห็นต่อการให้บริการของเจ้าหน้าที่ ณ จุดบริการ"]


def _photo(name: str, *, tidy: bool) -> SimpleUploadedFile:
    """A small drawing of a service counter: a crowd before, an orderly queue with a sign after."""
    image = Image.new("RGB", (480, 320), (236, 240, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 460, 90), fill=(31, 59, 99))  # the counter
    rng = random.Random(name)
    for n in range(9):
        if tidy:
            x, y = 60 + n * 45, 200
        else:
            x, y = rng.randint(30, 430), rng.randint(120, 280)
        draw.ellipse((x, y - 40, x + 24, y - 16), fill=(224, 172, 105))
        draw.rectangle((x - 4, y - 14, x + 28, y + 30), fill=(46, 139, 87) if tidy else (192, 57, 43))
    if tidy:
        draw.rectangle((380, 110, 460, 170), fill=(255, 255, 255), outline=(31, 59, 99), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@transaction.atomic
def load_demo(*, today: date | None = None) -> int:
    """Create the demo CS2 data when missing; returns how many counts were keyed."""
    province = Office.objects.filter(code=PROVINCE).first()
    if province is None or not User.objects.filter(username="committee").exists() or ChannelUsage.objects.filter(office=province).exists():
        return 0
    today = today or timezone.localdate()
    year = fiscal_year_of(today)
    offices = [province, *Office.objects.filter(code__startswith=f"{PROVINCE}-").order_by("code")]
    rng = random.Random(2569)
    entries = []
    for office in offices:
        share = 1.0 if office == province else rng.uniform(0.25, 0.45)
        for code, base in BASE_COUNTS.items():
            for step, fiscal_year in enumerate(range(year - 2, year + 1)):
                growth = 1 + step * (0.35 if code in ("line", "facebook", "website") else 0.08)
                # The current year has only begun: its count so far.
                part = (today - date(today.year - (1 if today.month < 10 else 0), 10, 1)).days / 365 \
                    if fiscal_year == year else 1
                count = round(base * share * growth * part * rng.uniform(0.85, 1.15))
                entries.append(services.UsageEntry(office.code, code, fiscal_year, count))
    committee = User.objects.filter(username="committee").first()  # the demo's committee member keys them
    services.usage_record(user=committee, entries=entries, today=today)
    groups = {group.name: group for group in groups_for_office(office=province)}  # the CS1 demo's, loaded before
    for name, code, reason, method, finding, owner in CS21:
        channel = channel_by_code(code)
        if name in groups and channel is not None:
            services.group_channel_save(office=province, group=groups[name], channel=channel, reason=reason,
                                        analysis_method=method, finding=finding, owner=owner)
    farmers = groups.get("เกษตรกร")
    services.review_save(office=province, group=farmers, channel=channel_by_code("document"), sample_size=400,
                         sampling_method="สุ่มแบบบังเอิญ (Accidental sampling) ณ จุดบริการ",
                         statistics="ร้อยละ ค่าเฉลี่ย ส่วนเบี่ยงเบนมาตรฐาน",
                         collection_method="แบบสอบถาม ณ จุดบริการและทางออนไลน์",
                         result="แบบสำรวจยังเป็นช่องทางหลัก ควรเพิ่มแบบสอบถามออนไลน์ทาง LINE เพื่อให้ได้กลุ่มตัวอย่างครบทุกอำเภอ",
                         reviewed_on=date(LIVE_YEAR - 543, 8, 1))
    # The demo's year of record (the other processes' too) and the year under way: the annual report of either
    # prints the types of information received.
    for fiscal_year in sorted({LIVE_YEAR, year}):
        services.information_types_save(office=province, fiscal_year=fiscal_year, lines=INFORMATION)
    services.improvement_create(
        office=province, fiscal_year=LIVE_YEAR, source=ImprovementSource.LISTENING, channel=channel_by_code("office"),
        group=farmers, topic="การให้บริการขึ้นทะเบียนเกษตรกร ณ จุดบริการ",
        steps="วิเคราะห์ข้อร้องเรียนและแบบสำรวจเรื่องการรอคิวนาน\nจัดช่องบริการด่วนและระบบบัตรคิว\n"
              "ติดป้ายขั้นตอนและเอกสารที่ต้องใช้ หน้าจุดบริการ",
        result="ระยะเวลารอรับบริการเฉลี่ยลดลงจาก 45 นาทีเหลือ 15 นาที",
        before_photo=_photo("before.jpg", tidy=False), after_photo=_photo("after.jpg", tidy=True))
    return len(entries)

