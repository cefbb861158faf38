"""The assessor's ADLI checklist of seed 001, per CS: each point an assessor checks, and what in the system answers it.

The points are data (`POINTS`): seed 001's "แนวทางการประเมินผล" slides split into what an assessor checks, each with
its dimension (A, D, L, I), the CS's own process steps ("ขั้นตอนการดำเนินการ") where they name something the system
keeps, and for every CS its action plan. Each point names its resolver (`RESOLVERS`): a function of the counts the
processes keep (`Facts`, read once per process through its `adli_counts` selector) that answers the evidence
(`EvidenceRef`s: a Thai label with the count, the page that shows it, the pack section that prints it), or says what
is missing. A threshold the slide names (2 contact channels, 3 information channels, 1 example) is the rule: below it
the point has no evidence.

All seven CS cost a fixed number of queries, whatever the data size (`Facts` reads each process once). Nothing here
carries personal data: counts only. The evidence pack prints `checklist()` through `reports/pdf/_adli.html`; the
page `/reports/adli/` shows `checklists()` as the committee's to-do list before an assessment.
"""
from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext as _

from channels import adli_counts as cs2
from complaints import adli_counts as cs3
from core.plans import adli_counts as plans
from core.plans.choices import CS
from networks import adli_counts as cs4
from networks.models import MIN_CONTACT_CHANNELS
from participation import adli_counts as cs5
from satisfaction import adli_counts as cs6
from service_standards import adli_counts as cs7
from stakeholders import adli_counts as cs1

from .links import page_url

MIN_INFORMATION_CHANNELS = 3  # seed 001 CS5 Deployment: "เข้าถึงกลุ่มเป้าหมายได้ 3 ช่องทาง"
MIN_EXAMPLES = 1  # seed 001 CS2 D/I and CS3 I: "อย่างน้อย 1 ตัวอย่าง"

# The Royal Decree on Good Governance B.E. 2546, the sections seed 001 names for each CS.
DECREE = "พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546"
LAW = {
    1: "พ.ร.ฎ.ฯ มาตรา 8",
    2: "พ.ร.ฎ.ฯ มาตรา 38, 40",
    3: "พ.ร.ฎ.ฯ มาตรา 8, 39, 41",
    4: "พ.ร.ฎ.ฯ มาตรา 8, 39, 41",
    5: "พ.ร.ฎ.ฯ มาตรา 30, 31, 38–41",
    6: "พ.ร.ฎ.ฯ มาตรา 30, 31, 38–41",
    7: "พ.ร.ฎ.ฯ มาตรา 38, 41–42",
}

# Where a point comes from in seed 001 (the pack and the page print it under the point).
GUIDE = "guide"  # แนวทางการประเมินผล
STEP = "step"  # ขั้นตอนการดำเนินการ
PLAN = "plan"  # the CS's action plan (every CS)
ORIGINS = {GUIDE: "แนวทางการประเมินผล", STEP: "ขั้นตอนการดำเนินการ", PLAN: "แผนปฏิบัติการ"}

DIMENSIONS = {"A": "Approach", "D": "Deployment", "L": "Learning", "I": "Integration"}
NOT_EVIDENCED = "ยังไม่มีหลักฐาน"


@dataclass(frozen=True)
class EvidenceRef:
    label: str  # Thai, e.g. "ทะเบียนกลุ่มผู้รับบริการ 12 กลุ่ม"
    kind: str  # "register", "table", "plan" or "file"
    url: str = ""  # the page that shows it, for the screen; the PDF prints the label
    count: int | None = None
    section_key: str = ""  # the pack section that prints it, if any (core.reporting.ReportSection.key)


@dataclass(frozen=True)
class Point:
    cs: int
    dimension: str  # "A", "D", "L" or "I"
    text: str  # what the assessor checks, in seed 001's words
    law: str = ""  # e.g. "พ.ร.ฎ.ฯ มาตรา 8"
    evidence: tuple[EvidenceRef, ...] = ()
    origin: str = GUIDE  # GUIDE, STEP or PLAN
    missing: str = ""  # what is missing when there is no evidence (a threshold not reached), in Thai

    @property
    def evidenced(self) -> bool:
        return bool(self.evidence)

    @property
    def origin_label(self) -> str:
        return ORIGINS[self.origin]

    @property
    def dimension_label(self) -> str:
        return DIMENSIONS[self.dimension]

    @property
    def cs_title(self) -> str:
        return cs_title(self.cs)


@dataclass(frozen=True)
class Spec:
    """One point as data: its dimension, seed 001's words, where it comes from and the resolver that answers it."""

    dimension: str
    text: str
    resolver: str
    origin: str = GUIDE


# --- The points of seed 001, per CS -----------------------------------------------------------------------------------
# A slide that names two dimensions ("Deployment/Integration") gives each point to the one that fits (see
# docs/indicators.md, "The ADLI checklist").

