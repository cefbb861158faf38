from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    """The two sides of Category 3 (glossary): who receives the service, and who is affected by the work."""

    CUSTOMER = "customer", _("ผู้รับบริการ")
    STAKEHOLDER = "stakeholder", _("ผู้มีส่วนได้ส่วนเสีย")


class Criterion(models.TextChoices):
    """The criterion a group is segmented by (seed 001: กำหนดหลักเกณฑ์ในการจำแนกกลุ่ม C/S)."""

    MISSION = "mission", _("ตามพันธกิจ")
    SERVICE = "service", _("ตามสินค้า/บริการ")
    AREA = "area", _("ตามพื้นที่")
    LAW = "law", _("ตามกฎหมาย/อำนาจหน้าที่")
    CHANNEL = "channel", _("ตามช่องทางการรับบริการ")
    OTHER = "other", _("อื่น ๆ")
