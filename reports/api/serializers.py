"""What the indicators API reads and answers."""
from django.utils import timezone
from rest_framework import serializers

from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR, fiscal_year_of
from core.offices.api.serializers import ScopedOfficeField


class IndicatorQuerySerializer(serializers.Serializer):
    """`?office=CODE&fiscal_year=YYYY`: an office the user sees (default: their own) and a BE fiscal year (default:
    the current one)."""

    office = ScopedOfficeField(required=False,
                               help_text="รหัสหน่วยงาน (รวมหน่วยงานในสังกัด) ค่าเริ่มต้น: หน่วยงานของผู้ใช้")
    fiscal_year = serializers.IntegerField(
        required=False, min_value=FIRST_FISCAL_YEAR, max_value=LAST_FISCAL_YEAR,
        help_text="ปีงบประมาณ พ.ศ. ค่าเริ่มต้น: ปีงบประมาณปัจจุบัน",
        error_messages=FISCAL_YEAR_ERRORS)

    def validate(self, data):
        user = self.context["request"].user
        if "office" not in data:
            if not user.office_id:
                raise serializers.ValidationError({"office": ["กรุณาระบุรหัสหน่วยงาน"]})
            data["office"] = user.office
        data.setdefault("fiscal_year", fiscal_year_of(timezone.localdate()))
        return data


class ComputedIndicatorSerializer(serializers.Serializer):
    """One computed indicator: its metric code, Thai name, value, and the counts behind it where it has them."""

    metric = serializers.CharField()
    name = serializers.CharField()
    value = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
