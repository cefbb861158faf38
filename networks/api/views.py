"""The CS4 API: networks (list, create, read, update), a network's activities (list, create) and an activity's
evaluation (a CS6 survey round about it). Scoped as the pages are; every write goes through the services."""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.api_errors import as_field_errors
from core.api_permissions import ModelPermissions
from core.offices.pickers import may_edit

from .. import selectors, services
from ..models import Activity, Network
from .serializers import ActivitySerializer, EvaluationCreateSerializer, NetworkSerializer


class NetworkFilter(filters.FilterSet):
    office = filters.CharFilter(field_name="office__code", label="รหัสหน่วยงาน")

    class Meta:
        model = Network
        fields = ["office", "form", "is_active"]


class ActivityPermissions(permissions.BasePermission):
    """A network's activities: reading needs view_activity, recording one add_activity."""

    def has_permission(self, request, view):
        needed = "networks.view_activity" if request.method in permissions.SAFE_METHODS else "networks.add_activity"
        return request.user.has_perm(needed)


class NetworkViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """เครือข่าย (CS4) ของหน่วยงานในขอบเขตของผู้ใช้: สร้างจากกลุ่ม CS1 (`groups`) มีช่องทางการติดต่อสื่อสาร
    (`contact_channels`: `[{kind, value}]`) อย่างน้อย 2 ช่องทาง. `members`: สมาชิก — ชื่อบุคคล โทรศัพท์ และอีเมล
    เป็น null สำหรับผู้ที่ไม่มีสิทธิ์เห็นข้อมูลส่วนบุคคล (ผู้บริหาร ผู้ตรวจประเมิน)."""

    serializer_class = NetworkSerializer
    permission_classes = [ModelPermissions]
    queryset = Network.objects.none()
    filterset_class = NetworkFilter

    def get_queryset(self):
        members = selectors.member_queryset(user=self.request.user).order_by("kind", "name", "pk")
        return (selectors.network_list(user=self.request.user)
                .prefetch_related(Prefetch("members", queryset=members, to_attr="visible_members"))
                .order_by("office__path", "name", "pk"))

    def perform_create(self, serializer):
        self._save(serializer, None)

    def perform_update(self, serializer):
        network = serializer.instance
        if not may_edit(self.request.user, "networks.change_network", network.office):
            raise PermissionDenied
        self._save(serializer, network)

    def _save(self, serializer, network):
        data = dict(serializer.validated_data)
        if network is not None:  # a partial update keeps what it does not name
            data = {"name": network.name, "form": network.form, "form_detail": network.form_detail,
                    "purpose": network.purpose, "is_active": network.is_active, "groups": list(network.groups.all()),
                    "contact_channels": [{"kind": c.kind, "value": c.value} for c in network.contact_channels.all()],
                    **data}
        office = network.office if network else data.pop("office")
        data.pop("office", None)  # a network stays with the office that made it
        try:
            saved = services.network_save(network=network, office=office, **data)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        serializer.instance = self.get_queryset().get(pk=saved.pk)

    @extend_schema(request=ActivitySerializer, responses={200: ActivitySerializer(many=True),
                                                          201: ActivitySerializer})
    @action(detail=True, methods=["get", "post"], url_path="activities", permission_classes=[ActivityPermissions])
    def activities(self, request, pk=None, **kwargs):
        """กิจกรรมสร้างความสัมพันธ์ของเครือข่าย (GET) และบันทึกกิจกรรมใหม่ (POST: title, kind, held_on, place,
        participants …) ตอบกลับพร้อม `id`."""
        network = self.get_object()
        if request.method == "GET":
            rows = selectors.activity_list(user=request.user).filter(network=network).order_by("-held_on", "-pk")
            page = self.paginate_queryset(rows)
            return self.get_paginated_response(ActivitySerializer(page, many=True).data)
        if not may_edit(request.user, "networks.add_activity", network.office):
            raise PermissionDenied
        serializer = ActivitySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            activity = services.activity_save(network=network, by=request.user, **serializer.validated_data)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        return Response(ActivitySerializer(selectors.activity_get(user=request.user, pk=activity.pk)).data,
                        status=status.HTTP_201_CREATED)


class ActivityViewSet(viewsets.ReadOnlyModelViewSet):
    """กิจกรรมสร้างความสัมพันธ์กับเครือข่าย (CS4) ในขอบเขตของผู้ใช้ และแบบประเมินหลังกิจกรรม (`evaluation`)."""

    serializer_class = ActivitySerializer
    permission_classes = [ModelPermissions]
    queryset = Activity.objects.none()

    def get_queryset(self):
        return selectors.activity_list(user=self.request.user).order_by("-held_on", "-pk")

    @extend_schema(request=EvaluationCreateSerializer,
                   responses={201: inline_serializer("EvaluationCreated", {"id": serializers.IntegerField()})})
    @action(detail=True, methods=["post"], url_path="evaluation")
    def evaluation(self, request, pk=None, **kwargs):
        """เปิดแบบประเมินกิจกรรม: ส่งแบบสอบถามในรูปแบบเดียวกับ `POST /api/v1/surveys/` (title, scale_max, items, bands)
        หรือ `{"template": "network-activity"}` ตอบกลับ `{id}` ของรอบการสำรวจ; ส่งคำตอบต่อที่
        `POST /api/v1/surveys/{id}/responses/`. กิจกรรมหนึ่งมีแบบประเมินได้ชุดเดียว."""
        activity = self.get_object()
        if not request.user.has_perm("networks.change_activity") or not may_edit(
                request.user, "networks.change_activity", activity.network.office):
            raise PermissionDenied
        serializer = EvaluationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            survey = services.evaluation_open(activity=activity, by=request.user, **serializer.validated_data)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        return Response({"id": survey.pk}, status=status.HTTP_201_CREATED)
