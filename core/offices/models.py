from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node


class Office(MP_Node):
    """A node of the office tree: department → province office → district offices, groups, sections."""

    code = models.SlugField(_("รหัสหน่วยงาน"), max_length=32, unique=True, allow_unicode=False)
    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=255)
    short_name = models.CharField(_("ชื่อย่อ"), max_length=64, blank=True)
    head = models.ForeignKey(
        "offices.User", verbose_name=_("หัวหน้าหน่วยงาน"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. Belongs to one office (none for a superuser) and sees it and everything below."""

    office = models.ForeignKey(
        Office, verbose_name=_("หน่วยงาน"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=255, blank=True)
    line_user_id = models.CharField(_("LINE user ID"), max_length=64, blank=True,
                                    help_text=_("สำหรับรับการแจ้งเตือนทาง LINE (ถ้าหน่วยงานเปิดใช้)"))

    class Meta:
        verbose_name = _("ผู้ใช้")
        verbose_name_plural = _("ผู้ใช้")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
