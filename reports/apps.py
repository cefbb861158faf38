from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Indicators computed from the processes' data, and the reports assessors and executives read."""

    name = "reports"
    verbose_name = "รายงานและตัวชี้วัด"
