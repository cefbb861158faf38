from django.apps import AppConfig


class OfficesConfig(AppConfig):
    """Offices (the tree), people and roles."""

    name = "core.offices"
    label = "offices"
    verbose_name = "หน่วยงานและผู้ใช้"

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_sync_role_groups, dispatch_uid="pmqa-sync-role-groups")


def _sync_role_groups(sender, app_config=None, **kwargs):
    """After `migrate`, give the five role groups exactly their permissions.

    Django creates permissions in its own post_migrate handlers, one app at a time, and sends the signal
    only for apps that have models; syncing after each one is cheap, and the last sync sees them all, so
    a new release's permissions reach the roles on upgrade.
    """
    from .roles import ensure_role_groups

    ensure_role_groups()
