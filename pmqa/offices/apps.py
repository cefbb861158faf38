from django.apps import AppConfig


class OfficesConfig(AppConfig):
    """Offices (the tree), people and roles."""

    name = "pmqa.offices"
    label = "offices"
    verbose_name = "หน่วยงานและผู้ใช้"
