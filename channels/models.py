from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    PROACTIVE = "proactive", _("เชิงรุก")
    REACTIVE = "reactive", _("เชิงรับ")


class Channel(models.Model):
    """A listening channel (ช่องทาง) through which people reach an office."""

    code = models.SlugField(_("รหัสช่องทาง"), max_length=32, unique=True)
    name = models.CharField(_("ชื่อช่องทาง"), max_length=255)
    direction = models.CharField(_("ลักษณะ"), max_length=16, choices=Direction.choices, default=Direction.REACTIVE)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("ช่องทาง")
        verbose_name_plural = _("ช่องทาง")

    def __str__(self) -> str:
        return self.name
