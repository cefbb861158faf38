from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Office, User


@admin.register(Office)
class OfficeAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(Office)
    list_display = ["name", "code", "short_name", "head"]
    search_fields = ["name", "code"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "office", "is_active"]
    list_filter = ["groups", "is_active", "office"]
    fieldsets = BaseUserAdmin.fieldsets + (("หน่วยงาน", {"fields": ["office", "position", "line_user_id"]}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("หน่วยงาน", {"fields": ["office", "groups"]}),)
