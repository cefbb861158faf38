"""CS4 demo data for the Chumphon province office, seed 000's CS4 plan made concrete: the network database with at
least two contact channels each (step 1), a relationship plan for the farmers' network (step 2), its activities,
formal and informal (step 3), and their evaluations with responses (step 4): two activities in the demo's live fiscal
year (RM 3.3 on the CS4 plan) and one in the year before. Loads after the CS1 demo (its groups).

Idempotent (nothing is added once the province has a network) and deterministic: the same answers on every machine.
"""
import io
import random
from datetime import date, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from core.demo import LIVE_YEAR
from core.offices.models import Office, User
from satisfaction.choices import ResponseSource
from satisfaction.services import responses_record, round_update
from stakeholders.selectors import groups_for_office

from . import services
from .evaluation import OTHER_GROUP, RATING_ITEMS
from .models import Network

PROVINCE = "CPN"
FARMERS = "เครือข่ายเกษตรกรจังหวัดชุมพร"
NETWORKS = [
    # (name, form, form detail, group names, contact channels, purpose)
    (FARMERS, "committee", "คณะกรรมการเครือข่ายศูนย์เรียนรู้การเพิ่มประสิทธิภาพการผลิตสินค้าเกษตร (ศพก.) ระดับจังหวัด",
     ["เกษตรกร", "กลุ่มเกษตรกรและวิสาหกิจชุมชน"],
     [("line", "กลุ่ม LINE “เครือข่ายเกษตรกรชุมพร”"), ("phone", "077-511-019 กลุ่มส่งเสริมและพัฒนาเกษตรกร"),
      ("meeting", "ประชุมคณะกรรมการเครือข่าย ทุกวันพุธแรกของเดือน")],
     "แลกเปลี่ยนความรู้และเทคโนโลยีการผลิตระหว่างเกษตรกร และสะท้อนความต้องการของเกษตรกรต่อสำนักงาน"),
    ("เครือข่ายยุวเกษตรกรจังหวัดชุมพร", "club", "ชมรมยุวเกษตรกรในโรงเรียน", ["ยุวเกษตรกร"],
     [("facebook", "กลุ่ม Facebook “ยุวเกษตรกรชุมพร”"), ("letter", "หนังสือถึงโรงเรียนผ่านสำนักงานเขตพื้นที่การศึกษา")],
     "สร้างเกษตรกรรุ่นใหม่และความผูกพันกับงานส่งเสริมการเกษตร"),
    ("ภาคีองค์กรปกครองส่วนท้องถิ่นด้านการเกษตร", "forum", "เวทีประสานแผนพัฒนาการเกษตรระดับตำบล",
     ["องค์กรปกครองส่วนท้องถิ่น"],
     [("letter", "หนังสือราชการถึงนายก อบต./เทศบาล"), ("email", "saraban@chumphon.doae.go.th"),
      ("meeting", "ประชุมประจำไตรมาส ณ ห้องประชุมสำนักงานเกษตรจังหวัด")],
     "บูรณาการแผนและงบประมาณด้านการเกษตรกับท้องถิ่น"),
]
MEMBERS = [
    # (kind, name, position, phone, e-mail, group name) of the farmers' network
    ("organisation", "วิสาหกิจชุมชนผู้ปลูกทุเรียนบ้านนาชะอัง", "อำเภอเมืองชุมพร", "", "", "กลุ่มเกษตรกรและวิสาหกิจชุมชน"),
    ("organisation", "กลุ่มแปลงใหญ่มังคุดอำเภอหลังสวน", "อำเภอหลังสวน", "", "", "กลุ่มเกษตรกรและวิสาหกิจชุมชน"),
    ("person", "นายสมบัติ ทองดี", "ประธานเครือข่าย ศพก. อำเภอท่าแซะ", "081-234-5601", "sombat.t@example.com", "เกษตรกร"),
    ("person", "นางมาลี ศรีสวัสดิ์", "เกษตรกรต้นแบบด้านกาแฟโรบัสต้า", "089-765-4302", "", "เกษตรกร"),
    ("person", "นายประยุทธ แก้วมณี", "อาสาสมัครเกษตรหมู่บ้าน (อกม.)", "086-111-2203", "", "เกษตรกร"),
]
PLAN = ("โครงการเสริมสร้างความสัมพันธ์กับเครือข่ายเกษตรกรจังหวัดชุมพร",
        "เพื่อสร้างความสัมพันธ์กับเครือข่ายเกษตรกรและพัฒนาเครือข่ายให้เข้มแข็งและยั่งยืนต่อไป",
        "ประชุมคณะกรรมการเครือข่ายเมื่อเดือนกุมภาพันธ์ ร่วมกันเลือกกิจกรรม 2 ครั้ง: เวทีแลกเปลี่ยนเรียนรู้ (เป็นทางการ) "
        "และการเยี่ยมแปลงสมาชิก (ไม่เป็นทางการ) ตามที่สมาชิกเสนอ",
        "สมาชิกเครือข่ายเข้าร่วมมากขึ้นจาก 42 คนเป็น 58 คน มีการแลกเปลี่ยนผ่านกลุ่ม LINE ทุกสัปดาห์ "
        "และเครือข่ายเสนอหัวข้อกิจกรรมครั้งต่อไปเอง (การแปรรูปผลผลิต)")
