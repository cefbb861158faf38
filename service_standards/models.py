"""CS7 registers: the services an office gives with their standard time and steps (the service chart), the public
manual of each service (versions, approval, publication), the staff work manuals, the service records checked
against the standard (RM 3.5), and the checks that the manuals are used (observation, supervisor rating, audit).

A service belongs to the office that defines it and is used by that office's subtree, as CS1 groups are: a
department seeds its services, its provinces and districts adopt them (`selectors.services_for_office`).
"""
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from channels.models import Channel
from core.offices.models import Office
from stakeholders.models import StakeholderGroup

from .choices import ActionStatus, CheckKind, ManualStatus, PublicationMethod, StandardUnit


class Service(models.Model):
    """A service (งานบริการ) and its standard (มาตรฐานการให้บริการ): how long it takes, in minutes, working days or
    calendar days, counted by the rule complaints use."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("ชื่องานบริการ"), max_length=255)
    mission = models.TextField(_("กฎหมาย/ภารกิจที่เกี่ยวข้อง"), blank=True)
    groups = models.ManyToManyField(StakeholderGroup, verbose_name=_("กลุ่มผู้รับบริการ"), blank=True,
                                    related_name="services")
    channels = models.ManyToManyField(Channel, verbose_name=_("ช่องทางการให้บริการ"), blank=True, related_name="+")
    where_to_apply = models.TextField(_("สถานที่/ช่องทางการยื่นคำขอ"), blank=True)
    documents = models.TextField(_("เอกสารหลักฐานประกอบ"), blank=True)
    fees = models.TextField(_("ค่าธรรมเนียม"), blank=True)
    complaint_channel = models.TextField(_("ช่องทางการร้องเรียน"), blank=True)
    standard_amount = models.PositiveIntegerField(_("ระยะเวลาแล้วเสร็จตามมาตรฐาน"))
    standard_unit = models.CharField(_("หน่วยของระยะเวลา"), max_length=16, choices=StandardUnit.choices)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[groups])

    class Meta:
        ordering = ["office", "name"]
        verbose_name = _("งานบริการ")
        verbose_name_plural = _("งานบริการ")
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="one_service_name_per_office"),
            models.CheckConstraint(condition=Q(standard_amount__gte=1), name="service_standard_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def in_minutes(self) -> bool:
        return self.standard_unit == StandardUnit.MINUTES

    @property
    def standard_label(self) -> str:
        return f"{self.standard_amount} {self.get_standard_unit_display()}"


class ServiceStep(models.Model):
    """A step of the service chart (แผนผังขั้นตอนการให้บริการ): its time in the service's unit and who does it."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    name = models.CharField(_("ขั้นตอน"), max_length=255)
    amount = models.PositiveIntegerField(_("ระยะเวลา"))
    responsible_unit = models.CharField(_("ผู้รับผิดชอบ"), max_length=255, blank=True)

    class Meta:
        ordering = ["service", "order"]
        verbose_name = _("ขั้นตอนการให้บริการ")
        verbose_name_plural = _("ขั้นตอนการให้บริการ")
        constraints = [models.UniqueConstraint(fields=["service", "order"], name="one_step_per_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class PublicManual(models.Model):
    """One version of a service's manual for the public (คู่มือสำหรับประชาชน, พ.ร.บ.การอำนวยความสะดวกฯ 2558): drafted,
    approved by an executive, published. A newer published version supersedes it; it is kept."""

    service = models.ForeignKey(Service, verbose_name=_("งานบริการ"), on_delete=models.PROTECT, related_name="manuals")
    version = models.PositiveSmallIntegerField(_("ฉบับที่"))
    title = models.CharField(_("ชื่อคู่มือ"), max_length=255)
    body = models.TextField(_("เนื้อหาคู่มือ"), blank=True,
                            help_text=_("หลักเกณฑ์ วิธีการ เงื่อนไข และรายละเอียดอื่นที่ประชาชนควรทราบ"))
    status = models.CharField(_("สถานะ"), max_length=16, choices=ManualStatus.choices, default=ManualStatus.DRAFT)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    drafted_at = models.DateTimeField(auto_now_add=True)
    approver_name = models.CharField(_("ผู้บริหารผู้เห็นชอบ"), max_length=255, blank=True)
    approver_position = models.CharField(_("ตำแหน่งผู้เห็นชอบ"), max_length=255, blank=True)
    approved_on = models.DateField(_("วันที่เห็นชอบ"), null=True, blank=True)
    approval_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.SET_NULL, related_name="+")
    superseded_on = models.DateField(_("วันที่ถูกแทนที่"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "-version"]
        verbose_name = _("คู่มือสำหรับประชาชน")
        verbose_name_plural = _("คู่มือสำหรับประชาชน")
        constraints = [
            models.UniqueConstraint(fields=["service", "version"], name="one_manual_per_version"),
            models.UniqueConstraint(fields=["service"], condition=Q(status=ManualStatus.PUBLISHED),
                                    name="one_published_manual_per_service"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (ฉบับที่ {self.version})"


class ManualPublication(models.Model):
    """One occasion a manual was announced, and how (seed 002, item 2)."""

    manual = models.ForeignKey(PublicManual, on_delete=models.CASCADE, related_name="publications")
    method = models.CharField(_("วิธีการเผยแพร่"), max_length=16, choices=PublicationMethod.choices)
    published_on = models.DateField(_("วันที่เผยแพร่"))
    detail = models.CharField(_("รายละเอียด"), max_length=255, blank=True,
                              help_text=_("เช่น ที่อยู่เว็บไซต์ ป้ายประกาศหน้าสำนักงาน จำนวนเล่มที่พิมพ์"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["manual", "published_on", "pk"]
        verbose_name = _("การเผยแพร่คู่มือ")
        verbose_name_plural = _("การเผยแพร่คู่มือ")

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.published_on}"


class StaffManual(models.Model):
    """A staff work manual (คู่มือการปฏิบัติงานของบุคลากร) of a service; its files are its versions."""

    service = models.ForeignKey(Service, verbose_name=_("งานบริการ"), on_delete=models.PROTECT,
                                related_name="staff_manuals")
    title = models.CharField(_("ชื่อคู่มือการปฏิบัติงาน"), max_length=255)
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "title"]
        verbose_name = _("คู่มือการปฏิบัติงานของบุคลากร")
        verbose_name_plural = _("คู่มือการปฏิบัติงานของบุคลากร")
        constraints = [models.UniqueConstraint(fields=["service", "title"], name="one_staff_manual_title")]

    def __str__(self) -> str:
        return self.title


class StaffManualVersion(models.Model):
    """A file of a staff manual, checked by its bytes, and who approved it when."""

    manual = models.ForeignKey(StaffManual, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField(_("ฉบับที่"))
    file = models.FileField(_("ไฟล์คู่มือ"), upload_to="service_standards/staff/%Y/", max_length=500)
    file_name = models.CharField(max_length=255, blank=True)
    file_type = models.CharField(max_length=128, blank=True)
    note = models.CharField(_("สิ่งที่ปรับปรุง"), max_length=255, blank=True)
    approver_name = models.CharField(_("ผู้อนุมัติ"), max_length=255, blank=True)
    approved_on = models.DateField(_("วันที่อนุมัติ"), null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["manual", "-version"]
        verbose_name = _("ฉบับของคู่มือการปฏิบัติงาน")
        verbose_name_plural = _("ฉบับของคู่มือการปฏิบัติงาน")
        constraints = [models.UniqueConstraint(fields=["manual", "version"], name="one_staff_manual_version")]

    def __str__(self) -> str:
        return f"{self.manual} (ฉบับที่ {self.version})"


class ServiceRecord(models.Model):
    """One service delivered (ทะเบียนการให้บริการ), keyed by the office's own reference, checked against the standard.

    `due_on` (and `due_at` for a minute standard) and `met` are written by `services` from the one deadline function
    of `core.workdays.calendar`; a holiday added later moves the due dates of open records
    (`services.open_records_recompute`). `met` is None while the record is open. A minute standard keeps times
    (`received_at`, `completed_at`); `received_on` and `completed_on` are their local dates, so every count reads
    the dates alone."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, verbose_name=_("งานบริการ"), on_delete=models.PROTECT, related_name="records")
    reference = models.CharField(_("เลขที่อ้างอิง"), max_length=64)
    received_on = models.DateField(_("วันที่รับคำขอ"))
    received_at = models.DateTimeField(_("วันเวลาที่รับคำขอ"), null=True, blank=True)
    completed_on = models.DateField(_("วันที่แล้วเสร็จ"), null=True, blank=True)
    completed_at = models.DateTimeField(_("วันเวลาที่แล้วเสร็จ"), null=True, blank=True)
    step = models.ForeignKey(ServiceStep, verbose_name=_("ขั้นตอนปัจจุบัน"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField(_("วันครบกำหนด"))
    due_at = models.DateTimeField(_("เวลาครบกำหนด"), null=True, blank=True)
    met = models.BooleanField(_("ทันตามมาตรฐาน"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("บันทึกการให้บริการ")
        verbose_name_plural = _("บันทึกการให้บริการ")
        constraints = [
            models.UniqueConstraint(fields=["office", "service", "reference"], name="one_record_per_reference"),
            models.CheckConstraint(condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("received_on")),
                                   name="record_completed_after_received"),
            models.CheckConstraint(condition=Q(completed_on__isnull=True, met__isnull=True)
                                   | Q(completed_on__isnull=False, met__isnull=False), name="record_verdict_when_done"),
        ]
        indexes = [
            models.Index(fields=["office", "completed_on"], name="record_office_completed"),
            models.Index(fields=["service", "completed_on"], name="record_service_completed"),
            models.Index(fields=["due_on"], condition=Q(completed_on__isnull=True), name="record_open_due"),
        ]

    def __str__(self) -> str:
        return self.reference


class UsageCheck(models.Model):
    """A check that an office works by a service's manuals (seed 001 CS7): an observation visit, a supervisor's rating
    or an internal audit finding, with the corrective action it called for and where that stands. The office checked
    is the service's own or one below it (`services.check_save`)."""

    service = models.ForeignKey(Service, verbose_name=_("งานบริการ"), on_delete=models.PROTECT,
                                related_name="usage_checks")
    office = models.ForeignKey(Office, verbose_name=_("หน่วยงานที่ตรวจ"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("วิธีการตรวจสอบ"), max_length=24, choices=CheckKind.choices)
    checked_on = models.DateField(_("วันที่ตรวจ"))
    checker_name = models.CharField(_("ผู้ตรวจ/ผู้ประเมิน"), max_length=255)
    checker_position = models.CharField(_("ตำแหน่ง"), max_length=255, blank=True)
    finding = models.TextField(_("ผลการตรวจ/ข้อค้นพบ"))
    rating = models.PositiveSmallIntegerField(_("ระดับคะแนน (1–5)"), null=True, blank=True)
    corrective_action = models.TextField(_("การแก้ไข/ปรับปรุง"), blank=True)
    action_status = models.CharField(_("สถานะการแก้ไข"), max_length=16, choices=ActionStatus.choices,
                                     default=ActionStatus.NONE_NEEDED)
    action_due_on = models.DateField(_("กำหนดแก้ไขเสร็จ"), null=True, blank=True)
    action_done_on = models.DateField(_("วันที่แก้ไขเสร็จ"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-checked_on", "-pk"]
        verbose_name = _("การตรวจสอบการใช้คู่มือ")
        verbose_name_plural = _("การตรวจสอบการใช้คู่มือ")
        constraints = [
            models.CheckConstraint(condition=Q(kind=CheckKind.SUPERVISOR_RATING, rating__gte=1, rating__lte=5)
                                   | (~Q(kind=CheckKind.SUPERVISOR_RATING) & Q(rating__isnull=True)),
                                   name="check_rating_only_for_supervisors"),
            models.CheckConstraint(condition=Q(action_status=ActionStatus.DONE, action_done_on__isnull=False)
                                   | (~Q(action_status=ActionStatus.DONE) & Q(action_done_on__isnull=True)),
                                   name="check_done_on_when_done"),
        ]
        indexes = [
            models.Index(fields=["office", "checked_on"], name="check_office_checked"),
            models.Index(fields=["service", "checked_on"], name="check_service_checked"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.service} ({self.checked_on})"
