import django_tables2 as tables

from .models import StakeholderGroup


class GroupTable(tables.Table):
    """The customer profile: one row per group, the most important first within each kind."""

    kind = tables.Column(verbose_name="ประเภทกลุ่ม")
    rank = tables.Column(verbose_name="ลำดับความสำคัญ")
    name = tables.Column(verbose_name="ชื่อกลุ่ม", linkify=("stakeholders:group-edit", {"pk": tables.A("pk")}))
    criteria = tables.Column(verbose_name="หลักเกณฑ์การจำแนก")
    needs = tables.Column(verbose_name="ความต้องการ")
    expectations = tables.Column(verbose_name="ความคาดหวัง")
    office = tables.Column(verbose_name="หน่วยงาน", accessor="office__name", order_by="office__path")
    is_active = tables.BooleanColumn(verbose_name="ใช้งาน", yesno="ใช้งาน,ปิดใช้งาน")

    class Meta:
        model = StakeholderGroup
        fields = ["kind", "rank", "name", "criteria", "needs", "expectations", "office", "is_active"]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "groups"}
        order_by = ("kind", "rank")
        empty_text = "ยังไม่มีกลุ่ม"