POINTS: dict[int, list[Spec]] = {
    1: [
        Spec("A", "กำหนดหลักเกณฑ์ในการจำแนกกลุ่ม C/S จัดทำ Customer Profile กลุ่มผู้รับบริการ กลุ่มผู้มีส่วนได้ส่วนเสีย",
             "cs1_profile", STEP),
        Spec("A", "ที่มาของการกำหนด C/S ความสอดคล้องกับพันธกิจ", "cs1_missions"),
        Spec("A", "ความครอบคลุมครบทุกกลุ่มตามที่ระบุใน ข้อ 8 หมวด P", "cs1_coverage"),
        Spec("A", "ระบุความต้องการของแต่ละกลุ่ม", "cs1_needs"),
        Spec("A", "ควรมีการทบทวนอย่างสม่ำเสมอ", "cs1_reviews"),
        Spec("I", "หน่วยจัดทำตาราง Customer Profile/การวิเคราะห์ผู้รับบริการและผู้มีส่วนได้ส่วนเสีย ที่ครอบคลุมทุกกลุ่ม",
             "cs1_analysis"),
    ],
    2: [
        Spec("A", "กำหนดช่องทางการรับฟังและเรียนรู้ความต้องการของ C/S", "cs2_channels", STEP),
        Spec("A", "แสดงวิธีการรับฟังและเรียนรู้ความต้องการของ C/S ในแต่ละกลุ่ม", "cs2_groups_heard"),
        Spec("A", "จัดทำตารางแสดงช่องทางในการรับฟังความต้องการ C/S ในแต่ละกลุ่ม", "cs2_table"),
        Spec("A", "แสดงการนำข้อมูลต่าง ๆ ที่ได้ มาใช้ในการวางแผนและปรับปรุงการทำงาน", "cs2_use_of_data"),
        Spec("A", "ประสิทธิภาพในแต่ละช่องทางที่กำหนดคืออะไร", "cs2_statistics"),
        Spec("A", "แสดงแนวทางในการรักษาประสิทธิภาพของช่องทาง", "cs2_reviews"),
        Spec("A", "ขอดูหลักฐานผลการดำเนินงาน", "plan_evidence"),
        Spec("I", "แสดงตัวอย่างที่ได้รับการปรับปรุงอย่างน้อย 1 ตัวอย่าง", "cs2_improvements"),
        Spec("L", "ทบทวนประสิทธิภาพช่องทางต่างๆ เพื่อการปรับปรุงช่องทาง", "cs2_reviews", STEP),
    ],
    3: [
        Spec("A", "ขอดูระบบการจัดการข้อร้องเรียน / ข้อเสนอแนะ / ข้อคิดเห็น / คำชมเชย "
                  "(แสดงผู้รับผิดชอบในการจัดการข้อร้องเรียนที่ชัดเจน)", "cs3_register"),
        Spec("A", "ขอดูรายชื่อผู้รับผิดชอบในแต่ละกระบวนการ และความถี่ในการติดตามอย่างไร", "cs3_follow_up"),
        Spec("D", "ขอดูตัวอย่างการทบทวนระบบการจัดการข้อร้องเรียน / ข้อเสนอแนะ / ข้อคิดเห็น / คำชมเชย", "cs3_analysis"),
        Spec("L", "หน่วยมั่นใจได้อย่างไรว่ามีการทบทวนการจัดการข้อร้องเรียน / ข้อเสนอแนะ / ข้อคิดเห็น", "cs3_analysis"),
        Spec("L", "มีการสรุปผลการดำเนินงาน และนำผลมาแลกเปลี่ยนเรียนรู้กันภายในหน่วย", "cs3_results"),
        Spec("I", "หน่วยแสดงตัวอย่างการนำข้อร้องเรียน/ข้อเสนอแนะมาปรับปรุงการปฏิบัติ 1 ตัวอย่าง", "cs3_improvements"),
    ],
    4: [
        Spec("A", "กำหนดกลุ่มเป้าหมายที่เป็นเครือข่ายการทำงานซึ่งต้องกำหนดจากกลุ่ม C/S เท่านั้น", "cs4_grouped", STEP),
        Spec("A", "ดูข้อมูล C/S ที่เป็นเครือข่าย", "cs4_networks"),
        Spec("A", "แสดงช่องทางการติดต่อกับเครือข่าย 2 ช่องทาง", "cs4_contacts"),
        Spec("D", "คณะทำงานรวมทั้งกลุ่ม C/S ร่วมกันแลกเปลี่ยนความคิดเห็นต่อการกำหนดกิจกรรมสร้างความสัมพันธ์ร่วมกัน",
             "cs4_co_designed", STEP),
        Spec("D", "กำหนดกิจกรรมพร้อมทั้งแจ้งรายละเอียด วันเวลาและสถานที่แก่ผู้เกี่ยวข้อง", "cs4_announced", STEP),
        Spec("D", "ขอดูหลักฐานจัดกิจกรรมสร้างความสัมพันธ์ของกลุ่ม C/S (รูปภาพประกอบ)", "cs4_activities"),
        Spec("L", "มีการประเมินผลหลังการจัดกิจกรรมเพื่อนำผลสำรวจความคิดเห็น ข้อเสนอแนะมาใช้ในการปรับปรุงครั้งต่อไป",
             "cs4_evaluated", STEP),
        Spec("I", "อธิบายหรือแสดงหลักฐานที่สะท้อนถึงผลการจัดกิจกรรมว่าสามารถสร้างความสัมพันธ์ระหว่างกันให้ดีขึ้นอย่างไร",
             "cs4_reflection"),
    ],
    5: [
        Spec("A", "เลือกกระบวนการหรือกิจกรรมที่เปิดโอกาสให้ประชาชนเข้ามามีส่วนร่วมที่ผ่านการวิเคราะห์เชื่อมโยงกับยุทธศาสตร์ "
                  "พันธกิจและกลุ่ม C/S", "cs5_linked", STEP),
        Spec("A", "ดูระบบหรือวิธีการในการส่งเสริมให้ประชาชนเข้ามามีส่วนร่วมของหน่วย อย่างน้อย ระดับ 1 การให้ข้อมูล (Inform)",
             "cs5_levels"),
        Spec("A", "ดูการกำหนดกลุ่มผู้มีส่วนได้ส่วนเสียตามหมวด P", "cs5_stakeholders"),
        Spec("A", "ดูระบบ/วิธีการ ในการเปิดช่องทางให้ประชาชน หรือผู้มีส่วนได้ส่วนเสีย เข้ามามีส่วนร่วมในการดำเนินการ",
             "cs5_mechanisms"),
        Spec("D", "ดูช่องทางในการให้ข้อมูลข่าวสารของหน่วย มีความหลากหลาย และเข้าถึงกลุ่มเป้าหมายได้ 3 ช่องทาง",
             "cs5_info_channels"),
        Spec("D", "มีการจัดทำรายงานสรุปความคิดเห็นและข้อเสนอแนะต่อหัวหน้าหน่วย นขต.ทร. เมื่อสิ้นปีงบประมาณ",
             "cs5_governor_report"),
        Spec("D", "แสดงตัวอย่างการดำเนินการ/โครงการ หรือกิจกรรมที่ส่งเสริมให้ประชาชนมีส่วนร่วมในกิจกรรมของหน่วย",
             "cs5_projects"),
        Spec("D", "รายงานความก้าวหน้าในการดำเนินการ", "cs5_progress", STEP),
        Spec("L", "ดูรายงาน หรือการเผยแพร่ผลการดำเนินงานที่ให้ประชาชนเข้ามามีส่วนร่วม", "cs5_published"),
    ],
    6: [
        Spec("A", "แบบสอบถามความพึงพอใจ/ไม่พึงพอใจครอบคลุมกลุ่ม C/S ตามพันธกิจ", "cs6_groups"),
        Spec("A", "แสดงหลักเกณฑ์ในการออกแบบสอบถาม", "cs6_questionnaires"),
        Spec("D", "ขอดูวิธีการวัดความพึงพอใจ/ไม่พึงพอใจของกลุ่ม C/S", "cs6_rounds"),
        Spec("D", "ขอดูการแสดงผลการวัดความพึงพอใจและไม่พึงพอใจที่ได้รับจากการวัด", "cs6_results"),
        Spec("L", "นำผลการวิเคราะห์ไปใช้ในการปรับปรุง", "cs6_remeasured", STEP),
        Spec("I", "ดูตัวอย่าง กิจกรรมที่หน่วยได้นำผลความพึงพอใจ/ไม่พึงพอใจ ไปปรับปรุงการให้บริการ/การปฏิบัติงานของหน่วย",
             "cs6_improvements"),
    ],
    7: [
        Spec("A", "กำหนดมาตรฐานการให้บริการ – ระยะเวลาแล้วเสร็จของงานให้บริการในแต่ละงาน", "cs7_standards", STEP),
        Spec("A", "ขอดูคู่มือการปฏิบัติงานที่มีการกำหนดขั้นตอน ระยะเวลาแล้วเสร็จของกระบวนงาน", "cs7_manuals"),
        Spec("D", "ขอดูวิธีการสื่อสารกับกลุ่ม C/S ทราบ", "cs7_published"),
        Spec("D", "ขอดูการนำคู่มือไปใช้ประโยชน์ในการปฏิบัติ", "cs7_checks"),
        Spec("L", "มีการติดตามประเมินผลการปฏิบัติงานเชื่อมโยงกับแรงจูงใจ", "cs7_records", STEP),
    ],
}
PLAN_SPEC = Spec("D", "แผนปฏิบัติการของกระบวนการ: กิจกรรม/ขั้นตอน ความก้าวหน้า และหลักฐานการดำเนินการ", "plan", PLAN)


