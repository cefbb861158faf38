"""What the CS1 API reads and answers. Offices travel by their codes, groups by their ids."""
from rest_framework import serializers

from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR
from core.offices.api.serializers import ScopedOfficeField

from ..models import Mission, StakeholderGroup
from ..selectors import group_list


class ScopedGroupField(serializers.PrimaryKeyRelatedField):
    """A group by its id, among the groups the requesting user sees (their subtree's and the offices' above): any
    other id reads as unknown, exactly like one that does not exist. Every API that takes a group takes it here."""

    queryset = StakeholderGroup.objects.none()  # the model, for the schema; the rows come from get_queryset

    def __init__(self, **kwargs):
        kwargs["error_messages"] = {"does_not_exist": "ไม่พบกลุ่มรหัส {pk_value}",
                                    "incorrect_type": "รหัสกลุ่มต้องเป็นตัวเลข", **kwargs.get("error_messages", {})}
        kwargs.setdefault("help_text", "รหัส (id) ของกลุ่มจาก /api/v1/stakeholder-groups/")
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return group_list(user=request.user) if request else StakeholderGroup.objects.none()


class GroupSerializer(serializers.ModelSerializer):
    office = ScopedOfficeField()

    class Meta:
        model = StakeholderGroup
        fields = ["id", "office", "kind", "name", "criteria", "needs", "expectations", "rank", "is_active"]
        validators = []  # the service checks the unique name and says it in Thai


class MissionSerializer(serializers.ModelSerializer):
    office = ScopedOfficeField()
    fiscal_year = serializers.IntegerField(min_value=FIRST_FISCAL_YEAR, max_value=LAST_FISCAL_YEAR,
                                           error_messages=FISCAL_YEAR_ERRORS, help_text="ปีงบประมาณ พ.ศ.")
    groups = ScopedGroupField(many=True, required=False)
    has_customer = serializers.BooleanField(read_only=True, help_text="มีกลุ่มผู้รับบริการอย่างน้อยหนึ่งกลุ่ม")
    has_stakeholder = serializers.BooleanField(read_only=True, help_text="มีกลุ่มผู้มีส่วนได้ส่วนเสียอย่างน้อยหนึ่งกลุ่ม")

    class Meta:
        model = Mission
        fields = ["id", "office", "fiscal_year", "order", "title", "groups", "has_customer", "has_stakeholder"]
