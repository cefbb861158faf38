from rest_framework import mixins, viewsets

from core.api_permissions import ModelPermissions

from ..models import Holiday
from ..services import holiday_save
from .filters import HolidayFilter
from .serializers import HolidaySerializer


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
