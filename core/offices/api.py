from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, viewsets

from core.api_permissions import ModelPermissions

from .models import Office
from .scoping import visible_offices
from .selectors import office_list
from .services import office_create


class OfficeSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", queryset=Office.objects.all(), required=False,
                                          allow_null=True, help_text="รหัสหน่วยงานแม่")

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


class OfficeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """หน่วยงานที่ผู้ใช้มองเห็น; ผู้ดูแลระบบเพิ่มหน่วยงานได้ (parent เป็นรหัสหน่วยงาน)."""

    serializer_class = OfficeSerializer
    permission_classes = [ModelPermissions]
    lookup_field = "code"
    queryset = Office.objects.none()  # for the schema and the permission class

    def get_queryset(self):
        return office_list(user=self.request.user)

    def perform_create(self, serializer):
        parent = serializer.validated_data.get("parent")
        if parent is None and not self.request.user.is_superuser:
            # A new root would be a tree beside the department's: outside every administrator's reach, and it
            # would end the root administrator's view of every office (scoping.sees_every_office).
            raise serializers.ValidationError({"parent": ["โปรดระบุรหัสหน่วยงานแม่ที่อยู่ในความรับผิดชอบของท่าน"]})
        if parent is not None and not visible_offices(self.request.user).filter(pk=parent.pk).exists():
            raise serializers.ValidationError({"parent": ["ไม่พบหน่วยงานแม่นี้"]})
        try:
            serializer.instance = office_create(code=serializer.validated_data["code"],
                                                name=serializer.validated_data["name"],
                                                short_name=serializer.validated_data.get("short_name", ""),
                                                parent=parent)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
