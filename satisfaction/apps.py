from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    """CS6: ความพึงพอใจ (CS6)."""

    name = "satisfaction"
    verbose_name = "ความพึงพอใจ (CS6)"
