from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayKind(models.TextChoices):
    PUBLIC = "public", _("วันหยุดราชการ")
    SUBSTITUTION = "substitution", _("วันหยุดชดเชย")
    GOVERNMENT = "government", _("วันหยุดราชการเฉพาะหน่วยงานราชการ")
    SPECIAL = "special", _("วันหยุดพิเศษ (มติ ครม.)")


class DeadlineBasis(models.TextChoices):
    WORKING_DAYS = "working_days", _("วันทำการ")
    CALENDAR_DAYS = "calendar_days", _("วันตามปฏิทิน (ถ้าครบกำหนดวันหยุด เลื่อนเป็นวันทำการถัดไป)")
