from django_filters import rest_framework as filters

from ..models import Holiday


class HolidayFilter(filters.FilterSet):
    year = filters.NumberFilter(field_name="date", lookup_expr="year", label="ปี ค.ศ.", min_value=1900, max_value=2200,
                                error_messages={"invalid": "ปีต้องเป็นปี ค.ศ. เช่น 2026",
                                                "min_value": "ปีต้องอยู่ระหว่าง ค.ศ. 1900–2200",
                                                "max_value": "ปีต้องอยู่ระหว่าง ค.ศ. 1900–2200"})

    class Meta:
        model = Holiday
        fields = ["year", "kind"]
