"""What the offices API reads and answers, and the office-code field every API uses to name an office."""
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR, fiscal_year_of

from ..models import Office
from ..scoping import visible_offices


@extend_schema_field(OpenApiTypes.STR)  # an office code
class ScopedOfficeField(serializers.SlugRelatedField):
    """An office named by its code, among the offices the requesting user sees: any other code reads as unknown,
    exactly like a code that does not exist. Every API that takes an office takes it through this field."""

    queryset = Office.objects.none()  # the model, for the schema; the rows come from get_queryset

    def __init__(self, **kwargs):
        kwargs["error_messages"] = {"does_not_exist": "ไม่พบหน่วยงานรหัส “{value}”", "required": "กรุณาระบุรหัสหน่วยงาน",
                                    "blank": "กรุณาระบุรหัสหน่วยงาน", "null": "กรุณาระบุรหัสหน่วยงาน",
                                    **kwargs.get("error_messages", {})}
        super().__init__(slug_field="code", **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return visible_offices(request.user) if request else Office.objects.none()


class OfficeSerializer(serializers.ModelSerializer):
    parent = ScopedOfficeField(required=False, allow_null=True, help_text="รหัสหน่วยงานแม่",
                               error_messages={"does_not_exist": "ไม่พบหน่วยงานแม่รหัส “{value}”"})

    class Meta:
        model = Office
        fields = ["code", "name", "short_name", "parent"]
        extra_kwargs = {"code": {"validators": []}}  # validate_code says it in plain Thai

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if hasattr(instance, "parent_code"):
            data["parent"] = instance.parent_code
        else:  # just created: not from office_list
            parent = Office.objects.get_parent(instance)
            data["parent"] = parent.code if parent else None
        return data

    def validate_code(self, value):
        if Office.objects.filter(code=value).exists():
            raise serializers.ValidationError(f"มีหน่วยงานรหัส {value} อยู่แล้ว")
        return value


class OfficeYearQuerySerializer(serializers.Serializer):
    """`?office=CODE&fiscal_year=YYYY` (the indicators API, the PMQA 4.0 API): an office the user sees (default: their own) and a BE fiscal year (default:
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
