from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("ข้อร้องเรียน")
    SUGGESTION = "suggestion", _("ข้อเสนอแนะ")
    OPINION = "opinion", _("ข้อคิดเห็น")
    COMPLIMENT = "compliment", _("คำชมเชย")


class Status(models.TextChoices):
    RECEIVED = "received", _("รับเรื่อง")
    SCREENED = "screened", _("กลั่นกรองแล้ว")
    REJECTED = "rejected", _("ไม่รับพิจารณา (ข้อมูลไม่เพียงพอ)")
    ASSIGNED = "assigned", _("มอบหมายแล้ว")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    ANSWERED = "answered", _("แจ้งผลแล้ว")
    CLOSED = "closed", _("ปิดเรื่อง")


# The workflow: the only status changes allowed. Transfer, reopen and replies have their own services.
TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.SCREENED, Status.REJECTED},
    Status.SCREENED: {Status.ASSIGNED, Status.REJECTED},
    Status.ASSIGNED: {Status.IN_PROGRESS},
    Status.IN_PROGRESS: set(),  # leaves by a final reply (→ answered)
    Status.ANSWERED: {Status.CLOSED},
    Status.REJECTED: set(),
    Status.CLOSED: set(),  # leaves by reopening
}
OPEN_STATUSES = [Status.RECEIVED, Status.SCREENED, Status.ASSIGNED, Status.IN_PROGRESS]
# A final reply may be given from any open status: the clock stops at the reply, not at an internal step.
REPLYABLE_STATUSES = OPEN_STATUSES
TRANSFERABLE_STATUSES = OPEN_STATUSES
REOPENABLE_STATUSES = [Status.ANSWERED, Status.CLOSED]


class ReplyKind(models.TextChoices):
    INTERIM = "interim", _("แจ้งความคืบหน้า")
    FINAL = "final", _("แจ้งผลการดำเนินการ")


class ReplyMethod(models.TextChoices):
    LETTER = "letter", _("หนังสือ")
    PHONE = "phone", _("โทรศัพท์")
    EMAIL = "email", _("จดหมายอิเล็กทรอนิกส์")
    LINE = "line", _("LINE")
    IN_PERSON = "in_person", _("แจ้งด้วยตนเอง")


class Priority(models.TextChoices):
    """The executives' quarterly ranking (seed 001)."""

    HIGHEST = "highest", _("มากเป็นพิเศษ")
    HIGH = "high", _("มาก")
    MEDIUM = "medium", _("ปานกลาง")
    LOW = "low", _("น้อย")


class ImprovementPriority(models.TextChoices):
    """Priority of an improvement opportunity (seed 001 slide 14)."""

    LOW = "low", _("น้อย")
    MEDIUM = "medium", _("ปานกลาง")
    HIGH = "high", _("มาก")


class EventAction(models.TextChoices):
    CREATED = "created", _("รับเรื่อง")
    STATUS = "status", _("เปลี่ยนสถานะ")
    ASSIGNED = "assigned", _("มอบหมาย")
    TRANSFERRED = "transferred", _("โอนเรื่อง")
    REPLIED = "replied", _("แจ้งผู้ร้อง")
    REOPENED = "reopened", _("เปิดเรื่องใหม่")
    DEADLINE_MOVED = "deadline_moved", _("เลื่อนวันครบกำหนด")
    DUPLICATE = "duplicate", _("ทำเครื่องหมายเรื่องซ้ำ")
    PRIORITY = "priority", _("จัดลำดับความสำคัญ")
    NOTE = "note", _("บันทึก")


class SlaStatus(models.TextChoices):
    """Where a ticket stands against its deadline, as the register prints it (`selectors.with_sla`)."""

    ON_TIME = "on_time", _("แจ้งผลภายในกำหนด")
    LATE = "late", _("แจ้งผลเกินกำหนด")
    OPEN = "open", _("ยังไม่ครบกำหนด")
    OVERDUE = "overdue", _("เกินกำหนด (ยังไม่แจ้งผล)")
    NONE = "none", _("ไม่นับระยะเวลา")  # a compliment, a rejected ticket, a duplicate: no verdict to give


class ItaPeriod(models.TextChoices):
    """The periods of the ITA complaint-handling report (รายงานผลการดำเนินการจัดการเรื่องร้องเรียน)."""

    HALF = "half", _("รอบ 6 เดือน (ตุลาคม–มีนาคม)")
    YEAR = "year", _("รอบปีงบประมาณ (ตุลาคม–กันยายน)")
