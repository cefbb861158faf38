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


class ScheduledRun(models.Model):
    """A scheduled job's claim on one period (a day, a quarter of an hour …), inserted before the job does its work
    (core.schedule.period_claim): a second run of the same job for the same period — two beats running by mistake,
    on one machine or two, or a manual call on top of the schedule — finds the row and does nothing. The same task
    delivered again (its worker died, or it retries) carries the same task id and goes on."""

    job = models.CharField(_("งาน"), max_length=100)
    period = models.CharField(_("รอบ"), max_length=40)
    task_id = models.CharField(_("รหัสงานที่ทำ"), max_length=255)
    claimed_at = models.DateTimeField(_("เริ่มเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("รอบงานตามกำหนดเวลา")
        verbose_name_plural = _("รอบงานตามกำหนดเวลา")
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="one_run_per_job_period")]

    def __str__(self):
        return f"{self.job} {self.period}"