# --- The counts the points are answered from --------------------------------------------------------------------------


# The register lists whose filter names the office by its id.


class Facts:
    """The counts of one office's subtree and fiscal year, each process read once (when a point first asks), and the
    addresses of the pages that show them."""

    def __init__(self, *, office, fiscal_year: int):
        self.office = office
        self.fiscal_year = fiscal_year

    def _counts(self, module) -> dict:
        return module.adli_counts(office=self.office, fiscal_year=self.fiscal_year)

    @cached_property
    def cs1(self) -> dict:
        return self._counts(cs1)

    @cached_property
    def cs2(self) -> dict:
        return self._counts(cs2)

    @cached_property
    def improvements(self) -> dict:
        """CS3 reads only the improvements of CS2's register (those made from complaints), not all of CS2."""
        if "cs2" in self.__dict__:
            return self.cs2
        return cs2.improvement_counts(office=self.office, fiscal_year=self.fiscal_year)

    @cached_property
    def cs3(self) -> dict:
        return self._counts(cs3)

    @cached_property
    def cs4(self) -> dict:
        return self._counts(cs4)

    @cached_property
    def cs5(self) -> dict:
        return self._counts(cs5)

    @cached_property
    def cs6(self) -> dict:
        return self._counts(cs6)

    @cached_property
    def cs7(self) -> dict:
        return self._counts(cs7)

    @cached_property
    def plans(self) -> dict[int, dict]:
        return plans.plan_counts(office=self.office, fiscal_year=self.fiscal_year)

    def url(self, name: str, *, year: bool = True) -> str:
        """The page `name` on the office (its subtree) and, unless `year` is False, the fiscal year."""
        return page_url(name, office=self.office, fiscal_year=self.fiscal_year if year else None)


Answer = tuple[tuple[EvidenceRef, ...], str]  # (evidence, what is missing when there is none)


def _ref(label: str, kind: str, url: str, count: int, section_key: str = "") -> EvidenceRef:
    return EvidenceRef(label=label, kind=kind, url=url, count=count, section_key=section_key)


def _when(count: int, ref: EvidenceRef, missing: str, *, at_least: int = 1) -> Answer:
    """The ref when `count` reaches `at_least`, else no evidence and what is missing."""
    return ((ref,), "") if count >= at_least else ((), missing)


def _every(count: int, total: int, ref: EvidenceRef, missing: str) -> Answer:
    """The ref when every one of `total` things (at least one) has what the point asks, else what is missing."""
    return ((ref,), "") if total and count >= total else ((), missing)


def _year(f: Facts) -> dict:
    return {"year": f.fiscal_year}


# --- CS1 ----------------------------------------------------------------------------------------------------------


def _cs1_profile(f: Facts) -> Answer:
    c = f.cs1
    if not (c["customer_groups"] and c["stakeholder_groups"]):
        return (), _("ยังไม่มีกลุ่มผู้รับบริการ (%(c)s กลุ่ม) และกลุ่มผู้มีส่วนได้ส่วนเสีย (%(s)s กลุ่ม) ครบทั้งสองประเภท") % {
            "c": c["customer_groups"], "s": c["stakeholder_groups"]}
    label = _("Customer Profile: กลุ่มผู้รับบริการ %(c)s กลุ่ม กลุ่มผู้มีส่วนได้ส่วนเสีย %(s)s กลุ่ม") % {
        "c": c["customer_groups"], "s": c["stakeholder_groups"]}
    return (_ref(label, "register", f.url("stakeholders:index", year=False), c["groups"], "cs1-profile"),), ""


def _cs1_missions(f: Facts) -> Answer:
    c = f.cs1
    label = _("พันธกิจปีงบประมาณ %(year)s ที่ระบุกลุ่ม C/S แล้ว %(n)s จาก %(total)s พันธกิจ") % {
        **_year(f), "n": c["missions_with_groups"], "total": c["missions"]}
    return _when(c["missions_with_groups"],
                 _ref(label, "register", f.url("stakeholders:missions"), c["missions_with_groups"],
                      "cs1-duty-analysis"),
                 _("ยังไม่มีพันธกิจของปีงบประมาณ %(year)s ที่ระบุกลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย") % _year(f))


