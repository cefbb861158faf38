"""What the CS7 API reads and answers. Offices and channels travel by their codes, groups by their ids, a service's
steps inside it (in order); a record by its office's own reference."""
from rest_framework import serializers

from core.offices.api.serializers import ScopedOfficeField
from participation.api.serializers import ScopedChannelField
from stakeholders.api.serializers import ScopedGroupField

from ..choices import StandardUnit, Verdict
from ..models import Service, ServiceRecord
from ..services import REFERENCE_MAX

INT_MAX = 2_147_483_647
AMOUNT_ERRORS = {"invalid": "ต้องเป็นจำนวนเต็ม", "min_value": "ต้องมากกว่า 0", "max_value": "ตัวเลขมากเกินไป",
                 "max_string_length": "ตัวเลขยาวเกินไป"}


class ServiceStepSerializer(serializers.Serializer):
    order = serializers.IntegerField(read_only=True, help_text="ลำดับขั้นตอน (ตามลำดับในรายการที่ส่ง)")
    name = serializers.CharField(max_length=255, help_text="ชื่อขั้นตอน")
    amount = serializers.IntegerField(min_value=0, max_value=INT_MAX, error_messages=AMOUNT_ERRORS,
                                      help_text="ระยะเวลาของขั้นตอน ในหน่วยเดียวกับมาตรฐานของงานบริการ")
    responsible_unit = serializers.CharField(max_length=255, required=False, allow_blank=True, default="",
                                             help_text="ผู้รับผิดชอบ")


class ServiceSerializer(serializers.ModelSerializer):
    office = ScopedOfficeField(help_text="รหัสหน่วยงานเจ้าของงานบริการ (หน่วยงานในสังกัดใช้ร่วมได้)")
    groups = ScopedGroupField(many=True, required=False)
    channels = ScopedChannelField(many=True, required=False)
    standard_amount = serializers.IntegerField(min_value=1, max_value=INT_MAX, error_messages=AMOUNT_ERRORS,
                                               help_text="ระยะเวลาแล้วเสร็จตามมาตรฐาน")
    standard_unit = serializers.ChoiceField(
        choices=StandardUnit.values, help_text="minutes (นาทีในเวลาราชการ), working_days หรือ calendar_days",
        error_messages={"invalid_choice": "หน่วยของระยะเวลาต้องเป็น minutes, working_days หรือ calendar_days"})
    steps = ServiceStepSerializer(many=True, required=False, help_text="ขั้นตอนตามลำดับ (แทนที่ขั้นตอนเดิมทั้งหมด)")

    class Meta:
        model = Service
        fields = ["id", "office", "name", "mission", "groups", "channels", "where_to_apply", "documents", "fees",
                  "complaint_channel", "standard_amount", "standard_unit", "steps", "is_active"]
        validators = []  # the service checks the unique name and says it in Thai


class RecordInSerializer(serializers.Serializer):
    """One posted record. A day standard takes `received_on`/`completed_on`, a minute standard `received_at`/
    `completed_at`; the service says which is missing."""

    reference = serializers.CharField(max_length=REFERENCE_MAX, help_text="เลขที่อ้างอิงของหน่วยงาน ส่งซ้ำ = ปรับปรุง",
                                      error_messages={"blank": "กรุณาระบุเลขที่อ้างอิง", "required": "กรุณาระบุเลขที่อ้างอิง"})
    received_on = serializers.DateField(required=False, allow_null=True, help_text="วันที่รับคำขอ (YYYY-MM-DD)")
    completed_on = serializers.DateField(required=False, allow_null=True,
                                         help_text="วันที่แล้วเสร็จ (null = ยังไม่แล้วเสร็จ)")
    received_at = serializers.DateTimeField(required=False, allow_null=True,
                                            help_text="วันเวลาที่รับคำขอ (ISO 8601) เฉพาะมาตรฐานเป็นนาที")
    completed_at = serializers.DateTimeField(required=False, allow_null=True,
                                             help_text="วันเวลาที่แล้วเสร็จ เฉพาะมาตรฐานเป็นนาที (null = ยังไม่แล้วเสร็จ)")
    step = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=32767,
                                    help_text="ลำดับขั้นตอนปัจจุบันของงานบริการ (ไม่บังคับ)")


class RecordSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.code", help_text="รหัสหน่วยงาน")
    service = serializers.IntegerField(source="service_id")
    step = serializers.IntegerField(source="step.order", allow_null=True, default=None,
                                    help_text="ลำดับขั้นตอนปัจจุบัน")
    met = serializers.BooleanField(allow_null=True, help_text="true ทันตามมาตรฐาน, false เกินมาตรฐาน, "
                                                             "null ยังไม่แล้วเสร็จ")

    class Meta:
        model = ServiceRecord
        fields = ["reference", "office", "service", "received_on", "received_at", "completed_on", "completed_at",
                  "step", "due_on", "due_at", "met"]
        read_only_fields = fields


class RecordsPostedSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text="จำนวนที่บันทึกใหม่")
    updated = serializers.IntegerField(help_text="จำนวนที่ปรับปรุงรายการเดิม (เลขที่อ้างอิงเดิม)")
    results = RecordSerializer(many=True)


VERDICTS = Verdict.values
