from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    """CS1: กลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย (CS1)."""

    name = "stakeholders"
    verbose_name = "กลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย (CS1)"
