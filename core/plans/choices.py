from django.db import models
from django.utils.translation import gettext_lazy as _


class CS(models.IntegerChoices):
    """The seven processes of Category 3, labelled as the glossary names them."""

    CS1 = 1, _("CS1 การกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย")
    CS2 = 2, _("CS2 ช่องทางการรับฟังและเรียนรู้ความต้องการ")
    CS3 = 3, _("CS3 การจัดการข้อร้องเรียน/ข้อเสนอแนะ/ข้อคิดเห็น/คำชมเชย")
    CS4 = 4, _("CS4 การสร้างเครือข่ายและกิจกรรมสร้างความสัมพันธ์")
    CS5 = 5, _("CS5 การเปิดโอกาสให้ประชาชนมีส่วนร่วม")
    CS6 = 6, _("CS6 การวัดความพึงพอใจและไม่พึงพอใจ")
    CS7 = 7, _("CS7 มาตรฐานการให้บริการ")

    @property
    def code(self) -> str:
        return f"CS{self.value}"


class Direction(models.TextChoices):
    HIGHER = "higher", _("ยิ่งมากยิ่งดี")
    LOWER = "lower", _("ยิ่งน้อยยิ่งดี")


class IndicatorSource(models.TextChoices):
    COMPUTED = "computed", _("คำนวณจากข้อมูลในระบบ")
    MANUAL = "manual", _("บันทึกด้วยมือ")


class Metric(models.TextChoices):
    """Indicators the system computes from its own data. The top layer (reports) maps each to a selector."""

    CS1_GROUPS = "cs1_groups", _("ร้อยละความสำเร็จของการกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียตามพันธกิจ")
    CS2_CHANNELS = "cs2_channels", _("จำนวนช่องทางการรับฟังที่ใช้งานในปี")
    CS2_GROUP_COVERAGE = "cs2_group_coverage", _("ร้อยละของกลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียที่มีช่องทางการรับฟัง")
    CS3_ANSWERED_ON_TIME = "cs3_answered_on_time", _("ร้อยละของเรื่องร้องเรียนที่ได้รับการตอบสนองภายใน 15 วันทำการ")
    RM33_MEAN = "rm33_mean", _("ร้อยละความพึงพอใจของเครือข่ายที่มีต่อกิจกรรมสร้างความสัมพันธ์ (ค่าเฉลี่ย)")
    RM33_TOP2 = "rm33_top2", _("ร้อยละความพึงพอใจของเครือข่ายที่มีต่อกิจกรรมสร้างความสัมพันธ์ (สองระดับบนสุด)")
    RM34 = "rm34", _("ร้อยละความสำเร็จของผลสัมฤทธิ์ของโครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วม")
    RM31_MEAN = "rm31_mean", _("ร้อยละความพึงพอใจของผู้รับบริการ (ค่าเฉลี่ย)")
    RM31_TOP2 = "rm31_top2", _("ร้อยละความพึงพอใจของผู้รับบริการ (สองระดับบนสุด)")
    RM32_BOTTOM2 = "rm32_bottom2", _("ร้อยละความไม่พึงพอใจของผู้รับบริการ (สองระดับล่างสุด)")
    RM32_REPORTED = "rm32_reported", _("ร้อยละผู้รับบริการที่แจ้งว่าไม่พึงพอใจ")
    RM35 = "rm35", _("ร้อยละของความสำเร็จในการดำเนินการตามมาตรฐานคู่มือการให้บริการ")


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("ยังไม่เริ่ม")
    IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
    DONE = "done", _("ดำเนินการแล้วเสร็จ")
    DELAYED = "delayed", _("ล่าช้า")
    CANCELLED = "cancelled", _("ยกเลิก")
