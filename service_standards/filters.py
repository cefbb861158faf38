import django_filters
from django.db.models import Q

from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR, fiscal_quarter, fiscal_year_bounds
from core.offices.filters import SubtreeFilterSet
from core.offices.models import Office

from .choices import ActionStatus, CheckKind, Verdict
from .models import Service, ServiceRecord, UsageCheck
from .selectors import open_action_q, services_visible, verdict_q

QUARTERS = [(str(q), f"ไตรมาส {q}") for q in (1, 2, 3, 4)]


class RecordFilter(SubtreeFilterSet):
    """The service records: an office's subtree, a service, the fiscal year and quarter of receipt, the verdict."""

    # By code, as the page's office picker (core.offices.pickers) reads the same `?office=`: a pk here made every
    # office filter a 404 there (and a code a 400 here). The dashboard links here with ?office=CODE.
    office = django_filters.ModelChoiceFilter(label="หน่วยงาน", queryset=Office.objects.none(), to_field_name="code",
                                              method="filter_office", empty_label="ทุกหน่วยงาน")
    q = django_filters.CharFilter(label="เลขที่อ้างอิง", field_name="reference", lookup_expr="icontains")
    service = django_filters.ModelChoiceFilter(label="งานบริการ", queryset=Service.objects.none(),
                                               empty_label="ทุกงานบริการ")
    fiscal_year = django_filters.NumberFilter(label="ปีงบประมาณที่รับคำขอ (พ.ศ.)", method="filter_year",
                                              min_value=FIRST_FISCAL_YEAR, max_value=LAST_FISCAL_YEAR,
                                              error_messages=FISCAL_YEAR_ERRORS)
    quarter = django_filters.ChoiceFilter(label="ไตรมาส (ต้องระบุปีงบประมาณ)", choices=QUARTERS,
                                               method="filter_noop", empty_label="ทั้งปี")
    verdict = django_filters.ChoiceFilter(label="ผลเทียบมาตรฐาน", choices=Verdict.choices, method="filter_verdict",
                                          empty_label="ทั้งหมด")

    class Meta:
        model = ServiceRecord
        fields = ["q", "office", "service", "fiscal_year", "quarter", "verdict"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.filters["service"].queryset = services_visible(user=user).order_by("name", "pk")

    def filter_year(self, queryset, name, year):
        quarter = self.form.cleaned_data.get("quarter")
        if quarter:
            bounds = fiscal_quarter(int(year), int(quarter))
            return queryset.filter(received_on__range=(bounds.start, bounds.end))
        return queryset.filter(received_on__range=fiscal_year_bounds(int(year)))

    def filter_noop(self, queryset, name, value):
        return queryset  # read by filter_year: a quarter means nothing without its year

    def filter_verdict(self, queryset, name, value):
        return queryset.filter(verdict_q(value))


OPEN_ACTIONS = "open"


class CheckFilter(SubtreeFilterSet):
    """The checks on use: an office's subtree, a service, the kind, the action status (or every open one), the
    fiscal year of the check."""

    service = django_filters.ModelChoiceFilter(label="งานบริการ", queryset=Service.objects.none(),
                                               empty_label="ทุกงานบริการ")
    kind = django_filters.ChoiceFilter(label="วิธีการตรวจสอบ", choices=CheckKind.choices, empty_label="ทุกวิธี")
    action_status = django_filters.ChoiceFilter(
        label="สถานะการแก้ไข", choices=[(OPEN_ACTIONS, "ยังไม่แล้วเสร็จ (วางแผน/ระหว่างแก้ไข)"), *ActionStatus.choices],
        method="filter_status", empty_label="ทุกสถานะ")
    fiscal_year = django_filters.NumberFilter(label="ปีงบประมาณที่ตรวจ (พ.ศ.)", method="filter_year",
                                              min_value=FIRST_FISCAL_YEAR, max_value=LAST_FISCAL_YEAR,
                                              error_messages=FISCAL_YEAR_ERRORS)

    class Meta:
        model = UsageCheck
        fields = ["office", "service", "kind", "action_status", "fiscal_year"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.filters["service"].queryset = services_visible(user=user).order_by("name", "pk")

    def filter_status(self, queryset, name, value):
        return queryset.filter(open_action_q() if value == OPEN_ACTIONS else Q(action_status=value))

    def filter_year(self, queryset, name, year):
        return queryset.filter(checked_on__range=fiscal_year_bounds(int(year)))
