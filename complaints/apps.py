from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    """CS3: ข้อร้องเรียน (CS3)."""

    name = "complaints"
    verbose_name = "ข้อร้องเรียน (CS3)"
