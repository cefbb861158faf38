from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    """The working-day calendar: government-office holidays and deadline rules."""

    name = "core.workdays"
    label = "workdays"
    verbose_name = "ปฏิทินวันทำการ"
