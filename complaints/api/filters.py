"""Filters of the complaints API: offices, channels and categories by the codes people know, dates in ISO.

`office` means the office and every office below it, as on the ticket list page (a province's code lists
its districts' tickets too); a code the user cannot see is refused like an unknown one.
"""
from datetime import time, timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django_filters import rest_framework as filters

from channels.selectors import channel_list
from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR, fiscal_quarter, fiscal_year_bounds
from core.offices.models import Office
from core.offices.scoping import offices_under, visible_offices

from ..choices import OPEN_STATUSES, Kind, Status
from ..models import Category, Ticket
from ..selectors import due_soon_q, overdue_q


def _visible_offices(request):
    return visible_offices(request.user) if request is not None else Office.objects.none()


def _yes_no(**kwargs) -> filters.ChoiceFilter:
    # Strict: a django-filter BooleanFilter would quietly ignore `?overdue=maybe` and list everything.
    return filters.ChoiceFilter(choices=[("true", "true"), ("false", "false")],
                                error_messages={"invalid_choice": "ต้องเป็น true หรือ false"}, **kwargs)


def _unknown(what: str) -> dict:
    return {"invalid_choice": f"ไม่พบ{what}นี้"}


class TicketFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("quarter") and not data.get("fiscal_year"):
            self.add_error("quarter", "ระบุ fiscal_year (ปีงบประมาณ พ.ศ.) คู่กับ quarter")
        return data


class TicketFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=Status.choices, help_text="ระบุซ้ำได้: ?status=received&status=screened",
                                          error_messages={"invalid_choice": "ไม่มีสถานะ “%(value)s”"})
    kind = filters.ChoiceFilter(choices=Kind.choices, error_messages={"invalid_choice": "ไม่มีประเภทเรื่อง “%(value)s”"})
    office = filters.ModelChoiceFilter(queryset=_visible_offices, to_field_name="code", method="filter_office",
                                       help_text="รหัสหน่วยงาน: รวมหน่วยงานในสังกัดทั้งหมด",
                                       error_messages=_unknown("หน่วยงาน"))
    channel = filters.ModelChoiceFilter(queryset=channel_list(active_only=False), to_field_name="code",
                                        help_text="รหัสช่องทาง", error_messages=_unknown("ช่องทาง"))
    category = filters.ModelChoiceFilter(queryset=Category.objects.all(), to_field_name="name",
                                         help_text="ชื่อหมวดหมู่", error_messages=_unknown("หมวดหมู่"))
    received_from = filters.DateFilter(field_name="received_on", lookup_expr="gte", help_text="รับเรื่องตั้งแต่วันที่")
    received_to = filters.DateFilter(field_name="received_on", lookup_expr="lte", help_text="รับเรื่องถึงวันที่")
    overdue = _yes_no(method="filter_overdue", help_text="ยังไม่แจ้งผลและเลยวันครบกำหนดแล้ว")
    due_soon = _yes_no(method="filter_due_soon", help_text="ยังไม่แจ้งผลและครบกำหนดภายใน 3 วันทำการ (นับวันนี้)")
    fiscal_year = filters.NumberFilter(method="filter_fiscal_year", min_value=FIRST_FISCAL_YEAR,
                                       max_value=LAST_FISCAL_YEAR, decimal_places=0,
                                       error_messages=FISCAL_YEAR_ERRORS, help_text="ปีงบประมาณ พ.ศ. (ต.ค.–ก.ย.) ตามวันที่รับเรื่อง")
    quarter = filters.ChoiceFilter(choices=[(q, str(q)) for q in range(1, 5)], method="filter_quarter",
                                   help_text="ไตรมาสของปีงบประมาณ (ต้องระบุ fiscal_year)",
                                   error_messages={"invalid_choice": "ไตรมาสต้องเป็น 1–4"})

    class Meta:
        model = Ticket
        fields = ["status", "kind", "office", "channel", "category", "received_from", "received_to", "overdue",
                  "due_soon", "fiscal_year", "quarter"]
        form = TicketFilterForm

    def filter_office(self, queryset, name, office):
        return queryset.filter(office__in=offices_under(office).values("pk"))

    def filter_overdue(self, queryset, name, value):
        overdue = overdue_q(today=timezone.localdate())
        return queryset.filter(overdue) if value == "true" else queryset.exclude(overdue)

    def filter_due_soon(self, queryset, name, value):
        soon = due_soon_q(today=timezone.localdate())
        return queryset.filter(soon) if value == "true" else queryset.exclude(soon)

    def filter_fiscal_year(self, queryset, name, value):
        return queryset.filter(received_on__range=fiscal_year_bounds(int(value)))

    def filter_quarter(self, queryset, name, value):
        quarter = fiscal_quarter(int(self.form.cleaned_data["fiscal_year"]), int(value))
        return queryset.filter(received_on__range=(quarter.start, quarter.end))


class CommaSeparatedFilter(filters.CharFilter):
    """GeoReport v2 lists several values in one parameter, comma-delimited."""

    def filter(self, queryset, value):
        values = [v.strip() for v in value.split(",") if v.strip()] if value else []
        return super().filter(queryset, values) if values else queryset


class Open311Filter(filters.FilterSet):
    """The GeoReport v2 query parameters of GET requests.json."""

    service_request_id = CommaSeparatedFilter(field_name="reference", lookup_expr="in",
                                              help_text="เลขที่เรื่อง คั่นด้วยจุลภาค")
    service_code = filters.CharFilter(method="filter_service_code",
                                      help_text="รหัสหมวดหมู่ (ตัวเลข) หรือประเภทเรื่อง คั่นด้วยจุลภาค")
    status = filters.ChoiceFilter(choices=[("open", "open"), ("closed", "closed")], method="filter_status",
                                  error_messages={"invalid_choice": "status ต้องเป็น open หรือ closed"})
    start_date = filters.IsoDateTimeFilter(method="filter_start_date",
                                           help_text="requested_datetime ตั้งแต่ (ISO 8601 เช่น 2026-04-01T00:00:00+07:00)")
    end_date = filters.IsoDateTimeFilter(method="filter_end_date", help_text="requested_datetime ถึง (ISO 8601)")

    class Meta:
        model = Ticket
        fields = ["service_request_id", "service_code", "status", "start_date", "end_date"]

    def filter_service_code(self, queryset, name, value):
        codes = [c.strip() for c in value.split(",") if c.strip()]
        ids = [int(c) for c in codes if c.isdecimal() and len(c) < 19]  # "²" is a digit int() refuses
        return queryset.filter(Q(category_id__in=ids) | Q(category__isnull=True, kind__in=codes))

    def filter_status(self, queryset, name, value):
        open_ = Q(status__in=OPEN_STATUSES)
        return queryset.filter(open_) if value == "open" else queryset.exclude(open_)

    # requested_datetime is the day of receipt at 00:00 Bangkok time; compare in that frame.
    def filter_start_date(self, queryset, name, value):
        local = timezone.localtime(value)
        first_day = local.date() if local.time() == time.min else local.date() + timedelta(days=1)
        return queryset.filter(received_on__gte=first_day)

    def filter_end_date(self, queryset, name, value):
        return queryset.filter(received_on__lte=timezone.localtime(value).date())
