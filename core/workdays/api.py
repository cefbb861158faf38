from django_filters import rest_framework as filters
from rest_framework import mixins, serializers, viewsets

from core.api_permissions import ModelPermissions

from .choices import HolidayKind
from .models import Holiday
from .services import holiday_save


class HolidaySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=HolidayKind.choices, default=HolidayKind.SPECIAL)

    class Meta:
        model = Holiday
        fields = ["date", "name", "kind", "source"]
        extra_kwargs = {"date": {"validators": []}}  # an existing date is updated, not refused


class HolidayFilter(filters.FilterSet):
    year = filters.NumberFilter(field_name="date", lookup_expr="year", label="ปี ค.ศ.", min_value=1900, max_value=2200,
                                error_messages={"invalid": "ปีต้องเป็นปี ค.ศ. เช่น 2026",
                                                "min_value": "ปีต้องอยู่ระหว่าง ค.ศ. 1900–2200",
                                                "max_value": "ปีต้องอยู่ระหว่าง ค.ศ. 1900–2200"})

    class Meta:
        model = Holiday
        fields = ["year", "kind"]


class HolidayViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """วันหยุดราชการ (`?year=2026`). ผู้ดูแลระบบเพิ่มวันหยุดพิเศษตามมติ ครม. ด้วย POST พร้อมที่มา."""

    serializer_class = HolidaySerializer
    permission_classes = [ModelPermissions]
    queryset = Holiday.objects.all()
    filterset_class = HolidayFilter
    pagination_class = None

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = holiday_save(day=data["date"], name=data["name"], kind=data["kind"],
                                           source=data.get("source", ""), by=self.request.user)
