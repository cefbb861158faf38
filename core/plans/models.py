from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.offices.models import Office

from .choices import CS, Direction, IndicatorSource, Metric, StepStatus


class ActionPlan(models.Model):
    """The plan of one CS for one office and fiscal year: objective (A1), indicators and steps (A2)."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="plans")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    cs = models.PositiveSmallIntegerField(_("กระบวนการ"), choices=CS.choices)
    title = models.CharField(_("ชื่อกระบวนการ"), max_length=500)
    objective = models.TextField(_("วัตถุประสงค์ (A1)"))
    definitions = models.TextField(_("คำนิยาม / แนวทาง"), blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-fiscal_year", "office__code", "cs"]
        verbose_name = _("แผนปฏิบัติการ")
        verbose_name_plural = _("แผนปฏิบัติการ")
        constraints = [
            models.UniqueConstraint(fields=["office", "fiscal_year", "cs"], name="one_plan_per_office_year_cs"),
            models.CheckConstraint(condition=models.Q(cs__gte=1, cs__lte=7), name="plan_cs_1_to_7"),
            models.CheckConstraint(condition=models.Q(fiscal_year__gte=2500), name="plan_fiscal_year_is_be"),
        ]

    def __str__(self) -> str:
        return f"CS{self.cs} {self.office} ปีงบประมาณ {self.fiscal_year}"

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    @property
    def cs_code(self) -> str:
        return f"CS{self.cs}"


class Indicator(models.Model):
    """A lagging indicator (RM 3.x) of a plan, with its target and five-level scoring ladder."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    code = models.CharField(_("รหัสตัวชี้วัด"), max_length=32, blank=True, help_text=_("เช่น RM 3.1"))
    name = models.CharField(_("ตัวชี้วัด"), max_length=500)
    unit = models.CharField(_("หน่วยนับ"), max_length=64, default="ร้อยละ")
    target = models.DecimalField(_("ค่าเป้าหมาย"), max_digits=12, decimal_places=2, null=True, blank=True)
    direction = models.CharField(_("ทิศทาง"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    level_1 = models.DecimalField(_("เกณฑ์คะแนน 1"), max_digits=12, decimal_places=2, null=True, blank=True)
    level_2 = models.DecimalField(_("เกณฑ์คะแนน 2"), max_digits=12, decimal_places=2, null=True, blank=True)
    level_3 = models.DecimalField(_("เกณฑ์คะแนน 3"), max_digits=12, decimal_places=2, null=True, blank=True)
    level_4 = models.DecimalField(_("เกณฑ์คะแนน 4"), max_digits=12, decimal_places=2, null=True, blank=True)
    level_5 = models.DecimalField(_("เกณฑ์คะแนน 5"), max_digits=12, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("ที่มาของผล"), max_length=8, choices=IndicatorSource.choices,
                              default=IndicatorSource.MANUAL)
    metric = models.CharField(_("ตัวชี้วัดที่คำนวณจากระบบ"), max_length=32, choices=Metric.choices, blank=True)
    computed_result = models.DecimalField(_("ผลที่คำนวณได้"), max_digits=12, decimal_places=2, null=True,
                                          blank=True, editable=False)
    computed_at = models.DateTimeField(_("คำนวณเมื่อ"), null=True, blank=True, editable=False)
    manual_result = models.DecimalField(_("ผลการดำเนินงาน (บันทึกด้วยมือ)"), max_digits=12, decimal_places=2,
                                        null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def result(self):
        """The computed value for a computed indicator, otherwise the value entered by hand."""
        return self.computed_result if self.source == IndicatorSource.COMPUTED else self.manual_result

    @property
    def ladder(self) -> list:
        return [self.level_1, self.level_2, self.level_3, self.level_4, self.level_5]


class Step(models.Model):
    """One activity of a plan (A2) as the seed table lists it, plus what paper cannot hold: progress and dates."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    activity = models.TextField(_("กิจกรรม/ขั้นตอน (A2)"))
    duration = models.CharField(_("ระยะเวลา"), max_length=64, blank=True)
    planned_start = models.DateField(_("เริ่มต้น"), help_text=_("เดือนที่เริ่ม (วันที่ 1 ของเดือน)"))
    planned_end = models.DateField(_("สิ้นสุด"), help_text=_("เดือนที่สิ้นสุด (วันที่ 1 ของเดือน)"))
    output = models.TextField(_("ผลผลิต – ค่าเป้าหมาย (Leading Indicator)"), blank=True)
    owner = models.CharField(_("ผู้รับผิดชอบ"), max_length=255, blank=True)
    related_parties = models.TextField(_("ผู้เกี่ยวข้อง"), blank=True)
    budget = models.DecimalField(_("งบประมาณ (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True)
    area = models.CharField(_("พื้นที่/หน่วยดำเนินการ"), max_length=255, blank=True)
    status = models.CharField(_("สถานะ"), max_length=16, choices=StepStatus.choices, default=StepStatus.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(_("ความก้าวหน้า (%)"), default=0,
                                                validators=[MaxValueValidator(100)])
    actual_start = models.DateField(_("เริ่มจริง"), null=True, blank=True)
    actual_end = models.DateField(_("เสร็จจริง"), null=True, blank=True)
    note = models.TextField(_("หมายเหตุ"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("กิจกรรม/ขั้นตอน")
        verbose_name_plural = _("กิจกรรม/ขั้นตอน")
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="step_order_unique_in_plan"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="step_progress_at_most_100"),
            models.CheckConstraint(condition=models.Q(planned_end__gte=models.F("planned_start")),
                                   name="step_planned_end_after_start"),
            models.CheckConstraint(
                condition=models.Q(actual_end__isnull=True) | models.Q(actual_start__isnull=True)
                | models.Q(actual_end__gte=models.F("actual_start")),
                name="step_actual_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.activity[:60]}"


class StepPeriod(models.Model):
    """One planned run of months of a step: a step may recur (seed 004 marks a quarterly review in ต.ค., ม.ค., เม.ย.
    and ก.ค.). A step's periods lie in its plan's fiscal year and do not overlap; the step's planned_start and
    planned_end are the first start and the last end (core.plans.services.step_periods_set keeps them so).

    A row per period rather than a JSON list on the step: the lateness rule (selectors.steps_late) counts the ended
    periods in the database, one query for any number of steps, on SQLite and PostgreSQL alike; the database itself
    keeps end ≥ start and one period per start month; and each change is in the history, as the step's are."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("เดือนที่เริ่ม"), help_text=_("วันที่ 1 ของเดือน"))
    end = models.DateField(_("เดือนที่สิ้นสุด"), help_text=_("วันที่ 1 ของเดือน"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["step", "start"]
        verbose_name = _("ช่วงเวลาตามแผน")
        verbose_name_plural = _("ช่วงเวลาตามแผน")
        constraints = [
            models.UniqueConstraint(fields=["step", "start"], name="step_period_start_unique"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="step_period_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m}–{self.end:%Y-%m}"


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.plan.office.code}/{instance.plan.fiscal_year}/cs{instance.plan.cs}/{filename}"


class Evidence(models.Model):
    """A file that proves a plan or one of its steps was carried out (หลักฐาน)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="evidence")
    step = models.ForeignKey(Step, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence",
                             verbose_name=_("กิจกรรม/ขั้นตอน"))
    title = models.CharField(_("ชื่อหลักฐาน"), max_length=255)
    file = models.FileField(_("ไฟล์"), upload_to=evidence_upload_to, max_length=500)
    content_type = models.CharField(max_length=128, blank=True)
    size = models.PositiveIntegerField(_("ขนาด (ไบต์)"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("ผู้อัปโหลด"))
    uploaded_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:evidence-download", args=[self.pk])
