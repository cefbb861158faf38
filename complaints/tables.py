import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html

from core import thai_dates
from core.tables import ThaiDateColumn

from .models import Ticket
from .selectors import ticket_is_overdue

HIDDEN = "(ปกปิด)"


class TicketTable(tables.Table):
    reference = tables.Column(verbose_name="เลขที่เรื่อง", linkify=True)
    received_on = ThaiDateColumn(verbose_name="วันที่รับเรื่อง")
    kind = tables.Column(verbose_name="ประเภท")
    subject = tables.Column(verbose_name="เรื่อง")
    office = tables.Column(verbose_name="หน่วยงานที่รับผิดชอบ", accessor="office__name", order_by="office__code")
    channel = tables.Column(verbose_name="ช่องทาง", accessor="channel__name", order_by="channel__order")
    status = tables.Column(verbose_name="สถานะ")
    due_on = ThaiDateColumn(verbose_name="วันครบกำหนด")
    answered_on = ThaiDateColumn(verbose_name="วันที่แจ้งผล")

    class Meta:
        model = Ticket
        fields = ["reference", "received_on", "kind", "subject", "office", "channel", "status", "due_on",
                  "answered_on"]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "tickets"}
        order_by = "-received_on"
        empty_text = "ไม่พบเรื่อง"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()

    def render_due_on(self, value, record):
        text = thai_dates.format_short(value)
        if ticket_is_overdue(ticket=record, today=self.today):
            return format_html('<span class="text-danger fw-semibold">{} (เกินกำหนด)</span>', text)
        return text


class TicketExportTable(TicketTable):
    """The XLSX export: the list's columns plus the complainant, hidden where the user may not see them."""

    category = tables.Column(verbose_name="หมวดหมู่", accessor="category__name")
    complainant_name = tables.Column(verbose_name="ชื่อผู้ร้อง")
    complainant_contact = tables.Column(verbose_name="ช่องทางติดต่อผู้ร้อง")
    on_time = tables.Column(verbose_name="แจ้งผลภายในกำหนด (รอบแรก)")

    class Meta(TicketTable.Meta):
        fields = TicketTable.Meta.fields + ["category", "complainant_name", "complainant_contact", "on_time"]

    def value_kind(self, record):
        return record.get_kind_display()

    def value_status(self, record):
        return record.get_status_display()

    def value_complainant_name(self, record, value):
        return value if record.complainant_visible else (HIDDEN if value else "")

    def value_complainant_contact(self, record, value):
        return value if record.complainant_visible else (HIDDEN if value else "")

    def value_on_time(self, value):
        return {True: "ทันกำหนด", False: "เกินกำหนด"}.get(value, "")
