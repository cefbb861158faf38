"""CS1 demo data for the Chumphon province office and one district, drawn from the seeds: the groups an agriculture
office names (seed 000's definitions: farmers who come directly or through a channel; people, local communities,
staff and suppliers affected by the work), its missions for two fiscal years (one mission of the current year still
without a stakeholder group, so the page has a gap to point out), the duty analysis table of seed 001, the three
SIPOC tables of seed 004 word for word, and the review of January (seed 000, CS1 step 1–2)."""
from datetime import date

from django.db import transaction

from core.demo import LIVE_YEAR
from core.offices.models import Office, User

from .models import StakeholderGroup
from .services import duty_row_save, group_save, mission_save, review_add, sipoc_save

C, S = "customer", "stakeholder"
GROUPS = [
    # (office, kind, name, criteria, needs, expectations, rank)
    ("CPN", C, "เกษตรกร", "mission", "ความรู้และเทคโนโลยีการผลิต ข้อมูลข่าวสารด้านการเกษตรที่ถูกต้องและทันเวลา",
     "ได้รับบริการที่รวดเร็ว ถูกต้อง เจ้าหน้าที่ลงพื้นที่ให้คำแนะนำ", 1),
    ("CPN", C, "กลุ่มเกษตรกรและวิสาหกิจชุมชน", "service", "การส่งเสริมการรวมกลุ่ม การพัฒนาผลิตภัณฑ์และการตลาด",
     "ได้รับการสนับสนุนงบประมาณและการจดทะเบียนที่สะดวก", 2),
    ("CPN", C, "ยุวเกษตรกร", "service", "ความรู้ด้านการเกษตรและทักษะอาชีพ", "มีกิจกรรมต่อเนื่องในโรงเรียน", 3),
    ("CPN", C, "ประชาชนทั่วไป", "area", "ข้อมูลข่าวสารด้านการเกษตร ช่องทางติดต่อที่เข้าถึงง่าย",
     "ได้รับคำตอบภายในเวลาที่กำหนด", 4),
    ("CPN", S, "องค์กรปกครองส่วนท้องถิ่น", "area", "ข้อมูลการเกษตรในพื้นที่สำหรับจัดทำแผนพัฒนาท้องถิ่น",
     "การประสานงานและบูรณาการงบประมาณร่วมกัน", 1),
    ("CPN", S, "หน่วยงานภาครัฐที่เกี่ยวข้องในจังหวัดชุมพร", "law", "ข้อมูลและรายงานที่ถูกต้องครบถ้วน",
     "ความร่วมมือในการดำเนินงานตามนโยบาย", 2),
    ("CPN", S, "บุคลากรของสำนักงานเกษตรจังหวัดชุมพร", "mission", "ความชัดเจนของแผนงานและการพัฒนาศักยภาพ",
     "สภาพแวดล้อมการทำงานที่ดี", 3),
    ("CPN", S, "ผู้ประกอบการและผู้ส่งมอบงาน", "service", "ข้อมูลผลผลิตและความต้องการของตลาด",
     "การแข่งขันที่เป็นธรรม", 4),
    ("CPN-MUEANG", C, "กลุ่มผู้ปลูกทุเรียนอำเภอเมืองชุมพร", "area", "การป้องกันโรคและแมลงศัตรูทุเรียน",
     "การตรวจรับรองแปลง GAP ที่รวดเร็ว", 5),
]

MISSIONS = [
    # (order, title, group names)
    (1, "ส่งเสริมและพัฒนาเกษตรกรและองค์กรเกษตรกรให้มีความรู้ความสามารถและพึ่งพาตนเองได้",
     ["เกษตรกร", "กลุ่มเกษตรกรและวิสาหกิจชุมชน", "องค์กรปกครองส่วนท้องถิ่น"]),
    (2, "ถ่ายทอดเทคโนโลยีการผลิตและการจัดการสินค้าเกษตรให้ได้มาตรฐาน",
     ["เกษตรกร", "ผู้ประกอบการและผู้ส่งมอบงาน"]),
    (3, "ให้บริการข้อมูลข่าวสารด้านการเกษตรแก่ประชาชนและหน่วยงานที่เกี่ยวข้อง",
     ["ประชาชนทั่วไป", "หน่วยงานภาครัฐที่เกี่ยวข้องในจังหวัดชุมพร"]),
    (4, "พัฒนายุวเกษตรกรและเกษตรกรรุ่นใหม่", ["ยุวเกษตรกร"]),  # no stakeholder group yet: the gap to find
]

