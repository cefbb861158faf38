"""`GET /api/v1/reports/annual/?office=CODE&fiscal_year=YYYY&format=pdf|xlsx`: the annual Category 3 report."""
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer

from core import exports
from core.offices.api.serializers import OfficeYearQuerySerializer

from .. import annual
from ..readers import may_read_reports

FORMATS = {"pdf": "application/pdf", "xlsx": exports.XLSX_CONTENT_TYPE}


class AnnualReportQuerySerializer(OfficeYearQuerySerializer):
    format = serializers.ChoiceField(choices=list(FORMATS), default="pdf", help_text="pdf (ค่าเริ่มต้น) หรือ xlsx",
                                     error_messages={"invalid_choice": "รูปแบบไฟล์ต้องเป็น pdf หรือ xlsx"})


class CanReadAnnualReport(BasePermission):
    def has_permission(self, request, view):
        return may_read_reports(request.user)


class AnnualReportViewSet(viewsets.ViewSet):
    """แบบรายงานผลการดำเนินงานหมวด ๓ ประจำปี ของหน่วยงาน (รวมหน่วยงานในสังกัด) เป็น PDF หรือ XLSX.

    หน่วยงานนอกขอบเขตของผู้ใช้ ปีงบประมาณหรือรูปแบบที่ไม่ถูกต้อง ตอบ 400 พร้อมข้อความรายช่อง.
    """

    permission_classes = [CanReadAnnualReport]
    renderer_classes = [JSONRenderer]  # errors; the report itself is a file answered as it is

    def perform_content_negotiation(self, request, force=False):
        # `format` is this API's own parameter (pdf|xlsx), not DRF's renderer override.
        renderer = JSONRenderer()
        return renderer, renderer.media_type

    @extend_schema(parameters=[AnnualReportQuerySerializer],
                   responses={(200, "application/pdf"): OpenApiTypes.BINARY,
                              (200, exports.XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
                              400: OpenApiResponse(description="ข้อความข้อผิดพลาดรายช่อง")})
    def list(self, request, *args, **kwargs):
        query = AnnualReportQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        office, fiscal_year = query.validated_data["office"], query.validated_data["fiscal_year"]
        name = annual.filename(office, fiscal_year)
        if query.validated_data["format"] == "xlsx":
            return exports.xlsx_response(annual.annual_report_xlsx(office=office, fiscal_year=fiscal_year),
                                         f"{name}.xlsx")
        response = HttpResponse(annual.annual_report_pdf(office=office, fiscal_year=fiscal_year),
                                content_type=FORMATS["pdf"])
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
