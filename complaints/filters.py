import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from channels.selectors import channel_list
from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR, fiscal_quarter, fiscal_year_bounds
from core.offices.filters import SubtreeFilterSet

from .choices import Kind, Status
from .models import Category, Ticket
from .selectors import due_soon_q, overdue_q

YES_NO = forms.Select(choices=[("", "ทั้งหมด"), ("true", "ใช่"), ("false", "ไม่ใช่")])


class TicketFilter(SubtreeFilterSet):
    q = django_filters.CharFilter(label="ค้นหา (เลขที่/เรื่อง)", method="filter_q")
    status = django_filters.ChoiceFilter(label="สถานะ", choices=Status.choices, empty_label="ทุกสถานะ")
    kind = django_filters.ChoiceFilter(label="ประเภทเรื่อง", choices=Kind.choices, empty_label="ทุกประเภท")
    channel = django_filters.ModelChoiceFilter(label="ช่องทาง", queryset=channel_list(), empty_label="ทุกช่องทาง")
    category = django_filters.ModelChoiceFilter(label="หมวดหมู่", queryset=Category.objects.all(),
                                                empty_label="ทุกหมวดหมู่")
    overdue = django_filters.BooleanFilter(label="เกินกำหนด", method="filter_overdue", widget=YES_NO)
    due_soon = django_filters.BooleanFilter(label="ใกล้ครบกำหนด (3 วันทำการ)", method="filter_due_soon",
                                            widget=YES_NO)
    fiscal_year = django_filters.NumberFilter(
        label="ปีงบประมาณ (พ.ศ.)", method="filter_fiscal_year", min_value=FIRST_FISCAL_YEAR,
        max_value=LAST_FISCAL_YEAR, decimal_places=0, error_messages=FISCAL_YEAR_ERRORS)
    quarter = django_filters.ChoiceFilter(label="ไตรมาส", choices=[(q, f"ไตรมาส {q}") for q in range(1, 5)],
                                          method="filter_quarter", empty_label="ทั้งปี")

    class Meta:
        model = Ticket
        fields = ["q", "status", "kind", "office", "channel", "category", "overdue", "due_soon", "fiscal_year",
                  "quarter"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(reference__icontains=value) | Q(subject__icontains=value))

    def filter_overdue(self, queryset, name, value):
        overdue = overdue_q(today=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_due_soon(self, queryset, name, value):
        soon = due_soon_q(today=timezone.localdate())
        return queryset.filter(soon) if value else queryset.exclude(soon)

    def filter_fiscal_year(self, queryset, name, value):
        start, end = fiscal_year_bounds(int(value))
        return queryset.filter(received_on__range=(start, end))

    def filter_quarter(self, queryset, name, value):
        year = self.form.cleaned_data.get("fiscal_year")
        if not year:
            return queryset
        quarter = fiscal_quarter(int(year), int(value))
        return queryset.filter(received_on__range=(quarter.start, quarter.end))
