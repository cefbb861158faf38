from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Indicators computed from the processes' data, and the reports assessors and executives read."""

    name = "reports"
    verbose_name = "รายงานและตัวชี้วัด"

    def ready(self):
        # The core calls these when the holiday calendar changes, and the CS2 table counts what came by each channel
        # through these: neither may import the processes above it.
        from channels.usage import counted_sources_set
        from core.plans.computed import computed_set
        from core.workdays.services import calendar_change_handlers_set

        from .wiring import CALENDAR_CHANGE_HANDLERS, CHANNEL_COUNTS, DRILLDOWNS, METRICS

        calendar_change_handlers_set(CALENDAR_CHANGE_HANDLERS)
        counted_sources_set(CHANNEL_COUNTS)
        # The scoreboard links a computed value to its records, and the plans API computes a metric afresh.
        computed_set(figures=METRICS, drilldowns=DRILLDOWNS)
