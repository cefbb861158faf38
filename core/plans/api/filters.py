from django_filters import rest_framework as filters

from ..models import ActionPlan


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
