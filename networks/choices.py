from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkForm(models.TextChoices):
    """รูปแบบเครือข่าย (seed 002's network table): how the network is organised."""

    COMMITTEE = "committee", _("คณะกรรมการ/คณะทำงาน")
    CLUB = "club", _("ชมรม")
    VOLUNTEER = "volunteer", _("เครือข่ายอาสาสมัคร")
    ONLINE = "online", _("กลุ่มออนไลน์")
    ASSOCIATION = "association", _("สมาคม/สหกรณ์/วิสาหกิจชุมชน")
    FORUM = "forum", _("เวทีประชุมประจำ")
    OTHER = "other", _("อื่นๆ")


class ContactKind(models.TextChoices):
    """A way the office reaches a network (seed 001: at least two per network)."""

    PHONE = "phone", _("โทรศัพท์")
    LINE = "line", _("กลุ่ม LINE")
    FACEBOOK = "facebook", _("กลุ่ม Facebook")
    EMAIL = "email", _("จดหมายอิเล็กทรอนิกส์ (e-mail)")
    LETTER = "letter", _("หนังสือราชการ")
    MEETING = "meeting", _("การประชุมประจำ")
    WEBSITE = "website", _("เว็บไซต์")
    OTHER = "other", _("อื่นๆ")


class MemberKind(models.TextChoices):
    ORGANISATION = "organisation", _("องค์กร/หน่วยงาน")
    PERSON = "person", _("บุคคล")


class ActivityKind(models.TextChoices):
    """Seed 000 CS4 step 3: activities both formal and informal."""

    FORMAL = "formal", _("เป็นทางการ")
    INFORMAL = "informal", _("ไม่เป็นทางการ")
