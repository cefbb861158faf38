from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from channels.models import Channel
from core.offices.models import Office
from core.workdays.choices import DeadlineBasis
from core.workdays.models import DeadlineRule

from .choices import EventAction, ImprovementPriority, ItaPeriod, Kind, Priority, ReplyKind, ReplyMethod, Status


class Category(models.Model):
    """A complaint category (เรื่อง/ประเภทปัญหา), carrying its own deadline rule."""

    name = models.CharField(_("หมวดหมู่"), max_length=255, unique=True)
    deadline_rule = models.ForeignKey(DeadlineRule, verbose_name=_("เกณฑ์ระยะเวลา"), null=True, blank=True,
                                      on_delete=models.PROTECT, help_text=_("ว่างไว้ = 15 วันทำการ"))
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("หมวดหมู่เรื่อง")
        verbose_name_plural = _("หมวดหมู่เรื่อง")

    def __str__(self) -> str:
        return self.name


class Ticket(models.Model):
    """A complaint, suggestion, opinion or compliment, from receipt to the reply that closes its clock."""

    reference = models.CharField(_("เลขที่เรื่อง"), max_length=64, unique=True)
    tracking_code = models.CharField(_("รหัสติดตามเรื่อง"), max_length=16, unique=True)
    kind = models.CharField(_("ประเภทเรื่อง"), max_length=16, choices=Kind.choices)
    channel = models.ForeignKey(Channel, verbose_name=_("ช่องทาง"), on_delete=models.PROTECT, related_name="+")
    receiving_office = models.ForeignKey(Office, verbose_name=_("หน่วยงานที่รับเรื่อง"), on_delete=models.PROTECT,
                                         related_name="+")
    office = models.ForeignKey(Office, verbose_name=_("หน่วยงานที่รับผิดชอบ"), on_delete=models.PROTECT,
                               related_name="tickets")
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ผู้รับผิดชอบ"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="handled_tickets")
    category = models.ForeignKey(Category, verbose_name=_("หมวดหมู่"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="tickets")
    subject = models.CharField(_("เรื่อง"), max_length=255)
    detail = models.TextField(_("รายละเอียด"))
    received_on = models.DateField(_("วันที่รับเรื่อง"))
    entered_on = models.DateField(_("วันที่บันทึก"))
    complainant_name = models.CharField(_("ชื่อผู้ร้อง"), max_length=255, blank=True)
    complainant_contact = models.CharField(_("ช่องทางติดต่อผู้ร้อง"), max_length=255, blank=True)
    # Digits of a phone number or a lower-cased e-mail: finds the same complainant across tickets.
    complainant_key = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    anonymous = models.BooleanField(_("ไม่ประสงค์ออกนาม"), default=False)
    confidential = models.BooleanField(_("ขอให้ปกปิดข้อมูลผู้ร้อง"), default=False)
    status = models.CharField(_("สถานะ"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    rejection_reason = models.TextField(_("เหตุผลที่ไม่รับพิจารณา"), blank=True)
    # The current round's clock (a reopened ticket starts a new round with its own deadline).
    round = models.PositiveSmallIntegerField(_("รอบ"), default=1)
    due_on = models.DateField(_("วันครบกำหนด"), null=True, blank=True)
    deadline_basis = models.CharField(max_length=16, choices=DeadlineBasis.choices, blank=True)
    deadline_days = models.PositiveSmallIntegerField(null=True, blank=True)
    answered_on = models.DateField(_("วันที่แจ้งผล"), null=True, blank=True)
    # The first round's verdict, frozen when it is answered: what the KPI counts.
    on_time = models.BooleanField(_("แจ้งผลภายในกำหนด"), null=True, blank=True)
    working_days_to_answer = models.PositiveSmallIntegerField(_("จำนวนวันทำการจนแจ้งผล"), null=True, blank=True)
    duplicate_of = models.ForeignKey("self", verbose_name=_("ซ้ำกับเรื่อง"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="duplicates")
    source_ref = models.CharField(_("เลขอ้างอิงต้นทาง"), max_length=128, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("เรื่องร้องเรียน/ข้อเสนอแนะ")
        verbose_name_plural = _("เรื่องร้องเรียน/ข้อเสนอแนะ")
        constraints = [
            models.UniqueConstraint(fields=["receiving_office", "source_ref"], condition=~Q(source_ref=""),
                                    name="ticket_source_ref_unique_per_office"),
            models.CheckConstraint(condition=Q(received_on__lte=models.F("entered_on")),
                                   name="ticket_received_not_after_entered"),
            models.CheckConstraint(condition=~Q(kind=Kind.COMPLIMENT) | Q(due_on__isnull=True),
                                   name="compliment_has_no_deadline"),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="ticket_open_due"),
            models.Index(fields=["office", "received_on"], name="ticket_office_received"),
            models.Index(fields=["kind", "received_on"], name="ticket_kind_received"),
            models.Index(fields=["-received_on", "-id"], name="ticket_register_order"),
            # Covers every column the dashboard counts, so PostgreSQL can answer from the index alone.
            models.Index(fields=["received_on", "office", "kind", "status", "channel", "category", "duplicate_of",
                                 "round", "on_time", "due_on", "answered_on", "working_days_to_answer",
                                 "complainant_key"], name="ticket_dashboard"),
            models.Index(fields=["handler", "status"], name="ticket_handler_status"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", args=[self.reference])

    @property
    def backdated(self) -> bool:
        return self.received_on < self.entered_on


class TicketRound(models.Model):
    """One round of handling: its own receipt date, deadline, answer and frozen verdict."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("รอบ"))
    received_on = models.DateField(_("วันที่เริ่มนับ"))
    due_on = models.DateField(_("วันครบกำหนด"), null=True, blank=True)
    answered_on = models.DateField(_("วันที่แจ้งผล"), null=True, blank=True)
    on_time = models.BooleanField(_("ภายในกำหนด"), null=True, blank=True)
    reason = models.CharField(_("เหตุที่เปิดรอบนี้"), max_length=255, blank=True)

    class Meta:
        ordering = ["ticket", "number"]
        constraints = [models.UniqueConstraint(fields=["ticket", "number"], name="ticket_round_unique")]


class OfficeStint(models.Model):
    """The time a ticket spent with one office (transfers keep the citizen's clock running)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="stints")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["ticket", "started_at"]


class TicketEvent(models.Model):
    """A line of the ticket's timeline: who did what, when (every status change is one)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+", verbose_name=_("โดย"))
    action = models.CharField(_("การดำเนินการ"), max_length=16, choices=EventAction.choices)
    from_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("หมายเหตุ"), blank=True)

    class Meta:
        ordering = ["ticket", "at", "id"]


class Reply(models.Model):
    """A reply to the complainant. The first final reply of a round stops that round's clock."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="replies")
    round = models.PositiveSmallIntegerField(_("รอบ"), default=1)
    kind = models.CharField(_("ประเภทการแจ้ง"), max_length=8, choices=ReplyKind.choices)
    replied_on = models.DateField(_("วันที่แจ้ง"))
    method = models.CharField(_("วิธีการแจ้ง"), max_length=16, choices=ReplyMethod.choices)
    text = models.TextField(_("ข้อความที่แจ้ง"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ticket", "replied_on", "id"]
        verbose_name = _("การแจ้งผู้ร้อง")
        verbose_name_plural = _("การแจ้งผู้ร้อง")


class Attachment(models.Model):
    """A file that came with a ticket (a letter, a photo)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("ไฟล์"), upload_to="complaints/%Y/%m/", max_length=500)
    name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)


class TicketPriority(models.Model):
    """An executive's ranking of a ticket for one fiscal quarter."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="priorities")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    quarter = models.PositiveSmallIntegerField(_("ไตรมาส"))
    priority = models.CharField(_("ลำดับความสำคัญ"), max_length=8, choices=Priority.choices)
    ranked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    ranked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ticket", "fiscal_year", "quarter"], name="one_priority_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="priority_quarter_1_to_4"),
        ]


class FollowUpPlan(models.Model):
    """A row of the complaint follow-up quality plan (seed 001 slide 13)."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    process = models.CharField(_("กระบวนการ"), max_length=255)
    priority = models.CharField(_("ลำดับความสำคัญ"), max_length=8, choices=Priority.choices)
    timing = models.CharField(_("ระยะเวลา"), max_length=255)
    frequency = models.CharField(_("ความถี่"), max_length=255)
    owner = models.CharField(_("ผู้รับผิดชอบ"), max_length=255)
    related_party = models.CharField(_("ผู้ที่เกี่ยวข้อง"), max_length=255, blank=True)
    follow_up_channel = models.TextField(_("ช่องทางการติดตาม"))

    class Meta:
        ordering = ["office", "-fiscal_year", "id"]
        verbose_name = _("แผนการติดตามคุณภาพการจัดการข้อร้องเรียน")
        verbose_name_plural = _("แผนการติดตามคุณภาพการจัดการข้อร้องเรียน")


class ImprovementAnalysis(models.Model):
    """A row of the follow-up analysis and improvement table (seed 001 slide 14)."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    follow_up_data = models.TextField(_("ข้อมูลการติดตามคุณภาพการจัดการข้อร้องเรียน"))
    follow_up_channel = models.CharField(_("ช่องทางการติดตาม"), max_length=255)
    analysis_method = models.CharField(_("วิธีวิเคราะห์ข้อมูล"), max_length=255)
    analysis_result = models.TextField(_("ผลการวิเคราะห์ข้อมูล"))
    analyst = models.CharField(_("ผู้รับผิดชอบในการวิเคราะห์ข้อมูล"), max_length=255)
    priority = models.CharField(_("ลำดับความสำคัญของโอกาสในการปรับปรุง"), max_length=8,
                                choices=ImprovementPriority.choices)
    improvement_factors = models.TextField(_("ปัจจัยที่ใช้ในการปรับปรุงกระบวนการ"), blank=True)
    process_improved = models.CharField(_("กระบวนการที่ปรับปรุง"), max_length=255)
    owner = models.CharField(_("ผู้รับผิดชอบ/หน่วยงาน"), max_length=255)
    related_party = models.CharField(_("ผู้ที่เกี่ยวข้อง/หน่วยงาน"), max_length=255, blank=True)

    class Meta:
        ordering = ["office", "-fiscal_year", "id"]
        verbose_name = _("การวิเคราะห์และนำผลการติดตามไปปรับปรุง")
        verbose_name_plural = _("การวิเคราะห์และนำผลการติดตามไปปรับปรุง")


class NotificationLog(models.Model):
    """One digest to one person on one day, claimed by the daily check before it is sent and marked when a channel
    took it (checks.py): running the check twice sends nothing twice, and a claim left undelivered by a worker that
    died is sent by the next run."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    kind = models.CharField(max_length=16)  # "due_soon" | "overdue"
    ticket_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)  # when it was claimed (the name predates the claim)
    delivered_at = models.DateTimeField(null=True, blank=True)  # empty: claimed, not (yet) delivered

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recipient", "day", "kind"], name="one_digest_per_day")]


class TicketSequence(models.Model):
    """The last running number used for an office's tickets in a fiscal year (for references)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "fiscal_year"], name="one_sequence_per_office_year")]


class ItaReport(models.Model):
    """A period of the ITA complaint-handling report that the committee published on the office's public page."""

    office = models.ForeignKey(Office, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    period = models.CharField(_("รอบรายงาน"), max_length=8, choices=ItaPeriod.choices)
    is_published = models.BooleanField(_("เผยแพร่"), default=False)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ผู้เผยแพร่"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["office", "-fiscal_year", "period"]
        verbose_name = _("รายงานผลการจัดการเรื่องร้องเรียน (ITA)")
        verbose_name_plural = _("รายงานผลการจัดการเรื่องร้องเรียน (ITA)")
        constraints = [models.UniqueConstraint(fields=["office", "fiscal_year", "period"],
                                               name="one_ita_report_per_period")]

    def __str__(self) -> str:
        return f"{self.office} {self.get_period_display()} {self.fiscal_year}"
