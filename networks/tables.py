import django_tables2 as tables
from django.utils.html import format_html_join

from core.tables import ThaiDateColumn

from .models import Activity, Member, Network

HIDDEN = "(ข้อมูลส่วนบุคคล)"


class NetworkTable(tables.Table):
    """The network register (seed 002's network table, with the office and counts)."""

    name = tables.Column(verbose_name="ชื่อเครือข่าย", linkify=("networks:detail", {"pk": tables.A("pk")}))
    office = tables.Column(verbose_name="หน่วยงาน", accessor="office__name", order_by="office__path")
    groups = tables.Column(verbose_name="กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียที่เป็นเครือข่าย", empty_values=(),
                           orderable=False)
    form = tables.Column(verbose_name="รูปแบบเครือข่าย")
    contact_channels = tables.Column(verbose_name="ช่องทางการติดต่อสื่อสารกับเครือข่าย", empty_values=(),
                                     orderable=False)
    member_count = tables.Column(verbose_name="สมาชิก", attrs={"td": {"class": "text-end"}})
    is_active = tables.BooleanColumn(verbose_name="สถานะ", yesno="ใช้งาน,ปิดใช้งาน")

    class Meta:
        model = Network
        fields = ["name", "office", "groups", "form", "contact_channels", "member_count", "is_active"]
        attrs = {"class": "table table-sm table-hover align-top", "id": "networks"}
        order_by = ("name",)
        empty_text = "ยังไม่มีเครือข่าย"

    def render_groups(self, record):
        return format_html_join("", "<div>{}</div>", ((g.name,) for g in record.groups.all()))

    def value_groups(self, record):
        return ", ".join(g.name for g in record.groups.all())

    def render_contact_channels(self, record):
        return format_html_join("", "<div>{}: {}</div>", ((c.get_kind_display(), c.value)
                                                         for c in record.contact_channels.all()))

    def value_contact_channels(self, record):
        return "; ".join(str(c) for c in record.contact_channels.all())

    def render_form(self, record):
        return record.get_form_display() + (f" ({record.form_detail})" if record.form_detail else "")

    value_form = render_form


class MemberTable(tables.Table):
    """Members of the networks, a person's name, phone and e-mail only where `details_visible` (the selector's)."""

    network = tables.Column(verbose_name="เครือข่าย", accessor="network__name")
    kind = tables.Column(verbose_name="ประเภท")
    name = tables.Column(verbose_name="ชื่อ")
    position = tables.Column(verbose_name="ตำแหน่ง/สังกัด")
    group = tables.Column(verbose_name="กลุ่ม", accessor="group__name")
    phone = tables.Column(verbose_name="โทรศัพท์")
    email = tables.Column(verbose_name="อีเมล")
    delete = tables.TemplateColumn(
        '<a class="btn btn-link btn-sm p-0 me-2" href="{% url \'networks:member-edit\' record.pk %}">แก้ไข</a>'
        '<form class="d-inline" method="post" action="{% url \'networks:member-delete\' record.pk %}">{% csrf_token %}'
        '<button class="btn btn-link btn-sm text-danger p-0" type="submit">ลบ</button></form>',
        verbose_name="", orderable=False, exclude_from_export=True)

    class Meta:
        model = Member
        fields = ["network", "kind", "name", "position", "group", "phone", "email"]
        attrs = {"class": "table table-sm align-top", "id": "members"}
        empty_text = "ยังไม่มีสมาชิก"

    def value_kind(self, record):
        return record.get_kind_display()

    def render_kind(self, record):
        return record.get_kind_display()

    def _name(self, record):
        return record.name if record.details_visible or record.kind == "organisation" else HIDDEN

    render_name = value_name = _name

    def _phone(self, record):
        return record.phone if record.details_visible else ("" if not record.phone else HIDDEN)

    render_phone = value_phone = _phone

    def _email(self, record):
        return record.email if record.details_visible else ("" if not record.email else HIDDEN)

    render_email = value_email = _email


class ActivityTable(tables.Table):
    """Relationship activities: date, title, network, kind, place, announcement, co-design, participants, evaluation."""

    held_on = ThaiDateColumn(verbose_name="วันที่จัด")
    title = tables.Column(verbose_name="กิจกรรม", linkify=("networks:activity", {"pk": tables.A("pk")}))
    network = tables.Column(verbose_name="เครือข่าย", accessor="network__name")
    kind = tables.Column(verbose_name="ลักษณะ")
    place = tables.Column(verbose_name="สถานที่")
    announced_on = ThaiDateColumn(verbose_name="แจ้งเครือข่ายเมื่อ")
    co_designed = tables.BooleanColumn(verbose_name="ร่วมกำหนดกับเครือข่าย", yesno="ใช่,ไม่ใช่")
    participants = tables.Column(verbose_name="ผู้เข้าร่วม (คน)", attrs={"td": {"class": "text-end"}})
    respondents = tables.Column(verbose_name="ผู้ตอบแบบประเมิน", attrs={"td": {"class": "text-end"}},
                                default="ยังไม่เปิด")
    photo_count = tables.Column(verbose_name="ภาพ", attrs={"td": {"class": "text-end"}})

    class Meta:
        model = Activity
        fields = ["held_on", "title", "network", "kind", "place", "announced_on", "co_designed", "participants",
                  "respondents", "photo_count"]
        attrs = {"class": "table table-sm table-hover align-top", "id": "activities"}
        order_by = ("-held_on",)
        empty_text = "ยังไม่มีกิจกรรมในปีนี้"

    def render_kind(self, record):
        return record.get_kind_display()

    value_kind = render_kind
