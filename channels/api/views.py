from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from core.api_errors import as_field_errors
from core.api_permissions import ModelPermissions

from .. import services, usage
from ..models import Channel, ChannelUsage
from ..selectors import channel_list
from .serializers import (
    ChannelSerializer,
    UsageEntrySerializer,
    UsageQuerySerializer,
    UsageResultSerializer,
    UsageRowSerializer,
)

MAX_ENTRIES = 20_000  # one post: a department's year (1,000 offices × 20 channels)


class ChannelViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """ช่องทางรับเรื่องที่ใช้งานอยู่ ตามลำดับ; ใช้ `code` เป็นค่า `channel` เมื่อส่งเรื่องเข้า `/api/v1/complaints/`."""

    serializer_class = ChannelSerializer
    permission_classes = [ModelPermissions]
    queryset = Channel.objects.none()  # for the schema and the permission class
    pagination_class = None  # a dozen rows

    def get_queryset(self):
        return channel_list()


class ChannelUsageViewSet(viewsets.ViewSet):
    """สถิติจำนวนผู้ใช้ช่องทาง (CS2) ของหน่วยงาน รวมหน่วยงานในสังกัด.

    `GET ?office=CPN&years=2567,2568,2569`: หนึ่งแถวต่อช่องทางและปี — `count` คือจำนวนที่หน่วยงานบันทึกหรือนำเข้า
    (รวมหน่วยงานในสังกัด) ส่วน `complaints` และ `survey_responses` ระบบนับเองจากเรื่องร้องเรียนและแบบสอบถามที่มาทางช่องทางนั้น
    แสดงคู่กัน ไม่นำมารวมกัน. `POST` รายการ `[{office, channel, fiscal_year, count}]` บันทึกทั้งหมดหรือไม่บันทึกเลย;
    ส่งหน่วยงาน ช่องทาง และปีเดิมซ้ำจะแทนที่จำนวนเดิม (ส่งซ้ำได้ผลเท่าเดิม). หน่วยงานนอกขอบเขตของผู้ใช้ตอบ 400
    เหมือนรหัสที่ไม่มีอยู่.
    """

    permission_classes = [ModelPermissions]
    queryset = ChannelUsage.objects.none()  # for the permission class: GET needs view_, POST add_channelusage

    @extend_schema(
        parameters=[OpenApiParameter("office", str, description="รหัสหน่วยงาน ค่าเริ่มต้น: หน่วยงานของผู้ใช้"),
                    OpenApiParameter("years", str, description="ปีงบประมาณ พ.ศ. คั่นด้วยจุลภาค ค่าเริ่มต้น: สามปีล่าสุด")],
        responses={200: inline_serializer("ChannelUsageTable", {
            "office": serializers.CharField(), "years": serializers.ListField(child=serializers.IntegerField()),
            "stale": serializers.BooleanField(help_text="true: ตัวเลขที่ระบบนับยังเป็นของเมื่อ counted_at ระบบกำลังนับใหม่"),
            "counted_at": serializers.DateTimeField(), "results": UsageRowSerializer(many=True)})})
    def list(self, request, *args, **kwargs):
        query = UsageQuerySerializer(data=request.query_params,
                                     context={"request": request, "today": timezone.localdate()})
        query.is_valid(raise_exception=True)
        office, years = query.validated_data["office"], query.validated_data["years"]
        table = usage.usage_table(office=office, fiscal_years=years)
        rows = [{"channel": row.channel.code if row.channel else None, "channel_name": row.label,
                 "fiscal_year": cell.fiscal_year, "count": cell.keyed, "complaints": cell.complaints,
                 "survey_responses": cell.responses} for row in table.rows for cell in row.cells]
        return Response({"office": office.code, "years": years, "stale": table.stale, "counted_at": table.counted_at,
                         "results": UsageRowSerializer(rows, many=True).data})

    @extend_schema(request=UsageEntrySerializer(many=True), responses={200: UsageResultSerializer})
    def create(self, request, *args, **kwargs):
        """บันทึกจำนวนผู้ใช้ช่องทาง ทั้งรายการหรือไม่บันทึกเลย; ตอบจำนวนที่บันทึกใหม่ แทนที่ และไม่เปลี่ยน."""
        data = request.data
        if not isinstance(data, list) or not data:
            raise serializers.ValidationError({"non_field_errors": ["ต้องส่งเป็นรายการ [{office, channel, fiscal_year, "
                                                                    "count}] อย่างน้อย 1 รายการ"]})
        if len(data) > MAX_ENTRIES:
            raise serializers.ValidationError({"non_field_errors": [f"ส่งได้ไม่เกิน {MAX_ENTRIES:,} รายการต่อครั้ง"]})
        entries, errors = [], {}
        for n, item in enumerate(data, start=1):
            if not isinstance(item, dict):
                errors[str(n)] = [f"รายการที่ {n}: ต้องเป็น {{office, channel, fiscal_year, count}}"]
                item = {}
            missing = [name for name in ("office", "channel", "fiscal_year", "count") if item.get(name) in (None, "")]
            for name in missing:
                errors[f"{n}.{name}"] = [f"รายการที่ {n}: กรุณาระบุ {name}"]
            entries.append(services.UsageEntry(*(_plain(item.get(name))
                                                 for name in ("office", "channel", "fiscal_year", "count"))))
        if errors:  # what else is wrong too, so that one answer names every problem
            others = services.usage_errors(services.usage_verdicts(user=request.user, entries=entries))
            raise serializers.ValidationError({**others, **errors})
        try:
            result = services.usage_record(user=request.user, entries=entries)
        except DjangoValidationError as exc:
            raise as_field_errors(exc) from exc
        return Response(UsageResultSerializer(result).data)


def _plain(value):
    """A JSON value as the service reads it: numbers and text as they are, anything else (a list, an object) as
    text it will refuse."""
    return value if isinstance(value, int | float | str) else str(value)
