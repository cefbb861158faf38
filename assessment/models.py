from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.offices.models import Office
from core.plans.models import ActionPlan, Evidence, Indicator

from .choices import LinkKind, Register, Status
from .items import ITEM_CODES, TABLE_NUMBERS


class Assessment(models.Model):
    """An office's PMQA 4.0 Category 3 self-assessment for one fiscal year (seed 003): one answer per item."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "-fiscal_year"]
        verbose_name = _("การประเมินตนเอง PMQA 4.0")
        verbose_name_plural = _("การประเมินตนเอง PMQA 4.0")
        constraints = [
            models.UniqueConstraint(fields=["office", "fiscal_year"], name="one_assessment_per_office_and_year"),
            models.CheckConstraint(condition=Q(fiscal_year__gte=2500), name="assessment_fiscal_year_is_be"),
        ]

    def __str__(self) -> str:
        return f"PMQA 4.0 {self.office} ปีงบประมาณ {self.fiscal_year}"


class Answer(models.Model):
    """One item of the form (3.1.1 … 3.4.5): its status and the details the office writes."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(_("หัวข้อ"), max_length=8, choices=[(code, code) for code in ITEM_CODES])
    status = models.CharField(_("สถานะ"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    details = models.TextField(_("รายละเอียด"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "item"]
        verbose_name = _("คำตอบรายหัวข้อ")
        verbose_name_plural = _("คำตอบรายหัวข้อ")
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="assessment_one_answer_per_item")]

    def __str__(self) -> str:
        return f"{self.item} {self.get_status_display()}"


class EvidenceLink(models.Model):
    """Evidence held in the system that an answer cites: a plan, a plan's evidence file, or a register (a page).
    Typed, never a free URL: it opens what it names, for whoever may see it."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("ประเภทหลักฐาน"), max_length=16, choices=LinkKind.choices)
    plan = models.ForeignKey(ActionPlan, verbose_name=_("แผนปฏิบัติการ"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    evidence = models.ForeignKey(Evidence, verbose_name=_("ไฟล์หลักฐาน"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+")
    register = models.CharField(_("ทะเบียน"), max_length=32, choices=Register.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["answer", "kind", "pk"]
        verbose_name = _("หลักฐานอ้างอิง")
        verbose_name_plural = _("หลักฐานอ้างอิง")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=LinkKind.PLAN, plan__isnull=False, evidence__isnull=True, register="")
                           | Q(kind=LinkKind.FILE, plan__isnull=True, evidence__isnull=False, register="")
                           | Q(kind=LinkKind.REGISTER, plan__isnull=True, evidence__isnull=True) & ~Q(register="")),
                name="evidence_link_names_one_target_of_its_kind"),
        ]

    def __str__(self) -> str:
        if self.kind == LinkKind.PLAN:
            return str(self.plan)
        if self.kind == LinkKind.FILE:
            return str(self.evidence)
        return self.get_register_display()


class TableChoice(models.Model):
    """The committee's choice of the 7.2 table an indicator of the year's plans goes in (0: none). An indicator
    without a choice goes where `selectors.default_table` puts it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="table_choices")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    table = models.PositiveSmallIntegerField(_("ตาราง"), choices=[(0, _("ไม่แสดง"))]
                                             + [(n, str(n)) for n in TABLE_NUMBERS])
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "table", "indicator"]
        verbose_name = _("การจัดตัวชี้วัดลงตาราง 7.2")
        verbose_name_plural = _("การจัดตัวชี้วัดลงตาราง 7.2")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="one_table_choice_per_indicator"),
            models.CheckConstraint(condition=Q(table__gte=0, table__lte=5), name="table_choice_0_to_5"),
        ]
