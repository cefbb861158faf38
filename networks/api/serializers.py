"""What the CS4 API reads and answers. Offices travel by their codes, groups by their ids."""
from rest_framework import serializers

from core.offices.api.serializers import ScopedOfficeField
from satisfaction.api.serializers import ItemSerializer
from stakeholders.api.serializers import ScopedGroupField

from ..choices import ActivityKind, ContactKind, MemberKind
from ..evaluation import template_names
from ..models import Activity, Network


class ContactChannelSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ContactKind.values, help_text="phone, line, facebook, email, letter, "
                                                                         "meeting, website หรือ other")
    value = serializers.CharField(max_length=255, help_text="รายละเอียดการติดต่อ เช่น เบอร์โทรศัพท์ ชื่อกลุ่ม LINE")


class MemberSerializer(serializers.Serializer):
    """A member; a person's name, phone and e-mail are null for those who may not see them (executives, assessors,
    another office's staff)."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=MemberKind.values)
    name = serializers.CharField(allow_null=True)
    position = serializers.CharField()
    phone = serializers.CharField(allow_null=True)
    email = serializers.CharField(allow_null=True)
    group = serializers.IntegerField(source="group_id", allow_null=True)

    def to_representation(self, member):
        data = super().to_representation(member)
        if not member.details_visible:
            data["phone"] = data["email"] = None
            if member.kind == MemberKind.PERSON:
                data["name"] = None
        return data


class NetworkSerializer(serializers.ModelSerializer):
    office = ScopedOfficeField()
    groups = ScopedGroupField(many=True, help_text="รหัส (id) ของกลุ่ม CS1 จาก /api/v1/stakeholder-groups/ อย่างน้อย 1 กลุ่ม")
    contact_channels = ContactChannelSerializer(many=True, help_text="ช่องทางการติดต่อสื่อสาร อย่างน้อย 2 ช่องทาง")
    members = MemberSerializer(many=True, read_only=True, source="visible_members")

    class Meta:
        model = Network
        fields = ["id", "office", "name", "form", "form_detail", "groups", "contact_channels", "purpose", "is_active",
                  "members"]
        validators = []  # the service checks the unique name and says it in Thai


class ActivitySerializer(serializers.ModelSerializer):
    network = serializers.IntegerField(source="network_id", read_only=True)
    kind = serializers.ChoiceField(choices=ActivityKind.values, help_text="formal (เป็นทางการ) หรือ informal")
    participants = serializers.IntegerField(min_value=0, max_value=2_147_483_647, required=False, allow_null=True,
                                            help_text="จำนวนผู้เข้าร่วม (คน)")
    evaluation = serializers.IntegerField(source="evaluation_id", read_only=True, allow_null=True,
                                          help_text="รหัสรอบการสำรวจ (/api/v1/surveys/{id}/) ของแบบประเมินกิจกรรม")
    respondents = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Activity
        fields = ["id", "network", "title", "kind", "held_on", "starts_at", "ends_at", "place", "announced_on",
                  "announcement", "co_designed", "participants", "outcome", "evaluation", "respondents"]


class EvaluationCreateSerializer(serializers.Serializer):
    """A questionnaire as `POST /api/v1/surveys/` takes it (title, scale_max, items, bands; office and group come from
    the activity), or the name of the standard template."""

    template = serializers.ChoiceField(choices=template_names(), required=False, allow_blank=True, default="",
                                       help_text="network-activity: แบบประเมินความพึงพอใจต่อกิจกรรมมาตรฐาน")
    title = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    scale_max = serializers.IntegerField(required=False, allow_null=True, default=None)
    items = ItemSerializer(many=True, required=False, default=list)
    bands = serializers.ListField(child=serializers.ListField(min_length=3, max_length=3), required=False,
                                  default=list)

    def validate(self, data):
        if not data["template"] and not data["items"]:
            raise serializers.ValidationError({"items": ["กรุณาส่งข้อคำถาม (items) หรือชื่อแบบประเมินมาตรฐาน (template)"]})
        if data["items"] and data["scale_max"] is None:
            raise serializers.ValidationError({"scale_max": ["กรุณาระบุคะแนนเต็มของมาตราส่วน (4 หรือ 5)"]})
        return data


