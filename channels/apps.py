from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    """CS2: ช่องทางการรับฟัง (CS2)."""

    name = "channels"
    verbose_name = "ช่องทางการรับฟัง (CS2)"
