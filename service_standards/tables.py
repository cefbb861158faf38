import django_tables2 as tables
from django.utils import timezone

from core import thai_dates

from .choices import Verdict
from .models import ServiceRecord


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


