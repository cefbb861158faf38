from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.fiscal import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from core.offices.models import Office
from stakeholders.models import StakeholderGroup

from .choices import ChannelKind, Direction, ImprovementSource

__all__ = ["Channel", "ChannelKind", "ChannelReview", "ChannelUsage", "Direction", "GroupChannel", "HeardImprovement",
           "InformationType"]


class Channel(models.Model):
    """A listening channel (ช่องทาง) through which people reach an office.

    A channel without an office is national: every office uses it, and complaints take a ticket's channel from these
    (by `code`, which never changes). An office may add its own, which its subtree sees and nobody else.
    """

    code = models.SlugField(_("รหัสช่องทาง"), max_length=32, unique=True)
    name = models.CharField(_("ชื่อช่องทาง"), max_length=255)
    kind = models.CharField(_("ประเภทช่องทาง"), max_length=16, choices=ChannelKind.choices, default=ChannelKind.OTHER)
    direction = models.CharField(_("ลักษณะ"), max_length=16, choices=Direction.choices, default=Direction.REACTIVE)
    office = models.ForeignKey(Office, verbose_name=_("หน่วยงานเจ้าของช่องทาง"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               help_text=_("ว่างไว้ = ช่องทางระดับประเทศที่ทุกหน่วยงานใช้"))
    owner = models.CharField(_("ผู้รับผิดชอบ"), max_length=255, blank=True)
    active_from = models.DateField(_("เริ่มใช้"), null=True, blank=True)
    active_to = models.DateField(_("เลิกใช้"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("ช่องทาง")
        verbose_name_plural = _("ช่องทาง")
        constraints = [models.CheckConstraint(condition=Q(active_to__isnull=True) | Q(active_from__isnull=True)
                                              | Q(active_to__gte=F("active_from")), name="channel_active_dates")]

    def __str__(self) -> str:
        return self.name


class GroupChannel(models.Model):
    """A row of table CS2-1 (seed 001): a group an office listens to through a channel, why that channel, how what
    it hears is analysed, what was found, and who answers for it."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(StakeholderGroup, verbose_name=_("กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย"),
                              on_delete=models.PROTECT, related_name="+")
    channel = models.ForeignKey(Channel, verbose_name=_("ช่องทางในการรับฟังความต้องการ"), on_delete=models.PROTECT,
                                related_name="+")
    reason = models.TextField(_("เหตุผลในการเลือกช่องทาง"), blank=True)
    analysis_method = models.TextField(_("วิธีวิเคราะห์ข้อมูลความต้องการ"), blank=True)
    finding = models.TextField(_("ผลการวิเคราะห์ข้อมูลความต้องการ"), blank=True)
    owner = models.CharField(_("ผู้รับผิดชอบ/หน่วยงาน"), max_length=255, blank=True)

    class Meta:
        ordering = ["office", "group__kind", "group__rank", "group__name", "channel__order", "pk"]
        verbose_name = _("แถวตาราง CS2-1")
        verbose_name_plural = _("ตารางการวิเคราะห์ช่องทางการรับฟัง (CS2-1)")
        constraints = [models.UniqueConstraint(fields=["office", "group", "channel"],
                                               name="one_cs21_row_per_group_and_channel")]


class ChannelUsage(models.Model):
    """How many people used a channel of an office in a fiscal year, as the office keyed or imported it (seed 002's
    statistics table). Only the office's own users: its subtree's are summed when the table is read."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    channel = models.ForeignKey(Channel, verbose_name=_("ช่องทาง"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    count = models.PositiveIntegerField(_("จำนวนผู้ใช้ช่องทาง"))
    updated_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ผู้บันทึก"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["office", "fiscal_year", "channel__order"]
        verbose_name = _("สถิติจำนวนผู้ใช้ช่องทาง")
        verbose_name_plural = _("สถิติจำนวนผู้ใช้ช่องทาง")
        constraints = [
            models.UniqueConstraint(fields=["office", "channel", "fiscal_year"], name="one_usage_count_per_key"),
            models.CheckConstraint(condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR, fiscal_year__lte=LAST_FISCAL_YEAR),
                                   name="usage_fiscal_year_be"),
        ]


class InformationType(models.Model):
    """One line of CS2-A (seed 002): a type of information the office's channels brought in that year."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    text = models.TextField(_("ประเภทข้อมูลที่ได้รับ"))

    class Meta:
        ordering = ["office", "-fiscal_year", "order", "pk"]
        verbose_name = _("ประเภทข้อมูลที่ได้รับจากการรับฟัง (CS2-A)")
        verbose_name_plural = _("ประเภทข้อมูลที่ได้รับจากการรับฟัง (CS2-A)")


class ChannelReview(models.Model):
    """A review of a channel's effectiveness for a group (seed 001's review table): the sample, how it was drawn,
    the statistics, how the data were collected, and what the review found."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(StakeholderGroup, verbose_name=_("กลุ่มผู้รับบริการ"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    channel = models.ForeignKey(Channel, verbose_name=_("ช่องทางในการรับฟังความต้องการ"), on_delete=models.PROTECT,
                                related_name="+")
    sample_size = models.PositiveIntegerField(_("ขนาดกลุ่มตัวอย่าง"), null=True, blank=True)
    sampling_method = models.CharField(_("วิธีการสุ่มตัวอย่าง"), max_length=255, blank=True)
    statistics = models.CharField(_("สถิติที่ใช้ในการวิเคราะห์ข้อมูล"), max_length=255, blank=True)
    collection_method = models.CharField(_("วิธีเก็บ/รวบรวมข้อมูล"), max_length=255, blank=True)
    result = models.TextField(_("ผลการทบทวน"), blank=True)
    reviewed_on = models.DateField(_("วันที่ทบทวน"))

    class Meta:
        ordering = ["office", "-reviewed_on", "-pk"]
        verbose_name = _("การทบทวนช่องทางการรับฟัง")
        verbose_name_plural = _("การทบทวนช่องทางการรับฟัง")