def _cs1_coverage(f: Facts) -> Answer:
    c = f.cs1
    missing = _("พันธกิจที่มีทั้งกลุ่มผู้รับบริการและกลุ่มผู้มีส่วนได้ส่วนเสีย %(n)s จาก %(total)s พันธกิจ") % {
        "n": c["missions_covered"], "total": c["missions"]}
    label = _("พันธกิจที่มีทั้งกลุ่มผู้รับบริการและกลุ่มผู้มีส่วนได้ส่วนเสียครบ %(n)s พันธกิจ") % {"n": c["missions_covered"]}
    ref = _ref(label, "table", f.url("stakeholders:missions"), c["missions_covered"], "cs1-duty-analysis")
    return _every(c["missions_covered"], c["missions"], ref, missing)


def _cs1_needs(f: Facts) -> Answer:
    c = f.cs1
    missing = _("กลุ่มที่ระบุความต้องการแล้ว %(n)s จาก %(total)s กลุ่ม") % {
        "n": c["groups_with_needs"], "total": c["groups"]}
    label = _("ความต้องการของกลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย ครบ %(n)s กลุ่ม") % {"n": c["groups_with_needs"]}
    ref = _ref(label, "register", f.url("stakeholders:index", year=False), c["groups_with_needs"], "cs1-profile")
    return _every(c["groups_with_needs"], c["groups"], ref, missing)


def _cs1_reviews(f: Facts) -> Answer:
    n = f.cs1["reviews"]
    return _when(n, _ref(_("การทบทวนกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียในปีงบประมาณ %(year)s %(n)s ครั้ง") % {
        **_year(f), "n": n}, "register", f.url("stakeholders:reviews", year=False), n),
        _("ยังไม่มีการทบทวนกลุ่มในปีงบประมาณ %(year)s") % _year(f))


def _cs1_analysis(f: Facts) -> Answer:
    n = f.cs1["duty_rows"]
    return _when(n, _ref(_("ตารางการวิเคราะห์ผู้รับบริการและผู้มีส่วนได้ส่วนเสีย %(n)s แถว") % {"n": n}, "table",
                         f.url("stakeholders:duties"), n, "cs1-duty-analysis"),
                 _("ยังไม่มีตารางการวิเคราะห์ผู้รับบริการและผู้มีส่วนได้ส่วนเสียของปีงบประมาณ %(year)s") % _year(f))


# --- CS2 ----------------------------------------------------------------------------------------------------------


def _cs2_channels(f: Facts) -> Answer:
    n = f.cs2["channels_used"]
    return _when(n, _ref(_("ช่องทางการรับฟังที่ใช้ในปีงบประมาณ %(year)s %(n)s ช่องทาง") % {**_year(f), "n": n},
                         "register", f.url("channels:index", year=False), n, "cs2-statistics"),
                 _("ยังไม่มีช่องทางการรับฟังที่ใช้ในปีงบประมาณ %(year)s") % _year(f))


def _cs2_groups_heard(f: Facts) -> Answer:
    c = f.cs2
    missing = _("กลุ่มที่มีช่องทางการรับฟังในตาราง CS2-1 %(n)s จาก %(total)s กลุ่ม") % {
        "n": c["groups_heard"], "total": c["groups"]}
    label = _("ทุกกลุ่มมีช่องทางการรับฟัง (%(n)s กลุ่ม)") % {"n": c["groups_heard"]}
    ref = _ref(label, "table", f.url("channels:cs21", year=False), c["groups_heard"], "cs2-analysis")
    return _every(c["groups_heard"], c["groups"], ref, missing)


def _cs2_table(f: Facts) -> Answer:
    n = f.cs2["cs21_rows"]
    return _when(n, _ref(_("ตารางการวิเคราะห์ช่องทางการรับฟัง (CS2-1) %(n)s แถว") % {"n": n}, "table",
                         f.url("channels:cs21", year=False), n, "cs2-analysis"),
                 _("ยังไม่มีตาราง CS2-1"))


def _cs2_use_of_data(f: Facts) -> Answer:
    c = f.cs2
    refs = []
    if c["information_types"]:
        refs.append(_ref(_("ประเภทข้อมูลที่ได้รับจากการรับฟัง %(n)s ประเภท") % {"n": c["information_types"]}, "table",
                         f.url("channels:information"), c["information_types"], "cs2-information-types"))
    if c["cs21_findings"]:
        refs.append(_ref(_("ผลการวิเคราะห์ข้อมูลความต้องการในตาราง CS2-1 %(n)s แถว") % {"n": c["cs21_findings"]},
                         "table", f.url("channels:cs21", year=False), c["cs21_findings"], "cs2-analysis"))
    return tuple(refs), "" if refs else _("ยังไม่มีประเภทข้อมูลที่ได้รับหรือผลการวิเคราะห์ข้อมูลความต้องการ")


def _cs2_statistics(f: Facts) -> Answer:
    c = f.cs2
    label = _("สถิติผู้ใช้ช่องทางปีงบประมาณ %(year)s %(n)s ช่องทาง รวม %(users)s คน") % {
        **_year(f), "n": c["counted_channels"], "users": f"{c['channel_users']:,}"}
    return _when(c["counted_channels"], _ref(label, "table", f.url("channels:statistics"), c["counted_channels"],
                                             "cs2-statistics"),
                 _("ยังไม่มีสถิติผู้ใช้ช่องทางของปีงบประมาณ %(year)s") % _year(f))


def _cs2_reviews(f: Facts) -> Answer:
    n = f.cs2["channel_reviews"]
    return _when(n, _ref(_("การทบทวนช่องทางการรับฟังในปีงบประมาณ %(year)s %(n)s ครั้ง") % {**_year(f), "n": n},
                         "table", f.url("channels:reviews", year=False), n, "cs2-reviews"),
                 _("ยังไม่มีการทบทวนช่องทางในปีงบประมาณ %(year)s") % _year(f))


def _cs2_improvements(f: Facts) -> Answer:
    n = f.cs2["improvements"]
    return _when(n, _ref(_("การปรับปรุงจากสิ่งที่รับฟัง %(n)s ตัวอย่าง") % {"n": n}, "register",
                         f.url("channels:improvements"), n, "cs2-improvements"),
                 _("ต้องมีตัวอย่างที่ได้รับการปรับปรุงอย่างน้อย %(min)s ตัวอย่าง (มี %(n)s)") % {"min": MIN_EXAMPLES, "n": n},
                 at_least=MIN_EXAMPLES)