SIPOCS = [
    # Seed 004, word for word (one entry per line as the seed numbers them).
    ("การรวบรวมข้อมูลและสารสนเทศที่เกี่ยวข้องกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย", "กองวิชาการและแผนงาน",
     "กองวิชาการและ แผนงาน",
     "1. เว็บไซต์เทศบาล\n2. ไลน์\n3. โทรศัพท์\n4. เฟสบุ๊ก\n5. แบบสอบถาม ความพึงพอใจ\n6. คำร้อง\n7. อินตราแกรม\n8. ทวิตเตอร์",
     "1. ประชุม/วางแผน/แต่งตั้งคณะกรรมการ\n2. รวบรวมข้อมูลความต้องการของผู้รับบริการและผู้มีส่วนได้ ส่วนเสีย\n"
     "3. กำหนดช่องทางเสนอความต้องการ\n4. รวบรวม วิเคราะห์ ความต้องการ\n5. นำเสนอข้อมูลความต้องการไปปรับปรุงการให้บริการ\n"
     "6. ติดตาม/ประเมินผลการปรับปรุงให้บริการ",
     "ช่องทางเสนอความต้องการของ ผู้รับบริการและผู้มีส่วนได้ส่วน เสีย",
     "1. ผู้รับบริการ\n2. ผู้มีส่วนได้ส่วนเสีย"),
    ("การรวบรวมและค้นหาปัจจัยที่มีผลต่อความไม่พึงพอใจของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย", "กองวิชาการและแผนงาน",
     "1. กองวิชาการ และแผนงาน\n2. หน่วยงานใน สังกัดเทศบาล",
     "1. แบบสำรวจความไม่พึงพอใจ\n2. กระบวนการดำเนินงาน ที่มีผลต่อความไม่ พึงพอใจของผู้รับบริการ",
     "1. ประชุม วางแผน\n2. รวบรวมและค้นหาปัจจัยที่มีผลต่อ ความไม่พึงพอใจของผู้รับบริการและผู้มี ส่วนได้ส่วนเสีย\n"
     "3. วิเคราะห์หาสาเหตุของปัญหา\n4. ปรับปรุง แก้ไข ปัญหาอย่างเป็นระบบ\n5. ติดตามและประเมินผล",
     "มีแบบประเมินความไม่พึงพอใจ ของผู้รับบริการและผู้มีส่วนได้ ส่วนเสีย",
     "1. ผู้รับบริการ\n2. ผู้มีส่วนได้ส่วนเสีย"),
    ("การจัดการข้อร้องเรียนของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย", "กองวิชาการและแผนงาน",
     "1. พนักงานกอง วิชาการและ แผนงาน\n2. พนักงานใน องค์กร",
     "ข้อร้องเรียนของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย",
     "1. ประชุม/วางแผน\n2. กำหนดช่องทางวิธีการรับข้อร้องเรียน\n3. รวบรวมข้อร้องเรียน\n4. รายงานผู้บริหารรับทราบ\n"
     "5. ตอบกลับผู้รับบริการภายในระยะเวลาที่กำหนด\n6. ติดตาม วิเคราะห์ ปรับปรุงแก้ไข",
     "หน่วยงานสามารถปรับปรุงกร ดำเนินการ เพื่อให้มีข้อร้องเรียน ลดลง และเป็นที่พึงพอใจของ ผู้รับบริการและผู้มีส่วนได้ส่วน เสีย",
     "- ผู้มีส่วนได้ส่วนเสีย\n- ผู้รับบริการ"),
]


@transaction.atomic
def load_demo() -> int:
    """Create the CS1 demo registers when missing; returns how many groups were created."""
    province = Office.objects.get(code="CPN")
    if StakeholderGroup.objects.filter(office=province).exists():
        return 0
    offices = {office.code: office for office in Office.objects.filter(code__in=["CPN", "CPN-MUEANG"])}
    groups = {}
    for code, kind, name, criteria, needs, expectations, rank in GROUPS:
        groups[name] = group_save(office=offices[code], kind=kind, name=name, criteria=criteria, needs=needs,
                                  expectations=expectations, rank=rank)
    for year in (LIVE_YEAR - 1, LIVE_YEAR):
        missions = [mission_save(office=province, fiscal_year=year, order=order, title=title,
                                 groups=[groups[name] for name in names]) for order, title, names in MISSIONS]
        duty_row_save(office=province, fiscal_year=year, order=1, missions=missions[:2],
                      ministerial_duty="ส่งเสริมและพัฒนาการผลิตทางการเกษตรตามกฎกระทรวงแบ่งส่วนราชการกรมส่งเสริมการเกษตร",
                      other_law_duty="พระราชบัญญัติวิสาหกิจชุมชน พ.ศ. 2548",
                      process="ถ่ายทอดเทคโนโลยีการผลิต", products="การฝึกอบรม แปลงเรียนรู้ คำแนะนำทางวิชาการ",
                      groups=[groups["เกษตรกร"], groups["กลุ่มเกษตรกรและวิสาหกิจชุมชน"],
                              groups["องค์กรปกครองส่วนท้องถิ่น"]])
        duty_row_save(office=province, fiscal_year=year, order=2, missions=missions[2:3],
                      other_task="ศูนย์ข้อมูลข่าวสารการเกษตรจังหวัด", process="ให้บริการข้อมูลข่าวสาร",
                      products="ข้อมูลสถิติการเกษตร เว็บไซต์ เอกสารเผยแพร่",
                      groups=[groups["ประชาชนทั่วไป"], groups["หน่วยงานภาครัฐที่เกี่ยวข้องในจังหวัดชุมพร"]])
    for title, unit, suppliers, inputs, steps, outputs, customers in SIPOCS:
        sipoc_save(office=province, title=title, unit=unit, suppliers=suppliers, inputs=inputs, steps=steps,
                   outputs=outputs, customers=customers,
                   groups=[groups["เกษตรกร"], groups["องค์กรปกครองส่วนท้องถิ่น"]])
    review_add(office=province, reviewed_on=date(2026, 1, 15), by=User.objects.filter(username="committee").first(),
               participants="คณะทำงานย่อย PMQA หมวด 3 และหัวหน้ากลุ่ม/ฝ่ายทุกกลุ่ม (12 คน)",
               changes="เพิ่มกลุ่มผู้ประกอบการและผู้ส่งมอบงานเป็นผู้มีส่วนได้ส่วนเสีย ปรับลำดับความสำคัญของกลุ่มยุวเกษตรกร "
                       "และทบทวนความต้องการของเกษตรกรจากผลสำรวจปี 2568")
    return len(groups)
