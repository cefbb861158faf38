from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Indicators computed from the processes' data, and the reports assessors and executives read."""

    name = "reports"
    verbose_name = "รายงานและตัวชี้วัด"

    def ready(self):
        # The core calls these when the holiday calendar changes; it may not import them itself.
        from core.workdays.services import calendar_change_handlers_set

        from .wiring import CALENDAR_CHANGE_HANDLERS

        calendar_change_handlers_set(CALENDAR_CHANGE_HANDLERS)
