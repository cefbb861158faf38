from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from core.api_errors import as_field_errors
from core.api_permissions import ModelPermissions
from core.offices.scoping import scope

from .. import services
from ..computed import figure_of
from ..models import ActionPlan, Indicator, Step
from ..selectors import plan_get
from .filters import ActionPlanFilter
from .serializers import ActionPlanSerializer, ActionPlanWriteSerializer


class ActionPlanViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """แผนปฏิบัติการที่ผู้ใช้มองเห็น (`?fiscal_year=2555&cs=CS3`); รายละเอียดมีตัวชี้วัดและกิจกรรมตามลำดับ.

    สร้าง (POST) และแก้ไข (PATCH) ได้ทั้งแผน: `indicators` แต่ละตัวมี `code`, `name`, `unit`, `target`, `direction`
    (higher/lower), `ladder` เกณฑ์คะแนน 5 ระดับ และ `metric` (คำนวณจากระบบ) หรือ `result` (บันทึกเอง); `steps`
    ตามคอลัมน์ของแผน. ตัวชี้วัดและกิจกรรมจับคู่ตามลำดับ (ตัวชี้วัด: ตำแหน่งในรายการ; กิจกรรม: `order`) รายการที่ส่งคือ
    ทั้งหมด. คำตอบของรายการเดียว การสร้าง และการแก้ไข ให้ `result`, `success_percent` และ `score` ของตัวชี้วัดที่คำนวณ
    จากระบบ ณ ขณะนั้น; รายการหลายแผนให้ค่าที่คำนวณล่าสุด.
    """

    permission_classes = [ModelPermissions]
    filterset_class = ActionPlanFilter
    queryset = ActionPlan.objects.none()
    serializer_class = ActionPlanSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        plans = ActionPlan.objects.select_related("office").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order")),
            Prefetch("steps", queryset=Step.objects.order_by("order").prefetch_related("periods")),
        )
        return scope(plans, self.request.user).order_by("-fiscal_year", "office__code", "cs")

    def get_object(self):
        return plan_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_serializer_class(self):
        return ActionPlanWriteSerializer if self.action in ("create", "partial_update") else ActionPlanSerializer

    def _answer(self, plan: ActionPlan, code: int) -> Response:
        """The plan as the API shows it, its computed indicators computed now."""
        plan = plan_get(user=self.request.user, pk=plan.pk)
        today = timezone.localdate()
        results = {}
        for indicator in plan.indicators.all():
            if indicator.metric:
                figure = figure_of(indicator.metric, office=plan.office, fiscal_year=plan.fiscal_year, today=today)
                if figure is not None:
                    results[indicator.pk] = figure.value
        data = ActionPlanSerializer(plan, context={**self.get_serializer_context(), "results": results}).data
        return Response(data, status=code)

    def retrieve(self, request, *args, **kwargs):
        return self._answer(self.get_object(), status.HTTP_200_OK)

    @extend_schema(request=ActionPlanWriteSerializer, responses={201: ActionPlanSerializer})
    def create(self, request, *args, **kwargs):
        serializer = ActionPlanWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return self._answer(self._save(None, serializer.validated_data), status.HTTP_201_CREATED)

    @extend_schema(request=ActionPlanWriteSerializer, responses={200: ActionPlanSerializer})
    def partial_update(self, request, *args, **kwargs):
        plan = self.get_object()
        serializer = ActionPlanWriteSerializer(data=request.data, partial=True, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return self._answer(self._save(plan, serializer.validated_data), status.HTTP_200_OK)

    def _save(self, plan: ActionPlan | None, data: dict) -> ActionPlan:
        fields = {"office": data.get("office", plan.office if plan else None),
                  "fiscal_year": data.get("fiscal_year", plan.fiscal_year if plan else None),
                  "cs": data.get("cs", plan.cs if plan else None),
                  "title": data.get("title", plan.title if plan else ""),
                  "objective": data.get("objective", plan.objective if plan else ""),
                  "definitions": data.get("definitions", plan.definitions if plan else "")}
        indicators = data.get("indicators")
        if indicators is not None:
            # On PATCH the nested fields are not required either: what an indicator leaves out, the service names.
            indicators = [services.IndicatorInput(
                name=i.get("name", ""), target=i.get("target"), ladder=tuple(i.get("ladder", ())),
                code=i.get("code", ""), unit=i.get("unit", "ร้อยละ"), direction=i.get("direction", "higher"),
                metric=i.get("metric", ""), result=i.get("result")) for i in indicators]
        try:
            return services.plan_save(plan=plan, indicators=indicators, steps=data.get("steps"), **fields)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
