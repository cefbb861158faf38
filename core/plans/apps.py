from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Action plans (A1 objective, indicators, A2 steps) per office, fiscal year and CS, with evidence."""

    name = "core.plans"
    label = "plans"
    verbose_name = "แผนปฏิบัติการ"