# --- CS3 ----------------------------------------------------------------------------------------------------------


def _cs3_register(f: Facts) -> Answer:
    c = f.cs3
    if not c["tickets_with_handler"]:
        return (), _("ยังไม่มีเรื่องที่รับในปีงบประมาณ %(year)s ที่กำหนดผู้รับผิดชอบ (รับ %(n)s เรื่อง)") % {
            **_year(f), "n": c["tickets"]}
    label = _("ทะเบียนเรื่องร้องเรียน/ข้อเสนอแนะปีงบประมาณ %(year)s %(n)s เรื่อง กำหนดผู้รับผิดชอบแล้ว %(h)s เรื่อง") % {
        **_year(f), "n": c["tickets"], "h": c["tickets_with_handler"]}
    return (_ref(label, "register", f.url("complaints:index"), c["tickets"], "cs3-register"),), ""


def _cs3_follow_up(f: Facts) -> Answer:
    n = f.cs3["follow_up_rows"]
    return _when(n, _ref(_("แผนการติดตามคุณภาพการจัดการข้อร้องเรียน (ผู้รับผิดชอบและความถี่) %(n)s กระบวนการ") % {
        "n": n}, "table", f.url("complaints:follow-up"), n, "cs3-follow-up-plan"),
        _("ยังไม่มีแผนการติดตามคุณภาพการจัดการข้อร้องเรียนของปีงบประมาณ %(year)s") % _year(f))


def _cs3_analysis(f: Facts) -> Answer:
    n = f.cs3["analysis_rows"]
    return _when(n, _ref(_("ตารางการวิเคราะห์และนำผลการติดตามไปปรับปรุงกระบวนการ %(n)s แถว") % {"n": n}, "table",
                         f.url("complaints:follow-up"), n, "cs3-improvement-analysis"),
                 _("ยังไม่มีการวิเคราะห์และนำผลการติดตามไปปรับปรุงในปีงบประมาณ %(year)s") % _year(f))


def _cs3_results(f: Facts) -> Answer:
    c = f.cs3
    label = _("ผลการจัดการข้อร้องเรียน: แจ้งผลแล้ว %(a)s จาก %(n)s เรื่อง ภายในกำหนด %(t)s เรื่อง") % {
        "a": c["tickets_answered"], "n": c["tickets"], "t": c["tickets_on_time"]}
    return _when(c["tickets_answered"], _ref(label, "table", f.url("complaints:dashboard"), c["tickets_answered"],
                                             "cs3-complaint-results"),
                 _("ยังไม่มีเรื่องที่แจ้งผลแล้วในปีงบประมาณ %(year)s") % _year(f))


def _cs3_improvements(f: Facts) -> Answer:
    n = f.improvements["improvements_from_complaints"]
    return _when(n, _ref(_("การปรับปรุงจากข้อร้องเรียน %(n)s ตัวอย่าง") % {"n": n}, "register",
                         f.url("channels:improvements"), n, "cs2-improvements"),
                 _("ต้องมีตัวอย่างการนำข้อร้องเรียนมาปรับปรุงอย่างน้อย %(min)s ตัวอย่าง (มี %(n)s)") % {
                     "min": MIN_EXAMPLES, "n": n}, at_least=MIN_EXAMPLES)


# --- CS4 ----------------------------------------------------------------------------------------------------------


def _cs4_grouped(f: Facts) -> Answer:
    c = f.cs4
    missing = _("เครือข่ายที่กำหนดจากกลุ่ม C/S %(n)s จาก %(total)s เครือข่าย") % {
        "n": c["networks_grouped"], "total": c["networks"]}
    label = _("เครือข่ายที่กำหนดจากกลุ่ม C/S %(n)s เครือข่าย") % {"n": c["networks_grouped"]}
    ref = _ref(label, "register", f.url("networks:index", year=False), c["networks_grouped"], "cs4-network-table")
    return _every(c["networks_grouped"], c["networks"], ref, missing)


def _cs4_networks(f: Facts) -> Answer:
    n = f.cs4["networks"]
    return _when(n, _ref(_("ทะเบียนเครือข่าย %(n)s เครือข่าย") % {"n": n}, "register",
                         f.url("networks:index", year=False), n, "cs4-network-table"),
                 _("ยังไม่มีเครือข่าย"))


def _cs4_contacts(f: Facts) -> Answer:
    c = f.cs4
    missing = _("ต้องมีช่องทางการติดต่ออย่างน้อย %(min)s ช่องทางทุกเครือข่าย: ครบ %(n)s จาก %(total)s เครือข่าย") % {
        "min": MIN_CONTACT_CHANNELS, "n": c["networks_reachable"], "total": c["networks"]}
    label = _("เครือข่ายที่มีช่องทางการติดต่ออย่างน้อย %(min)s ช่องทาง %(n)s เครือข่าย") % {
        "min": MIN_CONTACT_CHANNELS, "n": c["networks_reachable"]}
    ref = _ref(label, "table", f.url("networks:index", year=False), c["networks_reachable"],
                 "cs4-network-table")
    return _every(c["networks_reachable"], c["networks"], ref, missing)


def _cs4_co_designed(f: Facts) -> Answer:
    n = f.cs4["activities_co_designed"]
    return _when(n, _ref(_("กิจกรรมที่ร่วมกำหนดกับเครือข่าย %(n)s กิจกรรม") % {"n": n}, "register",
                         f.url("networks:activities"), n, "cs4-activity-report"),
                 _("ยังไม่มีกิจกรรมที่ร่วมกำหนดกับเครือข่ายในปีงบประมาณ %(year)s") % _year(f))


def _cs4_announced(f: Facts) -> Answer:
    n = f.cs4["activities_announced"]
    return _when(n, _ref(_("กิจกรรมที่แจ้งรายละเอียด วันเวลาและสถานที่ล่วงหน้า %(n)s กิจกรรม") % {"n": n}, "register",
                         f.url("networks:activities"), n, "cs4-activity-report"),
                 _("ยังไม่มีกิจกรรมที่บันทึกการแจ้งเครือข่ายล่วงหน้าในปีงบประมาณ %(year)s") % _year(f))


