from django.apps import AppConfig


class OfficesConfig(AppConfig):
    """Offices (the tree), people and roles."""

    name = "pmqa.offices"
    label = "offices"
    verbose_name = "หน่วยงานและผู้ใช้"

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_sync_role_groups, dispatch_uid="pmqa-sync-role-groups")


def _sync_role_groups(sender, app_config=None, **kwargs):
    """After `migrate` has created every app's permissions, give the five role groups exactly theirs.

    Django creates permissions in its own post_migrate handlers, one app at a time; ours acts once,
    after the last installed app, so that a new release's permissions reach the roles on upgrade.
    """
    from django.apps import apps

    if app_config is not None and app_config.label == list(apps.get_app_configs())[-1].label:
        from .roles import ensure_role_groups

        ensure_role_groups()
