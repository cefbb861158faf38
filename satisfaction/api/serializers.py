"""What the survey API reads and answers. Offices travel by their codes."""
from rest_framework import serializers

from channels.selectors import channel_list
from core.offices.api.serializers import ScopedOfficeField
from stakeholders.api.serializers import ScopedGroupField

from ..choices import ItemKind, Section
from ..models import SurveyRound
from ..services import round_closed_message


class ItemSerializer(serializers.Serializer):
    code = serializers.SlugField(max_length=32)
    text = serializers.CharField()
    dimension = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=ItemKind.values, default=ItemKind.RATING)
    section = serializers.ChoiceField(
        choices=Section.values, default=Section.SATISFACTION,
        error_messages={"invalid_choice": f"ส่วนต้องเป็น {', '.join(Section.values)} (ได้รับ “{{input}}”)"})
    choices = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class SurveyCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    office = ScopedOfficeField()
    scale_max = serializers.IntegerField()
    group = ScopedGroupField(required=False, allow_null=True, default=None)
    items = ItemSerializer(many=True)
    bands = serializers.ListField(child=serializers.ListField(min_length=3, max_length=3), required=False,
                                  default=list, help_text="[[ค่าต่ำสุด, ค่าสูงสุด, คำแปลผล], …] ว่างไว้ = เกณฑ์มาตรฐาน")


class ResponseSerializer(serializers.Serializer):
    answers = serializers.DictField(child=serializers.JSONField(allow_null=True))
    form_number = serializers.CharField(required=False, allow_blank=True, default="")
    channel = serializers.SlugRelatedField(
        slug_field="code", queryset=channel_list(), required=False, allow_null=True, default=None,
        help_text="รหัสช่องทางที่ได้รับแบบสอบถามนี้ (จาก /api/v1/channels/) ไม่ระบุได้",
        error_messages={"does_not_exist": "ไม่พบช่องทางรหัส “{value}”", "invalid": "รหัสช่องทางไม่ถูกต้อง"})


class RoundSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.code")
    scale_max = serializers.IntegerField(source="questionnaire.scale_max")
    takes_answers = serializers.SerializerMethodField(help_text="รับคำตอบวันนี้หรือไม่ (เปิดอยู่และวันนี้อยู่ในช่วงวันที่ของรอบ)")
    closed_reason = serializers.SerializerMethodField(help_text="เหตุที่ไม่รับคำตอบ (null เมื่อรับคำตอบ)")

    class Meta:
        model = SurveyRound
        fields = ["id", "title", "office", "scale_max", "respondents", "public_key", "is_open", "starts_on", "ends_on",
                  "takes_answers", "closed_reason"]

    def get_closed_reason(self, survey) -> str | None:
        return round_closed_message(survey=survey)

    def get_takes_answers(self, survey) -> bool:
        return round_closed_message(survey=survey) is None