def _cs4_activities(f: Facts) -> Answer:
    c = f.cs4
    if not c["activities_pictured"]:
        return (), _("ยังไม่มีกิจกรรมสร้างความสัมพันธ์ที่มีรูปภาพประกอบในปีงบประมาณ %(year)s (มี %(n)s กิจกรรม)") % {
            **_year(f), "n": c["activities"]}
    label = _("กิจกรรมสร้างความสัมพันธ์ %(n)s กิจกรรม มีรูปภาพประกอบ %(p)s กิจกรรม (%(photos)s ภาพ)") % {
        "n": c["activities"], "p": c["activities_pictured"], "photos": c["activity_photos"]}
    return (_ref(label, "register", f.url("networks:report"), c["activities"], "cs4-activity-report"),), ""


def _cs4_evaluated(f: Facts) -> Answer:
    n = f.cs4["activities_evaluated"]
    return _when(n, _ref(_("กิจกรรมที่ประเมินผลหลังจัด (แบบสำรวจความพึงพอใจ) %(n)s กิจกรรม") % {"n": n}, "register",
                         f.url("networks:report"), n, "cs4-activity-report"),
                 _("ยังไม่มีกิจกรรมที่ประเมินผลหลังจัดในปีงบประมาณ %(year)s") % _year(f))


def _cs4_reflection(f: Facts) -> Answer:
    n = f.cs4["plans_reflected"]
    return _when(n, _ref(_("แผนการสร้างความสัมพันธ์ที่สรุปผลว่าสร้างความสัมพันธ์ให้ดีขึ้นอย่างไร %(n)s แผน") % {"n": n},
                         "register", f.url("networks:relationship-plans"), n, "cs4-activity-report"),
                 _("ยังไม่มีการสรุปว่ากิจกรรมสร้างความสัมพันธ์ให้ดีขึ้นอย่างไรในปีงบประมาณ %(year)s") % _year(f))


# --- CS5 ----------------------------------------------------------------------------------------------------------


def _cs5_linked(f: Facts) -> Answer:
    n = f.cs5["projects_linked"]
    return _when(n, _ref(_("โครงการที่เชื่อมโยงกับพันธกิจหรือยุทธศาสตร์ %(n)s โครงการ") % {"n": n}, "register",
                         f.url("participation:index"), n, "cs5-projects"),
                 _("ยังไม่มีโครงการที่เชื่อมโยงกับพันธกิจหรือยุทธศาสตร์ในปีงบประมาณ %(year)s") % _year(f))


def _cs5_levels(f: Facts) -> Answer:
    n = f.cs5["projects"]
    return _when(n, _ref(_("สรุประดับการมีส่วนร่วมของประชาชน %(n)s โครงการ") % {"n": n}, "table",
                         f.url("participation:matrix"), n, "cs5-level-matrix"),
                 _("ยังไม่มีโครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วมในปีงบประมาณ %(year)s") % _year(f))


def _cs5_stakeholders(f: Facts) -> Answer:
    n = f.cs1["stakeholder_groups"]
    return _when(n, _ref(_("กลุ่มผู้มีส่วนได้ส่วนเสีย %(n)s กลุ่ม") % {"n": n}, "register",
                         f.url("stakeholders:index", year=False), n, "cs1-profile"),
                 _("ยังไม่มีกลุ่มผู้มีส่วนได้ส่วนเสีย"))


def _cs5_mechanisms(f: Facts) -> Answer:
    c = f.cs5
    refs = []
    if c["projects_with_mechanism"]:
        refs.append(_ref(_("วิธีการ/กลไกการมีส่วนร่วมของประชาชน %(n)s โครงการ") % {"n": c["projects_with_mechanism"]},
                         "table", f.url("participation:index"), c["projects_with_mechanism"], "cs5-mechanisms"))
    if c["opinion_channels"]:
        refs.append(_ref(_("ช่องทางการรับฟังความคิดเห็นข้อเสนอแนะ %(n)s ช่องทาง") % {"n": c["opinion_channels"]},
                         "table", f.url("participation:index"), c["opinion_channels"], "cs5-information-channels"))
    missing = _("ยังไม่มีวิธีการ/กลไก หรือช่องทางรับฟังความคิดเห็นของโครงการในปีงบประมาณ %(year)s") % _year(f)
    return tuple(refs), "" if refs else missing


def _cs5_info_channels(f: Facts) -> Answer:
    n = f.cs5["info_channels"]
    return _when(n, _ref(_("ช่องทางการให้ข้อมูลข่าวสาร %(n)s ช่องทาง") % {"n": n}, "table",
                         f.url("participation:index"), n, "cs5-information-channels"),
                 _("ต้องมีช่องทางการให้ข้อมูลข่าวสารอย่างน้อย %(min)s ช่องทาง (มี %(n)s)") % {
                     "min": MIN_INFORMATION_CHANNELS, "n": n}, at_least=MIN_INFORMATION_CHANNELS)


def _cs5_governor_report(f: Facts) -> Answer:
    n = f.cs5["governor_reports"]
    return _when(n, _ref(_("รายงานสรุปความคิดเห็นและข้อเสนอแนะเสนอผู้ว่าราชการจังหวัด/หัวหน้าหน่วยงาน %(n)s ฉบับ") % {
        "n": n}, "register", f.url("participation:reports"), n, "cs5-governor-report"),
        _("ยังไม่มีรายงานสรุปความคิดเห็นและข้อเสนอแนะของปีงบประมาณ %(year)s") % _year(f))


def _cs5_projects(f: Facts) -> Answer:
    n = f.cs5["projects"]
    return _when(n, _ref(_("โครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วม %(n)s โครงการ") % {"n": n}, "register",
                         f.url("participation:index"), n, "cs5-projects"),
                 _("ยังไม่มีโครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วมในปีงบประมาณ %(year)s") % _year(f))


