"""The administrators' user list."""
import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.templatetags.thai import thai_datetime

from .models import User
from .roles import Role


class UserTable(tables.Table):
    username = tables.Column(verbose_name=_("ชื่อผู้ใช้"), linkify=("manage:user-edit", {"pk": tables.A("pk")}))
    name = tables.Column(verbose_name=_("ชื่อ-นามสกุล"), accessor="first_name", order_by=("first_name", "last_name"),
                         empty_values=())
    position = tables.Column(verbose_name=_("ตำแหน่ง"))
    office = tables.Column(verbose_name=_("หน่วยงาน"), accessor="office__name", order_by="office__path")
    role = tables.Column(verbose_name=_("บทบาท"))
    is_active = tables.Column(verbose_name=_("สถานะ"))
    last_login = tables.Column(verbose_name=_("เข้าสู่ระบบล่าสุด"))

    class Meta:
        model = User
        fields = ["username", "name", "position", "office", "role", "is_active", "last_login"]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "users"}
        empty_text = _("ไม่พบผู้ใช้")

    def render_name(self, record):
        return record.get_full_name() or "—"

    def render_role(self, value):
        return Role(value).label if value in Role.values else "—"

    def render_is_active(self, value):
        if value:
            return format_html('<span class="badge text-bg-success">{}</span>', _("ใช้งาน"))
        return format_html('<span class="badge text-bg-secondary">{}</span>', _("ปิดการใช้งาน"))

    def render_last_login(self, value):
        return thai_datetime(value)
