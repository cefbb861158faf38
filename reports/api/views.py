"""The indicators API: every metric the system computes, for an office's subtree and a fiscal year, as of now."""
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from core.offices.api.serializers import OfficeYearQuerySerializer
from core.plans.choices import Metric

from ..wiring import METRICS
from .serializers import ComputedIndicatorSerializer


class CanReadIndicators(BasePermission):
    """Whoever reads plans reads their indicators (every role does)."""

    def has_permission(self, request, view):
        return request.user.has_perm("plans.view_indicator")


@dataclass(frozen=True)
class IndicatorRow:
    metric: str
    name: str
    value: Decimal | None
    numerator: int | None
    denominator: int | None


class IndicatorViewSet(viewsets.ViewSet):
    """ตัวชี้วัดที่ระบบคำนวณจากข้อมูล ของหน่วยงาน (รวมหน่วยงานในสังกัด) ในปีงบประมาณหนึ่ง ณ ขณะนี้.

    `GET /api/v1/indicators/?office=CPN&fiscal_year=2569`: หนึ่งแถวต่อตัวชี้วัด — `metric` (รหัส), `name` (ชื่อภาษาไทย),
    `value` (ร้อยละ ทศนิยมสองตำแหน่ง หรือ null เมื่อยังไม่มีข้อมูล), `numerator` และ `denominator` (จำนวนที่นำมาคำนวณ
    เมื่อตัวชี้วัดเป็นสัดส่วนของสิ่งที่นับได้; null เมื่อไม่ใช่ เช่น ร้อยละความพึงพอใจวิธีค่าเฉลี่ย). หน่วยงานนอกขอบเขตของผู้ใช้
    ตอบ 400 เหมือนรหัสที่ไม่มีอยู่.
    """

    permission_classes = [CanReadIndicators]

    @extend_schema(
        parameters=[OpenApiParameter("office", str, description="รหัสหน่วยงาน ค่าเริ่มต้น: หน่วยงานของผู้ใช้"),
                    OpenApiParameter("fiscal_year", int, description="ปีงบประมาณ พ.ศ. ค่าเริ่มต้น: ปีปัจจุบัน")],
        responses={200: inline_serializer("ComputedIndicatorList", {
            "office": serializers.CharField(), "fiscal_year": serializers.IntegerField(),
            "results": ComputedIndicatorSerializer(many=True)})})
    def list(self, request, *args, **kwargs):
        query = OfficeYearQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        office, fiscal_year = query.validated_data["office"], query.validated_data["fiscal_year"]
        today = timezone.localdate()
        rows = []
        for metric, compute in METRICS.items():
            figure = compute(office=office, fiscal_year=fiscal_year, today=today)
            rows.append(IndicatorRow(str(metric), str(Metric(metric).label), figure.value, figure.numerator,
                                     figure.denominator))
        return Response({"office": office.code, "fiscal_year": fiscal_year,
                         "results": ComputedIndicatorSerializer(rows, many=True).data})
