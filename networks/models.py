from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fiscal import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from core.offices.models import Office
from stakeholders.models import StakeholderGroup

from .choices import ActivityKind, ContactKind, MemberKind, NetworkForm

MIN_CONTACT_CHANNELS = 2  # seed 000 CS4 step 1 and seed 001: "ช่องทางติดต่อกับเครือข่ายอย่างน้อย 2 ช่องทาง"


class Network(models.Model):
    """A network (เครือข่าย) an office builds with some of its customer and stakeholder groups (CS1 groups only)."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("ชื่อเครือข่าย"), max_length=255)
    form = models.CharField(_("รูปแบบเครือข่าย"), max_length=16, choices=NetworkForm.choices)
    form_detail = models.CharField(_("ลักษณะรูปแบบของเครือข่าย (รายละเอียด)"), max_length=255, blank=True)
    groups = models.ManyToManyField(StakeholderGroup, verbose_name=_("กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียที่เป็นเครือข่าย"),
                                    related_name="networks")
    purpose = models.TextField(_("วัตถุประสงค์ของเครือข่าย"), blank=True)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[groups])

    class Meta:
        ordering = ["office", "name"]
        verbose_name = _("เครือข่าย")
        verbose_name_plural = _("เครือข่าย")
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="one_network_name_per_office")]

    def __str__(self) -> str:
        return self.name


class ContactChannel(models.Model):
    """One way the office reaches a network: a phone number, a LINE group, a regular meeting …"""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="contact_channels")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    kind = models.CharField(_("ช่องทาง"), max_length=16, choices=ContactKind.choices)
    value = models.CharField(_("รายละเอียดการติดต่อ"), max_length=255)

    class Meta:
        ordering = ["network", "order", "pk"]
        verbose_name = _("ช่องทางการติดต่อสื่อสารกับเครือข่าย")
        verbose_name_plural = _("ช่องทางการติดต่อสื่อสารกับเครือข่าย")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class Member(models.Model):
    """A member of a network: an organisation or a person. A person's name, phone and e-mail are personal data
    (`selectors.member_queryset` says who sees them)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    kind = models.CharField(_("ประเภทสมาชิก"), max_length=16, choices=MemberKind.choices)
    name = models.CharField(_("ชื่อ"), max_length=255)
    position = models.CharField(_("ตำแหน่ง/สังกัด"), max_length=255, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=64, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    group = models.ForeignKey(StakeholderGroup, verbose_name=_("กลุ่ม"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["network", "kind", "name", "pk"]
        verbose_name = _("สมาชิกเครือข่าย")
        verbose_name_plural = _("สมาชิกเครือข่าย")

    def __str__(self) -> str:
        return self.name


class RelationshipPlan(models.Model):
    """A network's relationship plan for a fiscal year (แผนการสร้างความสัมพันธ์กับเครือข่าย, seed 000 CS4 step 2): the
    project the activity report (seed 002) is written about, how the network helped shape it, and what was learned."""

    network = models.ForeignKey(Network, verbose_name=_("เครือข่าย"), on_delete=models.PROTECT, related_name="plans")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    title = models.CharField(_("เรื่อง/โครงการ"), max_length=255)
    objective = models.TextField(_("วัตถุประสงค์"), blank=True)
    co_design = models.TextField(_("การร่วมกำหนดกิจกรรมกับเครือข่าย"), blank=True,
                                 help_text=_("คณะทำงานและกลุ่มเครือข่ายร่วมกันแลกเปลี่ยนความคิดเห็นต่อการกำหนดกิจกรรมอย่างไร"))
    reflection = models.TextField(_("กิจกรรมที่ดำเนินการสะท้อนให้เห็นถึงการสร้างความสัมพันธ์กับเครือข่ายให้ดีขึ้นอย่างไร"),
                                  blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "-fiscal_year", "pk"]
        verbose_name = _("แผนการสร้างความสัมพันธ์กับเครือข่าย")
        verbose_name_plural = _("แผนการสร้างความสัมพันธ์กับเครือข่าย")
        constraints = [
            models.UniqueConstraint(fields=["network", "fiscal_year"], name="one_relationship_plan_per_year"),
            models.CheckConstraint(condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR, fiscal_year__lte=LAST_FISCAL_YEAR),
                                   name="relationship_plan_fiscal_year_be"),
        ]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    """A relationship activity (กิจกรรมสร้างความสัมพันธ์) held with a network: announced beforehand with its date, time
    and place, designed with the network or not, who took part, what came of it. It belongs to the fiscal year of its
    date; its evaluation is a CS6 survey round whose subject is the activity."""

    network = models.ForeignKey(Network, verbose_name=_("เครือข่าย"), on_delete=models.PROTECT, related_name="activities")
    plan = models.ForeignKey(RelationshipPlan, verbose_name=_("แผนการสร้างความสัมพันธ์"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="activities")
    title = models.CharField(_("ชื่อกิจกรรม"), max_length=255)
    kind = models.CharField(_("ลักษณะกิจกรรม"), max_length=16, choices=ActivityKind.choices)
    held_on = models.DateField(_("วันที่จัด"))
    starts_at = models.TimeField(_("เวลาเริ่ม"), null=True, blank=True)
    ends_at = models.TimeField(_("เวลาสิ้นสุด"), null=True, blank=True)
    place = models.CharField(_("สถานที่"), max_length=255)
    announced_on = models.DateField(_("วันที่แจ้งเครือข่าย"), null=True, blank=True)
    announcement = models.TextField(_("การแจ้งรายละเอียด วันเวลาและสถานที่แก่ผู้เกี่ยวข้อง"), blank=True,
                                    help_text=_("แจ้งทางช่องทางใด ถึงใคร เช่น หนังสือเชิญและกลุ่ม LINE ของเครือข่าย"))
    co_designed = models.BooleanField(_("ร่วมกำหนดกิจกรรมกับเครือข่าย"), default=False)
    participants = models.PositiveIntegerField(_("จำนวนผู้เข้าร่วม (คน)"), null=True, blank=True)
    attendees = models.ManyToManyField(Member, verbose_name=_("สมาชิกที่เข้าร่วม"), blank=True, related_name="activities")
    outcome = models.TextField(_("ผลการจัดกิจกรรม"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("กิจกรรมสร้างความสัมพันธ์")
        verbose_name_plural = _("กิจกรรมสร้างความสัมพันธ์")
        constraints = [
            models.CheckConstraint(condition=Q(announced_on__isnull=True) | Q(announced_on__lte=F("held_on")),
                                   name="activity_announced_beforehand"),
            models.CheckConstraint(condition=Q(starts_at__isnull=True) | Q(ends_at__isnull=True)
                                   | Q(ends_at__gte=F("starts_at")), name="activity_times_in_order"),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityPhoto(models.Model):
    """A photo of an activity (seed 001: the assessors ask for pictures), checked by its bytes."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    photo = models.FileField(_("ภาพกิจกรรม"), upload_to="networks/activities/%Y/", max_length=500)
    photo_name = models.CharField(max_length=255, blank=True)
    photo_type = models.CharField(max_length=128, blank=True)
    caption = models.CharField(_("คำบรรยายภาพ"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "pk"]
        verbose_name = _("ภาพกิจกรรม")
        verbose_name_plural = _("ภาพกิจกรรม")
