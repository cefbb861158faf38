from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from channels.models import Channel
from core.fiscal import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from core.offices.models import Office
from core.plans.choices import Direction
from stakeholders.models import Mission, StakeholderGroup

from .choices import Level, NextStepKind

_FISCAL_YEAR = Q(fiscal_year__gte=FIRST_FISCAL_YEAR, fiscal_year__lte=LAST_FISCAL_YEAR)


class ParticipationProject(models.Model):
    """A project or activity that opens the office's work to the people (CS5): the mission or strategy it serves,
    the groups it involves, its participation level and mechanism, the channels that inform and hear them, its
    dates, and the outcome measures that say whether it worked."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    title = models.CharField(_("ชื่อโครงการ/กิจกรรม"), max_length=255)
    level = models.PositiveSmallIntegerField(_("ระดับการมีส่วนร่วม"), choices=Level.choices)
    mission = models.ForeignKey(Mission, verbose_name=_("พันธกิจ"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    strategy = models.TextField(_("ยุทธศาสตร์/ภารกิจหลัก/กระบวนงาน"), blank=True)
    mechanism = models.TextField(_("วิธีการ/กลไกการมีส่วนร่วมของประชาชน"), blank=True)
    groups = models.ManyToManyField(StakeholderGroup, verbose_name=_("กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย"),
                                    blank=True, related_name="+")
    info_channels = models.ManyToManyField(Channel, verbose_name=_("ช่องทางการให้ข้อมูลข่าวสาร"), blank=True,
                                           related_name="+")
    opinion_channels = models.ManyToManyField(Channel, verbose_name=_("ช่องทางการรับฟังความคิดเห็นข้อเสนอแนะ"),
                                              blank=True, related_name="+")
    started_on = models.DateField(_("วันเริ่มต้น"))
    ended_on = models.DateField(_("วันสิ้นสุด"), null=True, blank=True,
                                help_text=_("ว่างไว้ = ยังดำเนินการอยู่ โครงการนับในตัวชี้วัด RM 3.4 เมื่อสิ้นสุดแล้ว"))
    outcome = models.TextField(_("ผลการดำเนินงาน/สิ่งที่เปลี่ยนแปลงจากการมีส่วนร่วม"), blank=True)
    is_published = models.BooleanField(_("เผยแพร่ต่อสาธารณะ"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords(m2m_fields=[groups, info_channels, opinion_channels])

    class Meta:
        ordering = ["office", "-fiscal_year", "started_on", "pk"]
        verbose_name = _("โครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วม")
        verbose_name_plural = _("โครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วม")
        permissions = [("publish_participationproject", _("เผยแพร่โครงการการมีส่วนร่วมต่อสาธารณะ"))]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="participation_level_1_to_5"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                                   name="participation_ends_after_start"),
            models.CheckConstraint(condition=_FISCAL_YEAR, name="participation_fiscal_year_be"),
        ]
        indexes = [models.Index(fields=["office", "ended_on"])]

    def __str__(self) -> str:
        return self.title


class OutcomeMeasure(models.Model):
    """What a project set out to change, with its target, which way is better, and the result once known."""

    project = models.ForeignKey(ParticipationProject, on_delete=models.CASCADE, related_name="measures")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    name = models.CharField(_("ตัวชี้วัดผลลัพธ์"), max_length=255)
    unit = models.CharField(_("หน่วยนับ"), max_length=64, blank=True)
    target = models.DecimalField(_("ค่าเป้าหมาย"), max_digits=12, decimal_places=2)
    direction = models.CharField(_("ทิศทาง"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    result = models.DecimalField(_("ผลการดำเนินงาน"), max_digits=12, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "order", "pk"]
        verbose_name = _("ตัวชี้วัดผลลัพธ์ของโครงการ")
        verbose_name_plural = _("ตัวชี้วัดผลลัพธ์ของโครงการ")
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="one_measure_name_per_project")]

    def __str__(self) -> str:
        return self.name


def letter_upload_to(instance: "GovernorReport", filename: str) -> str:
    return f"participation/reports/{instance.office.code}/{instance.fiscal_year}/{filename}"


class GovernorReport(models.Model):
    """The year-end summary of the people's opinions and suggestions to the governor or the head of the unit (seed
    001 Deployment; seed 002: ชื่อรายงาน, หนังสือเสนอผู้ว่าฯ เลขที่, ลงวันที่, นำเสนอในการประชุม, วันที่), with the letter."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    title = models.CharField(_("ชื่อรายงาน"), max_length=255)
    addressee = models.CharField(_("เสนอ"), max_length=255, default="ผู้ว่าราชการจังหวัด",
                                 help_text=_("เช่น ผู้ว่าราชการจังหวัด หรือ หัวหน้าหน่วยงาน"))
    letter_number = models.CharField(_("หนังสือเลขที่"), max_length=64)
    letter_date = models.DateField(_("ลงวันที่"))
    meeting = models.CharField(_("นำเสนอในการประชุม"), max_length=255, blank=True)
    meeting_date = models.DateField(_("วันที่ประชุม"), null=True, blank=True)
    summary = models.TextField(_("สรุปความคิดเห็นและข้อเสนอแนะ"), blank=True)
    letter = models.FileField(_("ไฟล์หนังสือ"), upload_to=letter_upload_to, blank=True, max_length=500)
    letter_name = models.CharField(max_length=255, blank=True)
    letter_type = models.CharField(max_length=128, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "-fiscal_year", "-letter_date", "-pk"]
        verbose_name = _("รายงานสรุปความคิดเห็นและข้อเสนอแนะเสนอผู้ว่าราชการจังหวัด/หัวหน้าหน่วยงาน")
        verbose_name_plural = _("รายงานสรุปความคิดเห็นและข้อเสนอแนะเสนอผู้ว่าราชการจังหวัด/หัวหน้าหน่วยงาน")
        constraints = [models.CheckConstraint(condition=_FISCAL_YEAR, name="governor_report_fiscal_year_be")]

    def __str__(self) -> str:
        return self.title


class NextStep(models.Model):
    """A step of the office's plan to take participation further (seed 002, Next Step): a project raised to a
    higher level, or participation widened to more groups."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    kind = models.CharField(_("แนวทาง"), max_length=8, choices=NextStepKind.choices, default=NextStepKind.RAISE)
    project = models.ForeignKey(ParticipationProject, verbose_name=_("โครงการที่ต่อยอด"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="next_steps")
    target_level = models.PositiveSmallIntegerField(_("ระดับเป้าหมาย"), choices=Level.choices, null=True, blank=True)
    groups = models.ManyToManyField(StakeholderGroup, verbose_name=_("กลุ่มเป้าหมายที่ขยายผล"), blank=True,
                                    related_name="+")
    action = models.TextField(_("ขั้นตอน/แนวทางดำเนินการ"))
    history = HistoricalRecords(m2m_fields=[groups])

    class Meta:
        ordering = ["office", "-fiscal_year", "order", "pk"]
        verbose_name = _("แผนส่งเสริมการมีส่วนร่วมไปสู่ระดับที่สูงขึ้น (Next Step)")
        verbose_name_plural = _("แผนส่งเสริมการมีส่วนร่วมไปสู่ระดับที่สูงขึ้น (Next Step)")
        constraints = [
            models.CheckConstraint(condition=Q(target_level__isnull=True) | Q(target_level__gte=1, target_level__lte=5),
                                   name="next_step_level_1_to_5"),
            models.CheckConstraint(condition=_FISCAL_YEAR, name="next_step_fiscal_year_be"),
        ]
