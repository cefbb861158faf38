from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    RATING = "rating", _("มาตราส่วนประมาณค่า")
    YES_NO = "yes_no", _("ใช่/ไม่ใช่")
    CHOICE = "choice", _("เลือกตอบ")
    TEXT = "text", _("ปลายเปิด")


class Section(models.TextChoices):
    SATISFACTION = "satisfaction", _("ความพึงพอใจ")
    DISSATISFACTION = "dissatisfaction", _("ความไม่พึงพอใจ")
    PROFILE = "profile", _("ข้อมูลผู้ตอบ")


class Method(models.TextChoices):
    """How RM 3.1 is computed (chosen per plan)."""

    MEAN = "mean", _("ค่าเฉลี่ย ÷ คะแนนเต็ม × 100")
    TOP2 = "top2", _("ร้อยละของคำตอบในสองระดับบนสุด")


class ResponseSource(models.TextChoices):
    PUBLIC = "public", _("ตอบทางออนไลน์")
    ENTRY = "entry", _("บันทึกจากแบบสอบถามกระดาษ")
    IMPORT = "import", _("นำเข้าจากไฟล์")
    API = "api", _("ส่งผ่าน API")


# Value stored for a yes/no answer in the tallies.
YES, NO = 1, 0
