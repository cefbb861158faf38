from django.db.models import Prefetch
from django_filters import rest_framework as filters
from rest_framework import viewsets

from core.api_permissions import ModelPermissions
from core.offices.scoping import scope

from ..models import ActionPlan, Indicator, Step
from ..selectors import plan_get
from .serializers import ActionPlanSerializer


class ActionPlanFilter(filters.FilterSet):
    cs = filters.CharFilter(method="filter_cs", label="CS1–CS7")
    office = filters.CharFilter(field_name="office__code", label="รหัสหน่วยงาน")

    class Meta:
        model = ActionPlan
        fields = ["fiscal_year", "cs", "office"]

    def filter_cs(self, queryset, name, value):
        number = value.upper().removeprefix("CS")
        # isdecimal, not isdigit: "CS²" is a digit that int() refuses. An unknown CS lists nothing.
        return queryset.filter(cs=int(number)) if number.isdecimal() and len(number) < 3 else queryset.none()


class ActionPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """แผนปฏิบัติการที่ผู้ใช้มองเห็น (`?fiscal_year=2555&cs=CS3`); รายละเอียดมีตัวชี้วัดและกิจกรรมตามลำดับ."""

    permission_classes = [ModelPermissions]
    filterset_class = ActionPlanFilter
    queryset = ActionPlan.objects.none()
    serializer_class = ActionPlanSerializer

    def get_queryset(self):
        plans = ActionPlan.objects.select_related("office").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order")),
            Prefetch("steps", queryset=Step.objects.order_by("order")),
        )
        return scope(plans, self.request.user).order_by("-fiscal_year", "office__code", "cs")

    def get_object(self):
        return plan_get(user=self.request.user, pk=self.kwargs["pk"])

