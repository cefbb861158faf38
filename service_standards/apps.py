from django.apps import AppConfig


class ServiceStandardsConfig(AppConfig):
    """CS7: มาตรฐานการให้บริการ (CS7)."""

    name = "service_standards"
    verbose_name = "มาตรฐานการให้บริการ (CS7)"