def _cs5_progress(f: Facts) -> Answer:
    c = f.cs5
    label = _("ตัวชี้วัดผลลัพธ์ของโครงการที่รายงานผลแล้ว %(n)s จาก %(total)s ตัวชี้วัด") % {
        "n": c["measures_with_result"], "total": c["measures"]}
    return _when(c["measures_with_result"], _ref(label, "register", f.url("participation:index"),
                                                 c["measures_with_result"], "cs5-projects"),
                 _("ยังไม่มีผลของตัวชี้วัดผลลัพธ์ของโครงการในปีงบประมาณ %(year)s") % _year(f))


def _cs5_published(f: Facts) -> Answer:
    n = f.cs5["projects_published"]
    return _when(n, _ref(_("โครงการที่เผยแพร่ผลต่อสาธารณะ %(n)s โครงการ") % {"n": n}, "register",
                         f.url("participation:index"), n, "cs5-projects"),
                 _("ยังไม่มีโครงการที่เผยแพร่ผลต่อสาธารณะในปีงบประมาณ %(year)s") % _year(f))


# --- CS6 ----------------------------------------------------------------------------------------------------------


def _cs6_groups(f: Facts) -> Answer:
    c = f.cs6
    missing = _("กลุ่มที่มีแบบสอบถามในรอบการสำรวจของปี %(n)s จาก %(total)s กลุ่ม") % {
        "n": c["groups_surveyed"], "total": c["groups"]}
    label = _("แบบสอบถามครอบคลุมกลุ่ม C/S ครบ %(n)s กลุ่ม") % {"n": c["groups_surveyed"]}
    ref = _ref(label, "register", f.url("satisfaction:index", year=False), c["groups_surveyed"], "cs6-results")
    return _every(c["groups_surveyed"], c["groups"], ref, missing)


def _cs6_questionnaires(f: Facts) -> Answer:
    n = f.cs6["questionnaires"]
    return _when(n, _ref(_("แบบสอบถามที่ใช้ในปีงบประมาณ %(year)s %(n)s ฉบับ") % {**_year(f), "n": n}, "register",
                         f.url("satisfaction:index", year=False), n, "cs6-results"),
                 _("ยังไม่มีแบบสอบถามที่ใช้ในปีงบประมาณ %(year)s") % _year(f))


def _cs6_rounds(f: Facts) -> Answer:
    n = f.cs6["rounds"]
    return _when(n, _ref(_("รอบการสำรวจความพึงพอใจ/ไม่พึงพอใจ %(n)s รอบ") % {"n": n}, "register",
                         f.url("satisfaction:index", year=False), n, "cs6-results"),
                 _("ยังไม่มีรอบการสำรวจในปีงบประมาณ %(year)s") % _year(f))


def _cs6_results(f: Facts) -> Answer:
    c = f.cs6
    label = _("ผลการสำรวจ %(n)s รอบ ผู้ตอบ %(r)s คน") % {"n": c["rounds_answered"], "r": f"{c['respondents']:,}"}
    return _when(c["rounds_answered"], _ref(label, "table", f.url("satisfaction:index", year=False),
                                            c["rounds_answered"], "cs6-results"),
                 _("ยังไม่มีรอบการสำรวจที่มีผู้ตอบในปีงบประมาณ %(year)s") % _year(f))


def _cs6_remeasured(f: Facts) -> Answer:
    n = f.cs6["survey_improvements_remeasured"]
    return _when(n, _ref(_("การปรับปรุงที่สำรวจซ้ำเพื่อวัดผล %(n)s เรื่อง") % {"n": n}, "register",
                         f.url("satisfaction:index", year=False), n, "cs6-improvements"),
                 _("ยังไม่มีการปรับปรุงที่สำรวจซ้ำเพื่อวัดผลในปีงบประมาณ %(year)s") % _year(f))


def _cs6_improvements(f: Facts) -> Answer:
    c = f.cs6
    label = _("การปรับปรุงจากผลความพึงพอใจ/ไม่พึงพอใจ %(n)s เรื่อง (เสร็จแล้ว %(d)s เรื่อง)") % {
        "n": c["survey_improvements"], "d": c["survey_improvements_done"]}
    return _when(c["survey_improvements"], _ref(label, "register", f.url("satisfaction:index", year=False),
                                                c["survey_improvements"], "cs6-improvements"),
                 _("ต้องมีตัวอย่างการนำผลไปปรับปรุงอย่างน้อย %(min)s ตัวอย่าง (มี %(n)s)") % {
                     "min": MIN_EXAMPLES, "n": c["survey_improvements"]}, at_least=MIN_EXAMPLES)


# --- CS7 ----------------------------------------------------------------------------------------------------------


def _cs7_standards(f: Facts) -> Answer:
    n = f.cs7["services"]
    return _when(n, _ref(_("งานบริการที่กำหนดมาตรฐานระยะเวลาแล้วเสร็จ %(n)s งาน") % {"n": n}, "register",
                         f.url("service_standards:index", year=False), n, "cs7-service-charts"),
                 _("ยังไม่มีงานบริการที่กำหนดมาตรฐาน"))


def _cs7_manuals(f: Facts) -> Answer:
    c = f.cs7
    refs = []
    if c["services_charted"]:
        refs.append(_ref(_("แผนภูมิขั้นตอนและระยะเวลาการให้บริการ %(n)s งาน") % {"n": c["services_charted"]},
                         "table", f.url("service_standards:index", year=False), c["services_charted"],
                         "cs7-service-charts"))
    if c["staff_manuals_filed"]:
        refs.append(_ref(_("คู่มือการปฏิบัติงานของบุคลากร %(n)s เล่ม") % {"n": c["staff_manuals_filed"]}, "file",
                         f.url("service_standards:index", year=False), c["staff_manuals_filed"],
                         "cs7-charts-manuals"))
    return tuple(refs), "" if refs else _("ยังไม่มีแผนภูมิขั้นตอนการให้บริการหรือคู่มือการปฏิบัติงาน")


def _cs7_published(f: Facts) -> Answer:
    c = f.cs7
    label = _("คู่มือสำหรับประชาชนที่เผยแพร่ %(n)s เรื่อง %(m)s เล่ม (เผยแพร่ %(p)s ครั้ง)") % {
        "n": c["manual_services"], "m": c["manual_books"], "p": c["publications"]}
    return _when(c["manual_services"], _ref(label, "register", f.url("service_standards:index", year=False),
                                            c["manual_services"], "cs7-charts-manuals"),
                 _("ยังไม่มีคู่มือสำหรับประชาชนที่เผยแพร่"))


