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


class QueuedTask(models.Model):
    """A Celery task the broker refused when it was queued (Redis down): kept here with everything needed to send it
    again, and sent once the broker is back (core.queueing.outbox_flush: a beat job every minute and each worker's
    start-up), then deleted. In the database, so that nothing a user asked for is lost with the broker."""

    task = models.CharField(_("งานเบื้องหลัง"), max_length=200)
    args = models.JSONField(_("อาร์กิวเมนต์"), default=list)
    kwargs = models.JSONField(_("อาร์กิวเมนต์ระบุชื่อ"), default=dict)
    headers = models.JSONField(_("ส่วนหัวข้อความ"), default=dict)
    options = models.JSONField(_("ตัวเลือกการส่ง"), default=dict)
    created_at = models.DateTimeField(_("เวลาที่เข้าคิว"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("จำนวนครั้งที่ลองส่ง"), default=0)
    last_error = models.CharField(_("ข้อผิดพลาดล่าสุด"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("งานเบื้องหลังที่รอส่ง")
        verbose_name_plural = _("งานเบื้องหลังที่รอส่ง")
        ordering = ["id"]

    def __str__(self):
        return f"{self.task} #{self.pk}"