class HeardImprovement(models.Model):
    """An improvement made from what was heard (seed 002 CS2-D/I; from complaints, CS3-I): the topic, the channel and
    group it came from, the steps, the result, and a photo before and after."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    source = models.CharField(_("ที่มา"), max_length=16, choices=ImprovementSource.choices,
                              default=ImprovementSource.LISTENING)
    topic = models.CharField(_("เรื่อง (กระบวนงานที่ปรับปรุง)"), max_length=255)
    channel = models.ForeignKey(Channel, verbose_name=_("ช่องทางที่รับฟัง"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(StakeholderGroup, verbose_name=_("กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")
    steps = models.TextField(_("วิธีการและขั้นตอนดำเนินการ"), help_text=_("หนึ่งขั้นตอนต่อบรรทัด"))
    result = models.TextField(_("ผลการดำเนินการปรับปรุง"), blank=True)
    before_photo = models.FileField(_("ภาพก่อนปรับปรุง"), upload_to="channels/improvements/%Y/", blank=True,
                                    max_length=500)
    before_photo_name = models.CharField(max_length=255, blank=True)
    before_photo_type = models.CharField(max_length=128, blank=True)
    after_photo = models.FileField(_("ภาพหลังปรับปรุง"), upload_to="channels/improvements/%Y/", blank=True,
                                   max_length=500)
    after_photo_name = models.CharField(max_length=255, blank=True)
    after_photo_type = models.CharField(max_length=128, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["office", "-fiscal_year", "-pk"]
        verbose_name = _("การปรับปรุงจากสิ่งที่รับฟัง")
        verbose_name_plural = _("การปรับปรุงจากสิ่งที่รับฟัง")

    def __str__(self) -> str:
        return self.topic

    @property
    def step_lines(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def photos(self) -> list[tuple[str, str, object]]:
        """(which, label, file) of the before and after photos, in that order."""
        return [("before", "ภาพก่อนปรับปรุง", self.before_photo), ("after", "ภาพหลังปรับปรุง", self.after_photo)]
