from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """The five levels of public participation (seed 001's Public Participation Spectrum; glossary labels)."""

    INFORM = 1, _("ให้ข้อมูล (Inform)")
    CONSULT = 2, _("ปรึกษาหารือ (Consult)")
    INVOLVE = 3, _("เข้ามาเกี่ยวข้อง (Involve)")
    COLLABORATE = 4, _("ร่วมมือ (Collaborate)")
    EMPOWER = 5, _("เสริมอำนาจประชาชน (Empower)")


# What each level means (seed 000, CS5 definitions) and the techniques seed 001's spectrum names for it: the help the
# project form shows beside the level.
LEVEL_HELP: dict[int, tuple[str, str]] = {
    Level.INFORM: (_("เผยแพร่ข้อมูลข่าวสาร เป็นการสื่อสารทางเดียว จุดเริ่มต้นที่นำไปสู่การมีส่วนร่วมระดับอื่น"),
                   _("Fact Sheet, เว็บไซต์ (Websites), Open House")),
    Level.CONSULT: (_("รับฟังความคิดเห็น เปิดโอกาสให้ประชาชนแสดงความคิดเห็น บอกข้อปัญหาและข้อเสนอแนะ"),
                    _("การสำรวจความคิดเห็น, การประชุม/เวทีสาธารณะ, ประชุมกลุ่มย่อย, รับฟังความคิดเห็น")),
    Level.INVOLVE: (_("ประชาชนเข้ามาเกี่ยวข้องในการกำหนดนโยบาย การวางแผนงาน โครงการ "
                      "เช่น คณะกรรมการที่มีตัวแทนภาคประชาชน"),
                    _("สัมมนาเชิงปฏิบัติการ")),
    Level.COLLABORATE: (_("ประชาชนเป็นหุ้นส่วนหรือภาคีในการดำเนินกิจกรรมของภาครัฐ"),
                        _("คณะที่ปรึกษาภาคประชาชน, คณะกรรมการ, การตัดสินใจแบบมีส่วนร่วม")),
    Level.EMPOWER: (_("ระดับสูงสุด มอบอำนาจการตัดสินใจให้ประชาชนเป็นผู้กำหนด"),
                    _("การลงประชามติ")),
}


class NextStepKind(models.TextChoices):
    """How a next step widens participation (seed 002: ไปสู่ระดับที่สูงขึ้น หรือ ขยายผลในแนวราบ)."""

    RAISE = "raise", _("ยกระดับการมีส่วนร่วมให้สูงขึ้น")
    WIDEN = "widen", _("ขยายผลในแนวราบให้ครอบคลุมกลุ่มเป้าหมายที่กว้างขึ้น")
