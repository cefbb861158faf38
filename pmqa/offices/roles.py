"""The five roles, as Django groups with permissions. A user has one role (group)."""
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMITTEE = "committee", _("กรรมการ PMQA หมวด 3")
    OFFICE_STAFF = "office_staff", _("เจ้าหน้าที่หน่วยงาน")
    EXECUTIVE = "executive", _("ผู้บริหาร")
    ASSESSOR = "assessor", _("ผู้ตรวจประเมิน")
    ADMINISTRATOR = "administrator", _("ผู้ดูแลระบบ")


_READ_PLANS = ["plans.view_actionplan", "plans.view_indicator", "plans.view_step", "plans.view_evidence",
               "workdays.view_holiday", "offices.view_office"]
_EDIT_PLANS = ["plans.add_actionplan", "plans.change_actionplan", "plans.add_indicator", "plans.change_indicator",
               "plans.delete_indicator", "plans.add_step", "plans.change_step", "plans.delete_step",
               "plans.add_evidence", "plans.delete_evidence"]
_ADMINISTER = ["offices.add_office", "offices.change_office", "offices.add_user", "offices.change_user",
               "offices.view_user", "workdays.add_holiday", "workdays.change_holiday", "workdays.delete_holiday",
               "workdays.add_deadlinerule", "workdays.change_deadlinerule", "workdays.view_deadlinerule"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COMMITTEE: _READ_PLANS + _EDIT_PLANS,
    # District offices report progress and evidence on their own plans.
    Role.OFFICE_STAFF: _READ_PLANS + ["plans.change_step", "plans.add_evidence"],
    Role.EXECUTIVE: _READ_PLANS,
    Role.ASSESSOR: _READ_PLANS,
    Role.ADMINISTRATOR: _READ_PLANS + _EDIT_PLANS + _ADMINISTER,
}


def ensure_role_groups() -> None:
    """Create or update the five groups with exactly their permissions (idempotent)."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        q = models.Q()
        for perm in perms:
            app_label, codename = perm.split(".")
            q |= models.Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(q))


def role_of(user) -> str | None:
    """The user's role (group name), or None. Superusers count as administrators."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    names = [g.name for g in user.groups.all()]
    return next((r.value for r in Role if r.value in names), None)