ACTIVITIES = [
    # (fiscal year offset, title, kind, held on, times, place, days announced before, co-designed, participants,
    #  outcome, respondents, lift)
    (-1, "สัมมนาเครือข่ายเกษตรกรประจำปี 2568", "formal", date(LIVE_YEAR - 543 - 1, 6, 12), (time(9), time(16)),
     "ห้องประชุมสำนักงานเกษตรจังหวัดชุมพร", 21, False, 42,
     "สรุปปัญหาการผลิตทุเรียนและความต้องการข้อมูลราคา นำไปจัดทำแผนปี 2569", 24, 0.0),
    (0, "เวทีแลกเปลี่ยนเรียนรู้เครือข่ายเกษตรกร ครั้งที่ 1/2569", "formal", date(LIVE_YEAR - 543, 3, 18),
     (time(9), time(15, 30)), "ศูนย์เรียนรู้การเพิ่มประสิทธิภาพการผลิตสินค้าเกษตร อำเภอท่าแซะ", 14, True, 58,
     "สมาชิกแลกเปลี่ยนเทคนิคการจัดการสวนทุเรียนหลังเก็บเกี่ยว ได้ข้อเสนอให้จัดอบรมการแปรรูป", 30, 0.6),
    (0, "เยี่ยมแปลงและพูดคุยกับสมาชิกเครือข่าย", "informal", date(LIVE_YEAR - 543, 7, 22), (time(13), time(16)),
     "แปลงสมาชิกวิสาหกิจชุมชนผู้ปลูกทุเรียนบ้านนาชะอัง", 7, True, 23,
     "รับฟังปัญหาโรครากเน่าโคนเน่า นัดหมายเจ้าหน้าที่อารักขาพืชลงพื้นที่", 18, 0.9),
]


def _photo(name: str, seed: int) -> SimpleUploadedFile:
    """A small drawing of people around a table under a tent: a meeting of the network."""
    rng = random.Random(seed)
    image = Image.new("RGB", (480, 320), (226, 240, 228))
    draw = ImageDraw.Draw(image)
    draw.polygon([(40, 110), (240, 30), (440, 110)], fill=(31, 59, 99))  # the tent
    draw.rectangle((140, 190, 340, 220), fill=(139, 94, 60))  # the table
    for n in range(8):
        x = 70 + n * 45 + rng.randint(-8, 8)
        y = 170 if n % 2 else 250
        draw.ellipse((x, y - 36, x + 22, y - 14), fill=(224, 172, 105))
        draw.rectangle((x - 4, y - 12, x + 26, y + 28), fill=(46, 139, 87) if n % 3 else (224, 168, 0))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _forms(rng: random.Random, count: int, lift: float, groups: list[str]) -> list[dict]:
    def rating() -> object:
        if rng.random() < 0.04:
            return "n/a"
        return max(1, min(5, round(rng.gauss(3.6 + lift, 0.8))))

    forms = []
    for _ in range(count):
        dissatisfied = rng.random() < max(0.05, 0.25 - lift / 4)
        forms.append({"g1": rng.choices([*groups, OTHER_GROUP], weights=[6, 3, 1][:len(groups)] + [1])[0],
                      **{code: rating() for code, _d, _t in RATING_ITEMS},
                      "d1": "ใช่" if dissatisfied else "ไม่ใช่",
                      "t1": "อยากให้แจ้งกำหนดการเร็วกว่านี้" if dissatisfied else ""})
    return forms


@transaction.atomic
def load_demo() -> int:
    """Create the demo CS4 data when missing; returns how many evaluation forms were recorded."""
    province = Office.objects.filter(code=PROVINCE).first()
    committee = User.objects.filter(username="committee").first()
    if province is None or committee is None or Network.objects.filter(office=province).exists():
        return 0
    groups = {group.name: group for group in groups_for_office(office=province)}
    networks = {}
    for name, form, detail, group_names, contacts, purpose in NETWORKS:
        chosen = [groups[g] for g in group_names if g in groups]
        if not chosen:
            continue
        networks[name] = services.network_save(
            office=province, name=name, form=form, form_detail=detail, groups=chosen, purpose=purpose,
            contact_channels=[{"kind": kind, "value": value} for kind, value in contacts])
    farmers = networks.get(FARMERS)
    if farmers is None:
        return 0
    members = [services.member_add(network=farmers, kind=kind, name=name, position=position, phone=phone,
                                   email=email, group=groups.get(group))
               for kind, name, position, phone, email, group in MEMBERS]
    title, objective, co_design, reflection = PLAN
    services.plan_save(network=farmers, fiscal_year=LIVE_YEAR, title=title, objective=objective, co_design=co_design,
                       reflection=reflection)
    rng = random.Random(2569)
    group_names = [g.name for g in farmers.groups.order_by("kind", "rank", "name")]
    recorded = 0
    for n, (_offset, name, kind, held_on, (starts, ends), place, before, co_designed, participants, outcome,
            respondents, lift) in enumerate(ACTIVITIES, start=1):
        activity = services.activity_save(
            network=farmers, title=name, kind=kind, held_on=held_on, starts_at=starts, ends_at=ends, place=place,
            announced_on=held_on - timedelta(days=before),
            announcement="หนังสือเชิญถึงสมาชิก และแจ้งวัน เวลา สถานที่ในกลุ่ม LINE ของเครือข่าย",
            co_designed=co_designed, participants=participants, attendees=members[n % 2::2], outcome=outcome,
            by=committee)
        services.photo_add(activity=activity, photo=_photo(f"activity-{n}.jpg", n), caption=name)
        survey = services.evaluation_open(activity=activity, template="network-activity", by=committee)
        responses_record(survey=survey, forms=_forms(rng, respondents, lift, group_names),
                         source=ResponseSource.ENTRY, form_numbers=[f"A{n}-{k:03d}" for k in range(1, respondents + 1)])
        recorded += respondents
        # Paper forms of a past activity are keyed in first, then the round gets the fortnight it ran.
        round_update(survey=survey, title=survey.title, starts_on=held_on, ends_on=held_on + timedelta(days=14),
                     is_open=True)
    return recorded