def _cs7_checks(f: Facts) -> Answer:
    n = f.cs7["usage_checks"]
    return _when(n, _ref(_("การตรวจสอบการนำคู่มือไปใช้ในปีงบประมาณ %(year)s %(n)s ครั้ง") % {**_year(f), "n": n},
                         "register", f.url("service_standards:checks"), n, "cs7-checks-on-use"),
                 _("ยังไม่มีการตรวจสอบการนำคู่มือไปใช้ในปีงบประมาณ %(year)s") % _year(f))


def _cs7_records(f: Facts) -> Answer:
    c = f.cs7
    label = _("บันทึกการให้บริการที่แล้วเสร็จ %(n)s รายการ ทันตามมาตรฐาน %(m)s รายการ (RM 3.5)") % {
        "n": c["records_completed"], "m": c["records_met"]}
    return _when(c["records_completed"], _ref(label, "register", f.url("service_standards:records"),
                                              c["records_completed"], "cs7-results"),
                 _("ยังไม่มีบันทึกการให้บริการที่แล้วเสร็จในปีงบประมาณ %(year)s") % _year(f))


# --- Every CS: the action plan ------------------------------------------------------------------------------------


def _plan_url(f: Facts) -> str:
    return f.url("plans:list")


def _plan(f: Facts, cs: int) -> Answer:
    c = f.plans[cs]
    if not c["plans"]:
        return (), _("ยังไม่มีแผนปฏิบัติการ CS%(cs)s ของปีงบประมาณ %(year)s") % {**_year(f), "cs": cs}
    label = _("แผนปฏิบัติการ %(p)s แผน %(s)s กิจกรรม เสร็จแล้ว %(d)s กิจกรรม ความก้าวหน้าเฉลี่ยร้อยละ %(g)s") % {
        "p": c["plans"], "s": c["steps"], "d": c["steps_done"], "g": c["progress"]}
    refs = [_ref(label, "plan", _plan_url(f), c["plans"])]
    if c["evidence"]:
        refs.append(_ref(_("หลักฐานแผนปฏิบัติการ %(n)s ไฟล์") % {"n": c["evidence"]}, "file", _plan_url(f),
                         c["evidence"]))
    return tuple(refs), ""


def _plan_evidence(f: Facts, cs: int) -> Answer:
    n = f.plans[cs]["evidence"]
    return _when(n, _ref(_("หลักฐานแผนปฏิบัติการ %(n)s ไฟล์") % {"n": n}, "file", _plan_url(f), n),
                 _("ยังไม่มีไฟล์หลักฐานของแผนปฏิบัติการ CS%(cs)s") % {"cs": cs})


RESOLVERS = {
    "cs1_profile": _cs1_profile, "cs1_missions": _cs1_missions, "cs1_coverage": _cs1_coverage,
    "cs1_needs": _cs1_needs, "cs1_reviews": _cs1_reviews, "cs1_analysis": _cs1_analysis,
    "cs2_channels": _cs2_channels, "cs2_groups_heard": _cs2_groups_heard, "cs2_table": _cs2_table,
    "cs2_use_of_data": _cs2_use_of_data, "cs2_statistics": _cs2_statistics, "cs2_reviews": _cs2_reviews,
    "cs2_improvements": _cs2_improvements,
    "cs3_register": _cs3_register, "cs3_follow_up": _cs3_follow_up, "cs3_analysis": _cs3_analysis,
    "cs3_results": _cs3_results, "cs3_improvements": _cs3_improvements,
    "cs4_grouped": _cs4_grouped, "cs4_networks": _cs4_networks, "cs4_contacts": _cs4_contacts,
    "cs4_co_designed": _cs4_co_designed, "cs4_announced": _cs4_announced, "cs4_activities": _cs4_activities,
    "cs4_evaluated": _cs4_evaluated, "cs4_reflection": _cs4_reflection,
    "cs5_linked": _cs5_linked, "cs5_levels": _cs5_levels, "cs5_stakeholders": _cs5_stakeholders,
    "cs5_mechanisms": _cs5_mechanisms, "cs5_info_channels": _cs5_info_channels,
    "cs5_governor_report": _cs5_governor_report, "cs5_projects": _cs5_projects, "cs5_progress": _cs5_progress,
    "cs5_published": _cs5_published,
    "cs6_groups": _cs6_groups, "cs6_questionnaires": _cs6_questionnaires, "cs6_rounds": _cs6_rounds,
    "cs6_results": _cs6_results, "cs6_remeasured": _cs6_remeasured, "cs6_improvements": _cs6_improvements,
    "cs7_standards": _cs7_standards, "cs7_manuals": _cs7_manuals, "cs7_published": _cs7_published,
    "cs7_checks": _cs7_checks, "cs7_records": _cs7_records,
}
PLAN_RESOLVERS = {"plan": _plan, "plan_evidence": _plan_evidence}  # these take the CS too


def _answer(spec: Spec, facts: Facts, cs: int) -> Answer:
    if spec.resolver in PLAN_RESOLVERS:
        return PLAN_RESOLVERS[spec.resolver](facts, cs)
    return RESOLVERS[spec.resolver](facts)


def _points(facts: Facts, cs: int) -> list[Point]:
    points = []
    for spec in [PLAN_SPEC, *POINTS[cs]]:
        evidence, missing = _answer(spec, facts, cs)
        points.append(Point(cs=cs, dimension=spec.dimension, text=spec.text, law=LAW[cs], evidence=evidence,
                            origin=spec.origin, missing="" if evidence else missing))
    order = "ADLI"
    return sorted(points, key=lambda p: order.index(p.dimension))  # stable: seed 001's order within a dimension


def checklist(*, office, fiscal_year: int, cs: int) -> list[Point]:
    """The points of one CS for an office's subtree and a fiscal year, A then D, L, I, each with its evidence."""
    return _points(Facts(office=office, fiscal_year=fiscal_year), cs)


def checklists(*, office, fiscal_year: int) -> dict[int, list[Point]]:
    """The points of all seven CS, each process's counts read once."""
    facts = Facts(office=office, fiscal_year=fiscal_year)
    return {cs: _points(facts, cs) for cs in CS.values}


def cs_title(cs: int) -> str:
    return str(CS(cs).label)
