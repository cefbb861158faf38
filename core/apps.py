from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared core as an app: its template filters (Thai dates) and the pieces below every process."""

    name = "core"
    verbose_name = "PMQA หมวด 3: ส่วนกลาง"
