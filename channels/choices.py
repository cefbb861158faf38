from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    PROACTIVE = "proactive", _("เชิงรุก")
    REACTIVE = "reactive", _("เชิงรับ")


class ChannelKind(models.TextChoices):
    """What kind of channel it is: the eight rows of seed 002's statistics table (website and "others" among them),
    then the modern channels of seed 004 and the issue (LINE, Facebook, Instagram, X, petition, e-mail)."""

    OFFICE = "office", _("สำนักงานหรือจุดบริการ")
    DOCUMENT = "document", _("หนังสือ เอกสาร แบบสอบถาม")
    MEETING = "meeting", _("การประชุม/พบปะพูดคุย")
    LEARNING_CENTRE = "learning_centre", _("ศูนย์สาธิต/ศูนย์การเรียนรู้")
    PHONE = "phone", _("โทรศัพท์/โทรสาร/สายด่วน")
    WEBSITE = "website", _("เว็บไซต์จังหวัด/หน่วยงาน")
    SUGGESTION_BOX = "suggestion_box", _("ตู้/กล่องรับความคิดเห็น")
    LINE = "line", _("LINE")
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    X = "x", _("X (Twitter)")
    PETITION = "petition", _("คำร้อง")
    EMAIL = "email", _("จดหมายอิเล็กทรอนิกส์ (e-mail)")
    OTHER = "other", _("อื่นๆ")


class ImprovementSource(models.TextChoices):
    """Where an improvement came from: what the channels heard (CS2-D/I), or complaints (CS3-I)."""

    LISTENING = "listening", _("จากการรับฟังผ่านช่องทาง (CS2)")
    COMPLAINTS = "complaints", _("จากข้อร้องเรียน (CS3)")
