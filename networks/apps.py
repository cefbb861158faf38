from django.apps import AppConfig


class NetworksConfig(AppConfig):
    """CS4: เครือข่าย (CS4)."""

    name = "networks"
    verbose_name = "เครือข่าย (CS4)"
