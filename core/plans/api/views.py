from django.db.models import Prefetch
from rest_framework import viewsets

from core.api_permissions import ModelPermissions
from core.offices.scoping import scope

from ..models import ActionPlan, Indicator, Step
from ..selectors import plan_get
from .filters import ActionPlanFilter
from .serializers import ActionPlanSerializer


class ActionPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """แผนปฏิบัติการที่ผู้ใช้มองเห็น (`?fiscal_year=2555&cs=CS3`); รายละเอียดมีตัวชี้วัดและกิจกรรมตามลำดับ."""

    permission_classes = [ModelPermissions]
    filterset_class = ActionPlanFilter
    queryset = ActionPlan.objects.none()
    serializer_class = ActionPlanSerializer

    def get_queryset(self):
        plans = ActionPlan.objects.select_related("office").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order")),
            Prefetch("steps", queryset=Step.objects.order_by("order").prefetch_related("periods")),
        )
        return scope(plans, self.request.user).order_by("-fiscal_year", "office__code", "cs")

    def get_object(self):
        return plan_get(user=self.request.user, pk=self.kwargs["pk"])

