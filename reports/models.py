"""What the reports layer keeps of its own: the quarterly executive summaries, frozen as published."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.offices.models import Office


class SummaryStatus(models.TextChoices):
    PENDING = "pending", _("รอจัดทำ")
    RENDERING = "rendering", _("กำลังจัดทำ")
    READY = "ready", _("พร้อมแล้ว")
    FAILED = "failed", _("จัดทำไม่สำเร็จ")


class QuarterlySummary(models.Model):
    """One version of an office's executive summary of a fiscal quarter: its figures and PDF as they were made."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("หน่วยงาน"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    quarter = models.PositiveSmallIntegerField(_("ไตรมาส"))
    # 1 is the one the quarterly job makes; the committee's regenerations add 2, 3 … and never touch the earlier.
    version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    # `reports.executive.quarter_figures` as it answered when the summary was made: the PDF and every later reading
    # of the summary use these, never the live data.
    figures = models.JSONField(_("ตัวเลขที่บันทึกไว้"), default=dict, blank=True)
    pdf = models.FileField(_("ไฟล์ PDF"), upload_to="summaries/%Y/", blank=True)
    status = models.CharField(_("สถานะ"), max_length=16, choices=SummaryStatus.choices,
                              default=SummaryStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("ความคืบหน้า (ร้อยละ)"), default=0)
    error = models.TextField(_("ข้อผิดพลาด"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("ผู้สั่งจัดทำ"))
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    ready_at = models.DateTimeField(_("จัดทำเสร็จเมื่อ"), null=True, blank=True)
    sent_at = models.DateTimeField(_("ส่งถึงผู้บริหารเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("สรุปผลสำหรับผู้บริหารรายไตรมาส")
        verbose_name_plural = _("สรุปผลสำหรับผู้บริหารรายไตรมาส")
        ordering = ["-fiscal_year", "-quarter", "office__path", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["office", "fiscal_year", "quarter", "version"],
                                    name="one_summary_version_per_office_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="summary_quarter_1_to_4"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="summary_progress_at_most_100"),
            models.CheckConstraint(condition=Q(version__gte=1), name="summary_version_from_1"),
        ]

    def __str__(self):
        return f"{self.office} ไตรมาส {self.quarter}/{self.fiscal_year} ฉบับที่ {self.version}"

    @property
    def period_code(self) -> str:
        return f"{self.fiscal_year}Q{self.quarter}"


class SummaryDelivery(models.Model):
    """One summary sent to one executive: running the job again sends nothing twice."""

    summary = models.ForeignKey(QuarterlySummary, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["summary", "recipient"], name="one_delivery_per_summary")]

    def __str__(self):
        return f"{self.summary} → {self.recipient_id}"


class PackStatus(models.TextChoices):
    QUEUED = "queued", _("รอคิว")
    RUNNING = "running", _("กำลังจัดทำ")
    DONE = "done", _("พร้อมดาวน์โหลด")
    FAILED = "failed", _("จัดทำไม่สำเร็จ")


class EvidencePack(models.Model):
    """One version of an office's evidence pack for the assessors (one CS, or CS1–CS7 when `cs` is empty): the PDF
    (cover, contents, per CS the ADLI checklist, plans, tables and evidence) and the ZIP of the original files.

    A rebuild is a new version; earlier versions stay as they were made (`reports.packs`)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("หน่วยงาน"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    cs = models.PositiveSmallIntegerField(_("กระบวนการ"), null=True, blank=True)  # None: CS1–CS7
    version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    status = models.CharField(_("สถานะ"), max_length=16, choices=PackStatus.choices, default=PackStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("ความคืบหน้า (ร้อยละ)"), default=0)
    stage = models.CharField(_("ขั้นตอน"), max_length=200, blank=True)
    pdf = models.FileField(_("ไฟล์ PDF"), upload_to="packs/%Y/", blank=True, max_length=300)
    zip = models.FileField(_("ไฟล์ ZIP"), upload_to="packs/%Y/", blank=True, max_length=300)
    page_count = models.PositiveIntegerField(_("จำนวนหน้า"), default=0)
    error = models.TextField(_("ข้อผิดพลาด"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("ผู้สั่งจัดทำ"))
    created_at = models.DateTimeField(_("สั่งจัดทำเมื่อ"), auto_now_add=True)
    started_at = models.DateTimeField(_("เริ่มจัดทำเมื่อ"), null=True, blank=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("ชุดหลักฐานสำหรับผู้ตรวจประเมิน")
        verbose_name_plural = _("ชุดหลักฐานสำหรับผู้ตรวจประเมิน")
        ordering = ["-fiscal_year", "office__path", "cs", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["office", "fiscal_year", "cs", "version"],
                                    name="one_pack_version_per_office_year_cs"),
            # NULL never equals NULL in a unique index: the all-CS packs get their own.
            models.UniqueConstraint(fields=["office", "fiscal_year", "version"], condition=Q(cs__isnull=True),
                                    name="one_all_cs_pack_version_per_office_year"),
            models.CheckConstraint(condition=Q(cs__isnull=True) | Q(cs__gte=1, cs__lte=7), name="pack_cs_1_to_7"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="pack_progress_at_most_100"),
            models.CheckConstraint(condition=Q(version__gte=1), name="pack_version_from_1"),
        ]

    def __str__(self):
        return f"{self.office} {self.scope_label} ปีงบประมาณ {self.fiscal_year} ฉบับที่ {self.version}"

    @property
    def scope_label(self) -> str:
        return f"CS{self.cs}" if self.cs else "CS1–CS7"

    @property
    def working(self) -> bool:
        return self.status in (PackStatus.QUEUED, PackStatus.RUNNING)

    @property
    def file_stem(self) -> str:
        part = f"cs{self.cs}" if self.cs else "cs1-7"
        return f"pack-{self.office.code}-{self.fiscal_year}-{part}-v{self.version}"
