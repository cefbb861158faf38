from django.db import models
from django.utils.translation import gettext_lazy as _

from core.workdays.choices import DeadlineBasis


class StandardUnit(models.TextChoices):
    """The unit of a service's standard time (ระยะเวลาแล้วเสร็จ) and of its steps' times."""

    MINUTES = "minutes", _("นาที (ในเวลาราชการ)")
    WORKING_DAYS = DeadlineBasis.WORKING_DAYS.value, _("วันทำการ")
    CALENDAR_DAYS = DeadlineBasis.CALENDAR_DAYS.value, _("วัน (ตามปฏิทิน)")


class ManualStatus(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    APPROVED = "approved", _("ผู้บริหารเห็นชอบแล้ว")
    PUBLISHED = "published", _("ประกาศใช้แล้ว")
    SUPERSEDED = "superseded", _("ถูกแทนที่ด้วยฉบับใหม่")


class PublicationMethod(models.TextChoices):
    """How a public manual was announced to the people it serves (seed 002: "ได้ประกาศหรือเผยแพร่ … โดยวิธี")."""

    WEBSITE = "website", _("เว็บไซต์ของหน่วยงาน")
    NOTICE_BOARD = "notice_board", _("ป้ายประกาศ/บอร์ดประชาสัมพันธ์")
    LINE = "line", _("LINE")
    FACEBOOK = "facebook", _("Facebook")
    BOOKLET = "booklet", _("เอกสาร/แผ่นพับ/รูปเล่ม")
    SERVICE_POINT = "service_point", _("ณ จุดให้บริการ")
    OTHER = "other", _("อื่น ๆ")


class Verdict(models.TextChoices):
    """A service record against its standard (the records list filter)."""

    MET = "met", _("ทันตามมาตรฐาน")
    LATE = "late", _("เกินมาตรฐาน")
    OPEN = "open", _("ยังไม่แล้วเสร็จ")
