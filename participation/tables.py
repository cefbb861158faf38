import django_tables2 as tables
from django.utils.html import format_html

from core.tables import ThaiDateColumn

from .models import ParticipationProject
from .selectors import INFO_CHANNELS_MIN, Status


class ProjectTable(tables.Table):
    """The project register: one row per project, its level, dates, groups, measures reached and channels."""

    title = tables.Column(verbose_name="โครงการ/กิจกรรม", linkify=("participation:project", {"pk": tables.A("pk")}))
    office = tables.Column(verbose_name="หน่วยงาน", accessor="office__name", order_by="office__path")
    fiscal_year = tables.Column(verbose_name="ปีงบประมาณ")
    level = tables.Column(verbose_name="ระดับการมีส่วนร่วม")
    groups = tables.Column(verbose_name="กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย", accessor="pk", orderable=False)
    started_on = ThaiDateColumn(verbose_name="วันเริ่มต้น")
    ended_on = ThaiDateColumn(verbose_name="วันสิ้นสุด", default="-")
    status = tables.Column(verbose_name="สถานะ")
    measures = tables.Column(verbose_name="ตัวชี้วัดที่ถึงเป้าหมาย", accessor="reached_count",
                             order_by=("reached_count", "measure_count"))
    info_channel_count = tables.Column(verbose_name="ช่องทางให้ข้อมูล")
    is_published = tables.BooleanColumn(verbose_name="เผยแพร่", yesno="เผยแพร่แล้ว,ยังไม่เผยแพร่")

    class Meta:
        model = ParticipationProject
        fields = ["title", "office", "fiscal_year", "level", "groups", "started_on", "ended_on", "status",
                  "measures", "info_channel_count", "is_published"]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "projects"}
        order_by = ("-fiscal_year", "started_on")
        empty_text = "ยังไม่มีโครงการ"

    def render_level(self, record):
        return f"{record.level} {record.get_level_display()}"

    def value_level(self, record):
        return self.render_level(record)

    def render_groups(self, record):
        return ", ".join(g.name for g in record.groups.all()) or "-"

    def value_groups(self, record):
        return self.render_groups(record)

    def render_status(self, value):
        return Status.LABELS.get(value, value)

    def value_status(self, value):
        return self.render_status(value)

    def render_measures(self, record):
        if not record.measure_count:
            return format_html('<span class="text-danger">ยังไม่มีตัวชี้วัด</span>')
        css = "text-success" if record.all_reached else ""
        return format_html('<span class="{}">{} / {}</span>', css, record.reached_count, record.measure_count)

    def value_measures(self, record):
        return f"{record.reached_count} / {record.measure_count}"

    def render_info_channel_count(self, record):
        if record.few_info_channels:
            return format_html('<span class="text-danger few-channels" title="น้อยกว่า {} ช่องทาง">{} ⚠</span>',
                               INFO_CHANNELS_MIN, record.info_channel_count)
        return record.info_channel_count

    def value_info_channel_count(self, record):
        return record.info_channel_count
