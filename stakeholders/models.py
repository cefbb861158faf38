from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.offices.models import Office

from .choices import Criterion, GroupKind


class StakeholderGroup(models.Model):
    """A customer or stakeholder group of an office, as its profile (customer profile) describes it.

    A province's groups are its districts' groups too; a district may add its own. A group is switched off, never
    deleted: surveys, channels and networks of past years name it.
    """

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("ประเภทกลุ่ม"), max_length=16, choices=GroupKind.choices)
    name = models.CharField(_("ชื่อกลุ่ม"), max_length=255)
    criteria = models.CharField(_("หลักเกณฑ์การจำแนกกลุ่ม"), max_length=16, choices=Criterion.choices,
                                default=Criterion.MISSION)
    needs = models.TextField(_("ความต้องการ"), blank=True)
    expectations = models.TextField(_("ความคาดหวัง"), blank=True)
    rank = models.PositiveSmallIntegerField(_("ลำดับความสำคัญ"), default=1,
                                            help_text=_("1 = สำคัญที่สุด ในกลุ่มประเภทเดียวกันของหน่วยงาน"))
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "rank", "name"]
        verbose_name = _("กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย")
        verbose_name_plural = _("กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย")
        constraints = [
            models.UniqueConstraint(fields=["office", "kind", "name"], name="one_group_name_per_office_and_kind",
                                    violation_error_message=_("หน่วยงานนี้มีกลุ่มประเภทนี้ชื่อนี้แล้ว")),
            models.CheckConstraint(condition=Q(rank__gte=1), name="group_rank_from_1",
                                   violation_error_message=_("ลำดับความสำคัญเริ่มที่ 1")),
        ]

    def __str__(self) -> str:
        return self.name


class Mission(models.Model):
    """A mission (พันธกิจ) of an office in a fiscal year, and the groups it serves or affects."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    title = models.TextField(_("พันธกิจ"))
    groups = models.ManyToManyField(StakeholderGroup, verbose_name=_("กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย"),
                                    blank=True, related_name="missions")
    history = HistoricalRecords(m2m_fields=[groups])

    class Meta:
        ordering = ["office", "-fiscal_year", "order", "id"]
        verbose_name = _("พันธกิจ")
        verbose_name_plural = _("พันธกิจ")

    def __str__(self) -> str:
        return self.title


class DutyRow(models.Model):
    """A row of the customer and stakeholder analysis table (seed 001: ตารางการวิเคราะห์ผู้รับบริการและผู้มีส่วนได้
    ส่วนเสีย): where a duty comes from, the process and product it makes, and the groups it serves and affects."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    ministerial_duty = models.TextField(_("หน้าที่ตามกฎกระทรวง"), blank=True)
    other_law_duty = models.TextField(_("หน้าที่ตามกฎหมายอื่นๆ"), blank=True)
    missions = models.ManyToManyField(Mission, verbose_name=_("พันธกิจตามวิสัยทัศน์"), blank=True,
                                      related_name="duty_rows")
    other_task = models.TextField(_("ภารกิจอื่นๆ ที่ได้รับมอบหมาย"), blank=True)
    process = models.TextField(_("กระบวนการ"), blank=True)
    products = models.TextField(_("สินค้า/บริการที่ให้"), blank=True)
    groups = models.ManyToManyField(StakeholderGroup, verbose_name=_("ผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย"),
                                    blank=True, related_name="duty_rows")
    history = HistoricalRecords(m2m_fields=[missions, groups])

    class Meta:
        ordering = ["office", "-fiscal_year", "order", "id"]
        verbose_name = _("แถวตารางการวิเคราะห์ผู้รับบริการและผู้มีส่วนได้ส่วนเสีย")
        verbose_name_plural = _("ตารางการวิเคราะห์ผู้รับบริการและผู้มีส่วนได้ส่วนเสีย")


class Sipoc(models.Model):
    """The SIPOC of one process (seed 004): suppliers, inputs, process steps, outputs, customers. Each column is a
    list, one entry per line, as the seed numbers them; the customers column also links the groups it names."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("กระบวนการ"), max_length=255)
    unit = models.CharField(_("หน่วยงานที่รับผิดชอบ"), max_length=255, blank=True)
    suppliers = models.TextField(_("ผู้ส่งมอบ (S)"), blank=True)
    inputs = models.TextField(_("ปัจจัยนำเข้า (I)"), blank=True)
    steps = models.TextField(_("กระบวนการ (P)"), blank=True)
    outputs = models.TextField(_("ผลผลิต (O)"), blank=True)
    customers = models.TextField(_("ผู้รับบริการ (C)"), blank=True)
    groups = models.ManyToManyField(StakeholderGroup, verbose_name=_("กลุ่มที่เชื่อมโยง"), blank=True,
                                    related_name="sipocs")
    history = HistoricalRecords(m2m_fields=[groups])

    class Meta:
        ordering = ["office", "title", "id"]
        verbose_name = _("SIPOC")
        verbose_name_plural = _("SIPOC")

    def __str__(self) -> str:
        return self.title

    @property
    def columns(self) -> list[list[str]]:
        """The five columns, each as its entries: one per non-empty line, as written (numbers and all)."""
        return [[line.strip() for line in text.splitlines() if line.strip()]
                for text in (self.suppliers, self.inputs, self.steps, self.outputs, self.customers)]


class Review(models.Model):
    """A dated review of the groups (การทบทวน): who took part and what changed."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField(_("วันที่ทบทวน"))
    participants = models.TextField(_("ผู้เข้าร่วมทบทวน"))
    changes = models.TextField(_("สิ่งที่เปลี่ยนแปลง"))
    recorded_by = models.ForeignKey("offices.User", verbose_name=_("ผู้บันทึก"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["office", "-reviewed_on", "-id"]
        verbose_name = _("การทบทวนกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย")
        verbose_name_plural = _("การทบทวนกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย")
