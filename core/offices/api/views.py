from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, viewsets

from core.api_errors import as_field_errors
from core.api_permissions import ModelPermissions

from ..models import Office
from ..selectors import office_list
from ..services import office_create
from .serializers import OfficeSerializer


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
        # The parent is an office the user sees (ScopedOfficeField): any other code was refused as unknown.
        parent = serializer.validated_data.get("parent")
        if parent is None and not self.request.user.is_superuser:
            # A new root would be a tree beside the department's: outside every administrator's reach, and it
            # would end the root administrator's view of every office (scoping.sees_every_office).
            raise serializers.ValidationError({"parent": ["โปรดระบุรหัสหน่วยงานแม่ที่อยู่ในความรับผิดชอบของท่าน"]})
        try:
            serializer.instance = office_create(code=serializer.validated_data["code"],
                                                name=serializer.validated_data["name"],
                                                short_name=serializer.validated_data.get("short_name", ""),
                                                parent=parent)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
