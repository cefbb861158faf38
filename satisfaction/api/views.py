"""The survey API: create a round with its questionnaire, record responses, read the results. Scoped as pages."""
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response as ApiResponse

from core.api_errors import as_field_errors
from core.api_permissions import ModelPermissions

from ..choices import ResponseSource
from ..models import SurveyRound
from ..selectors import round_list, round_results
from ..services import responses_record, survey_create
from .serializers import ResponseSerializer, RoundSerializer, SurveyCreateSerializer


class CanEnterResponses(permissions.BasePermission):
    """District offices record responses without the right to create rounds (the round is still scoped)."""

    def has_permission(self, request, view):
        return request.user.has_perm("satisfaction.add_response")


class SurveyViewSet(viewsets.ReadOnlyModelViewSet):
    """รอบการสำรวจความพึงพอใจที่ผู้ใช้เห็นได้: สร้างพร้อมแบบสอบถาม ส่งคำตอบ และอ่านผล (RM 3.1, RM 3.2)."""

    serializer_class = RoundSerializer
    permission_classes = [ModelPermissions]
    queryset = SurveyRound.objects.none()

    def get_queryset(self):
        return round_list(user=self.request.user).order_by("-created_at")

    @extend_schema(request=SurveyCreateSerializer, responses={201: None})
    def create(self, request, *args, **kwargs):  # kwargs: DRF's `format` for /surveys.json
        """สร้างแบบสอบถามและรอบการสำรวจ ตอบกลับ `{id}`."""
        serializer = SurveyCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            survey = survey_create(office=data["office"], title=data["title"], scale_max=data["scale_max"],
                                   items=data["items"], group=data["group"],
                                   bands=data["bands"], by=request.user)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        return ApiResponse({"id": survey.pk}, status=status.HTTP_201_CREATED)

    @extend_schema(request=ResponseSerializer(many=True), responses={201: None})
    @action(detail=True, methods=["post"], url_path="responses", permission_classes=[CanEnterResponses])
    def responses(self, request, pk=None, **kwargs):
        """ส่งคำตอบเป็นรายการ `[{"answers": {รหัสข้อ: ค่า หรือ null}}]` — ทั้งหมดหรือไม่บันทึกเลย."""
        survey = self.get_object()
        serializer = ResponseSerializer(data=request.data, many=True)
        serializer.is_valid(raise_exception=True)
        try:
            created = responses_record(survey=survey, forms=[f["answers"] for f in serializer.validated_data],
                                       form_numbers=[f["form_number"] for f in serializer.validated_data],
                                       channels=[f["channel"] for f in serializer.validated_data],
                                       source=ResponseSource.API)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        return ApiResponse({"created": len(created)}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def results(self, request, pk=None, **kwargs):
        """ผลการสำรวจ: จำนวนผู้ตอบ ร้อยละความพึงพอใจ (mean, top2) ร้อยละความไม่พึงพอใจ รายข้อ (n, mean, sd) รายด้าน
        และผลจำแนกตามข้อมูลผู้ตอบ (`breakdowns`: ข้อเลือกตอบในส่วนข้อมูลผู้ตอบ เช่น กลุ่ม หน่วยงาน ช่องทาง)."""
        results = round_results(self.get_object())
        return ApiResponse({
            "respondents": results.respondents,
            "scale_max": results.scale_max,
            "satisfaction_percent": {"mean": results.satisfaction_mean, "top2": results.satisfaction_top2},
            "dissatisfaction_percent": {"bottom2": results.dissatisfaction_bottom2,
                                        "reported": results.dissatisfaction_reported},
            "items": [{"code": i.code, "dimension": i.dimension, "kind": i.kind, "n": i.n, "mean": i.mean,
                       "sd": i.sd, "band": i.band, "no_opinion": i.no_opinion} for i in results.items],
            "dimensions": [{"dimension": name, "n": stats.n, "mean": stats.mean, "sd": stats.sd, "band": band}
                           for name, stats, band in results.dimensions],
            "breakdowns": [{"code": b.code, "text": b.text, "groups": [
                {"answer": row.label, "respondents": row.respondents, "n": row.stats.n, "mean": row.stats.mean,
                 "sd": row.stats.sd, "band": row.band,
                 "satisfaction_percent": {"mean": row.satisfaction_mean, "top2": row.satisfaction_top2},
                 "dissatisfaction_percent": {"bottom2": row.dissatisfaction_bottom2}} for row in b.rows]}
                for b in results.breakdowns],
        })
