"""The Django admin, for superusers only.

The admin edits every table without office scoping and offers superuser status, groups and permissions on the
user form: whoever may enter it may make themselves superuser and change any office's plans. Office
administrators therefore work in the app's own screens (/manage/), which scope everything to their subtree;
the admin is the tool of the people who run the server (`manage.py createsuperuser`).

Installed as the documented way to replace the default site: `SuperuserAdminConfig` stands in for
"django.contrib.admin" in INSTALLED_APPS, so every `@admin.register` and `admin.site` in the apps reach
`SuperuserAdminSite` without naming it.
"""
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.sites import AdminSite


class SuperuserAdminSite(AdminSite):
    site_header = "ระบบบริหารงาน PMQA หมวด 3 — ผู้ดูแลระบบ (superuser)"
    site_title = "PMQA หมวด 3"
    index_title = "การจัดการฐานข้อมูล"

    def has_permission(self, request) -> bool:
        # Not is_staff, as Django's default does: staff status alone must never open every office's data.
        user = request.user
        return user.is_active and user.is_superuser


class SuperuserAdminConfig(AdminConfig):
    default_site = "pmqa.admin_site.SuperuserAdminSite"
