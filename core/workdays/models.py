from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import DeadlineBasis, HolidayKind


class Holiday(models.Model):
    """A day on which Thai government offices are closed."""

    date = models.DateField(_("วันที่"), unique=True)
    name = models.CharField(_("ชื่อวันหยุด"), max_length=255)
    kind = models.CharField(_("ประเภท"), max_length=16, choices=HolidayKind.choices, default=HolidayKind.PUBLIC)
    source = models.CharField(
        _("ที่มา"), max_length=255, blank=True, help_text=_("เช่น มติคณะรัฐมนตรี วันที่ … หรือ ชุดข้อมูล holidays")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("วันหยุดราชการ")
        verbose_name_plural = _("วันหยุดราชการ")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class DeadlineRule(models.Model):
    """How a deadline is counted: N working days, or N calendar days rolled forward to a working day."""

    code = models.SlugField(_("รหัส"), max_length=32, unique=True)
    name = models.CharField(_("ชื่อเกณฑ์"), max_length=255)
    basis = models.CharField(_("นับเป็น"), max_length=16, choices=DeadlineBasis.choices,
                             default=DeadlineBasis.WORKING_DAYS)
    days = models.PositiveSmallIntegerField(_("จำนวนวัน"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("เกณฑ์ระยะเวลา")
        verbose_name_plural = _("เกณฑ์ระยะเวลา")
        constraints = [models.CheckConstraint(condition=models.Q(days__gte=1), name="deadline_rule_days_positive")]

    def __str__(self) -> str:
        return f"{self.name} ({self.days} {self.get_basis_display()})"
