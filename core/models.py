"""The one table of the shared core: when background work last proved it was alive (for /health/)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last time a named piece of background work finished: `worker` (a beat task every minute) and
    `daily_check` (complaints.tasks.daily_sla_check). In the database, not the cache, so that a Redis restart
    does not make the monitoring believe the daily check never ran."""

    name = models.CharField(_("ชื่อ"), max_length=50, primary_key=True)
    at = models.DateTimeField(_("เวลาล่าสุด"))

    class Meta:
        verbose_name = _("สัญญาณการทำงานเบื้องหลัง")
        verbose_name_plural = _("สัญญาณการทำงานเบื้องหลัง")

    def __str__(self):
        return f"{self.name} {self.at:%Y-%m-%d %H:%M}"
