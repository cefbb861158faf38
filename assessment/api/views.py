"""The PMQA 4.0 API: an office's self-assessment and its 7.2 result tables for a fiscal year."""
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from ..pdf import assessment_context
from .serializers import Pmqa40QuerySerializer, Pmqa40Serializer


class CanReadAssessment(BasePermission):
    def has_permission(self, request, view):
        return request.user.has_perm("assessment.view_assessment")


class Pmqa40ViewSet(viewsets.ViewSet):
    """การประเมินตนเอง PMQA 4.0 หมวด 3 (หัวข้อ 3.1.1–3.4.5) และตารางผลลัพธ์หมวด 7.2 ของหน่วยงานในปีงบประมาณหนึ่ง.

    `GET /api/v1/pmqa40/?office=CPN&fiscal_year=2569`: `items` หนึ่งรายการต่อหัวข้อ (สถานะ รายละเอียด หลักฐานอ้างอิง และ
    ข้อมูลจากระบบที่ตอบหัวข้อนั้น) และ `tables` ห้าตาราง แต่ละแถวมี `indicator`, `target` (ค่าเป้าหมายปีล่าสุด), `results`
    ({ปี: ค่า} สามปี: ผลของตัวชี้วัดรหัสเดียวกันในแผนของหน่วยงานปีนั้น), `success_percent` และ `score` (ของปีล่าสุด).
    หน่วยงานนอกขอบเขตของผู้ใช้ตอบ 400 เหมือนรหัสที่ไม่มีอยู่.
    """

    permission_classes = [CanReadAssessment]

    @extend_schema(
        parameters=[OpenApiParameter("office", str, description="รหัสหน่วยงาน ค่าเริ่มต้น: หน่วยงานของผู้ใช้"),
                    OpenApiParameter("fiscal_year", int, description="ปีงบประมาณ พ.ศ. ค่าเริ่มต้น: ปีปัจจุบัน")],
        responses={200: Pmqa40Serializer})
    def list(self, request, *args, **kwargs):
        query = Pmqa40QuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        office, fiscal_year = query.validated_data["office"], query.validated_data["fiscal_year"]
        context = assessment_context(user=request.user, office=office, fiscal_year=fiscal_year,
                                     today=timezone.localdate())
        return Response(Pmqa40Serializer(context).data)
