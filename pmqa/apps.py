from django.apps import AppConfig


class PmqaConfig(AppConfig):
    """The project package as an app: templates tags, management commands, PDF rendering."""

    name = "pmqa"
    verbose_name = "PMQA หมวด 3"
