from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    """CS5: การมีส่วนร่วมของประชาชน (CS5)."""

    name = "participation"
    verbose_name = "การมีส่วนร่วมของประชาชน (CS5)"
