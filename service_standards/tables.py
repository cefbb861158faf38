import django_tables2 as tables
from django.utils import timezone
from django.utils.text import Truncator

from core import thai_dates
from core.tables import ThaiDateColumn

from .choices import Verdict
from .models import ServiceRecord, UsageCheck


def _when(record, day, moment) -> str:
    """A date, or a date and time for a minute standard (local time)."""
    if moment:
        local = timezone.localtime(moment)
        return f"{thai_dates.format_short(local.date())} {local:%H:%M} น."
    return thai_dates.format_short(day) if day else "-"


class RecordTable(tables.Table):
    """The service records: one row per service delivered, its dates against its due date and its verdict."""

    reference = tables.Column(verbose_name="เลขที่อ้างอิง")
    office = tables.Column(verbose_name="หน่วยงาน", accessor="office__name", order_by="office__path")
    service = tables.Column(verbose_name="งานบริการ", accessor="service__name")
    standard = tables.Column(verbose_name="มาตรฐาน", accessor="service__standard_amount", orderable=False)
    received_on = tables.Column(verbose_name="รับคำขอ")
    due_on = tables.Column(verbose_name="ครบกำหนด")
    completed_on = tables.Column(verbose_name="แล้วเสร็จ", default="-")
    step = tables.Column(verbose_name="ขั้นตอนปัจจุบัน", accessor="step__name", default="-")
    met = tables.Column(verbose_name="ผลเทียบมาตรฐาน", empty_values=())

    class Meta:
        model = ServiceRecord
        fields = ["reference", "office", "service", "standard", "received_on", "due_on", "completed_on", "step", "met"]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "records"}
        order_by = ("-received_on",)
        empty_text = "ยังไม่มีบันทึกการให้บริการ"

    def render_standard(self, record):
        return record.service.standard_label

    def value_standard(self, record):
        return self.render_standard(record)

    def render_received_on(self, record):
        return _when(record, record.received_on, record.received_at)

    def value_received_on(self, record):
        return self.render_received_on(record)

    def render_due_on(self, record):
        return _when(record, record.due_on, record.due_at)

    def value_due_on(self, record):
        return self.render_due_on(record)

    def render_completed_on(self, record):
        return _when(record, record.completed_on, record.completed_at)

    def value_completed_on(self, record):
        return self.render_completed_on(record)

    def render_met(self, record):
        if record.met is None:
            return Verdict.OPEN.label
        return Verdict.MET.label if record.met else Verdict.LATE.label

    def value_met(self, record):
        return self.render_met(record)


class CheckTable(tables.Table):
    """The checks on the use of the manuals: one row per observation, rating or audit finding, with its corrective
    action and where that stands."""

    checked_on = ThaiDateColumn(verbose_name="วันที่ตรวจ", linkify=("service_standards:check", {"pk": tables.A("pk")}),
                                attrs={"td": {"class": "text-nowrap"}})
    office = tables.Column(verbose_name="หน่วยงานที่ตรวจ", accessor="office__name", order_by="office__path")
    service = tables.Column(verbose_name="งานบริการ", accessor="service__name")
    kind = tables.Column(verbose_name="วิธีการตรวจสอบ")
    checker = tables.Column(verbose_name="ผู้ตรวจ/ผู้ประเมิน", accessor="checker_name")
    rating = tables.Column(verbose_name="คะแนน", default="-")
    finding = tables.Column(verbose_name="ผลการตรวจ/ข้อค้นพบ", orderable=False)
    corrective_action = tables.Column(verbose_name="การแก้ไข/ปรับปรุง", orderable=False, default="-")
    action_status = tables.Column(verbose_name="สถานะการแก้ไข")
    action_due_on = ThaiDateColumn(verbose_name="กำหนดแก้ไขเสร็จ", default="-", attrs={"td": {"class": "text-nowrap"}})
    action_done_on = ThaiDateColumn(verbose_name="วันที่แก้ไขเสร็จ", default="-", attrs={"td": {"class": "text-nowrap"}})

    class Meta:
        model = UsageCheck
        fields = ["checked_on", "office", "service", "kind", "checker", "rating", "finding", "corrective_action",
                  "action_status", "action_due_on", "action_done_on"]
        attrs = {"class": "table table-sm table-hover align-top", "id": "checks"}
        order_by = ("-checked_on",)
        empty_text = "ยังไม่มีการตรวจสอบการใช้คู่มือ"

    def render_checker(self, record):
        return f"{record.checker_name} ({record.checker_position})" if record.checker_position else record.checker_name

    def value_checker(self, record):
        return self.render_checker(record)

    def render_finding(self, value):
        return Truncator(value).chars(120)

    def value_finding(self, value):
        return value  # the whole text in the spreadsheet

    def render_corrective_action(self, value):
        return Truncator(value).chars(120)

    def value_corrective_action(self, value):
        return value
