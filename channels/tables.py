import django_tables2 as tables

from core.tables import ThaiDateColumn

from .models import Channel, GroupChannel


class ChannelTable(tables.Table):
    """The channel register: national channels and the offices' own."""

    order = tables.Column(verbose_name="ลำดับ")
    code = tables.Column(verbose_name="รหัส")
    name = tables.Column(verbose_name="ชื่อช่องทาง", linkify=("channels:channel-edit", {"pk": tables.A("pk")}))
    kind = tables.Column(verbose_name="ประเภท")
    direction = tables.Column(verbose_name="ลักษณะ")
    office = tables.Column(verbose_name="หน่วยงานเจ้าของ", accessor="office__name", order_by="office__path",
                           default="ระดับประเทศ")
    owner = tables.Column(verbose_name="ผู้รับผิดชอบ")
    active_from = ThaiDateColumn(verbose_name="เริ่มใช้")
    active_to = ThaiDateColumn(verbose_name="เลิกใช้")
    is_active = tables.BooleanColumn(verbose_name="สถานะ", yesno="ใช้งาน,ปิดใช้งาน")

    class Meta:
        model = Channel
        fields = ["order", "code", "name", "kind", "direction", "office", "owner", "active_from", "active_to",
                  "is_active"]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "channels"}
        order_by = ("order", "code")
        empty_text = "ไม่พบช่องทาง"

    def value_kind(self, record):
        return record.get_kind_display()

    def value_direction(self, record):
        return record.get_direction_display()


class GroupChannelTable(tables.Table):
    """Table CS2-1 (seed 001), one row per group and channel."""

    group = tables.Column(verbose_name="กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย", accessor="group__name",
                          order_by=("group__kind", "group__rank", "group__name"))
    channel = tables.Column(verbose_name="ช่องทางในการรับฟังความต้องการ", accessor="channel__name",
                            order_by="channel__order")
    reason = tables.Column(verbose_name="เหตุผลในการเลือกช่องทาง")
    analysis_method = tables.Column(verbose_name="วิธีวิเคราะห์ข้อมูลความต้องการ")
    finding = tables.Column(verbose_name="ผลการวิเคราะห์ข้อมูลความต้องการ")
    owner = tables.Column(verbose_name="ผู้รับผิดชอบ/หน่วยงาน")
    office = tables.Column(verbose_name="หน่วยงาน", accessor="office__name", order_by="office__path")
    edit = tables.LinkColumn("channels:cs21-edit", args=[tables.A("pk")], text="แก้ไข", verbose_name="",
                             orderable=False, exclude_from_export=True)

    class Meta:
        model = GroupChannel
        fields = ["group", "channel", "reason", "analysis_method", "finding", "owner", "office"]
        attrs = {"class": "table table-sm table-bordered align-top seed-table", "id": "cs21"}
        empty_text = "ยังไม่มีแถวในตาราง CS2-1"
