"""The CS1 API: groups and missions, scoped as the pages are; every write goes through the services."""
from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters import rest_framework as filters
from rest_framework import mixins, viewsets

from core.api_errors import as_field_errors
from core.api_permissions import ModelPermissions
from core.offices.scoping import get_scoped_or_404

from .. import selectors, services
from ..models import Mission, StakeholderGroup
from .serializers import GroupSerializer, MissionSerializer


class _Writes(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """List, create, read, update; a change reaches only rows of the user's own subtree (a group inherited from the
    province reads, and is a 404 to change)."""

    permission_classes = [ModelPermissions]

    def get_object(self):
        rows = self.get_queryset()
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            return get_scoped_or_404(rows, self.request.user, pk=self.kwargs["pk"])
        return super().get_object()

    def perform_create(self, serializer):
        self._save(serializer, None)

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)

    def _save(self, serializer, instance):
        try:
            serializer.instance = self.save(instance, serializer.validated_data)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc


class GroupFilter(filters.FilterSet):
    office = filters.CharFilter(field_name="office__code", label="รหัสหน่วยงาน")

    class Meta:
        model = StakeholderGroup
        fields = ["office", "kind", "is_active"]


class GroupViewSet(_Writes):
    """กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย ที่ผู้ใช้เห็นได้ (ของหน่วยงานในสังกัดและของหน่วยงานต้นสังกัด).

    `kind`: `customer` (ผู้รับบริการ) หรือ `stakeholder` (ผู้มีส่วนได้ส่วนเสีย); `rank`: ลำดับความสำคัญ 1 = สำคัญที่สุด.
    แก้ไขได้เฉพาะกลุ่มของหน่วยงานในสังกัดของผู้ใช้.
    """

    serializer_class = GroupSerializer
    queryset = StakeholderGroup.objects.none()
    filterset_class = GroupFilter

    def get_queryset(self):
        return selectors.group_list(user=self.request.user).order_by("office__path", "kind", "rank", "pk")

    def save(self, instance, data):
        office = data.pop("office", None)  # a group stays with the office that defined it
        return services.group_save(office=instance.office if instance else office, group=instance, **data)


class MissionFilter(filters.FilterSet):
    office = filters.CharFilter(field_name="office__code", label="รหัสหน่วยงาน")

    class Meta:
        model = Mission
        fields = ["office", "fiscal_year"]


class MissionViewSet(_Writes):
    """พันธกิจของหน่วยงานในปีงบประมาณ และกลุ่มที่พันธกิจนั้นให้บริการหรือมีผลกระทบ (`groups`: รหัสกลุ่ม)."""

    serializer_class = MissionSerializer
    queryset = Mission.objects.none()
    filterset_class = MissionFilter

    def get_queryset(self):
        return selectors.mission_list(user=self.request.user).order_by("-fiscal_year", "office__code", "order", "pk")

    def save(self, instance, data):
        if instance is not None:
            data = {"office": instance.office, "fiscal_year": instance.fiscal_year, "title": instance.title,
                    "order": instance.order, "groups": list(instance.groups.all()), **data}
        return services.mission_save(mission=instance, **data)
