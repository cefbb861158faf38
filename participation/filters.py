import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR
from core.offices.filters import SubtreeFilterSet

from .choices import Level
from .models import ParticipationProject
from .selectors import Status, status_q


class ProjectFilter(SubtreeFilterSet):
    """The project register: an office's subtree, a fiscal year, a level, where the project stands, published."""

    q = django_filters.CharFilter(label="ค้นหา (ชื่อโครงการ/กลไก/ผลการดำเนินงาน)", method="filter_q")
    fiscal_year = django_filters.NumberFilter(label="ปีงบประมาณ (พ.ศ.)", min_value=FIRST_FISCAL_YEAR,
                                              max_value=LAST_FISCAL_YEAR, error_messages=FISCAL_YEAR_ERRORS)
    level = django_filters.ChoiceFilter(label="ระดับการมีส่วนร่วม", choices=Level.choices, empty_label="ทุกระดับ")
    status = django_filters.ChoiceFilter(label="สถานะ", choices=Status.CHOICES, method="filter_status",
                                         empty_label="ทุกสถานะ")
    is_published = django_filters.BooleanFilter(label="การเผยแพร่", widget=forms.Select(
        choices=[("", "ทั้งหมด"), ("true", "เผยแพร่แล้ว"), ("false", "ยังไม่เผยแพร่")]))

    class Meta:
        model = ParticipationProject
        fields = ["q", "office", "fiscal_year", "level", "status", "is_published"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(mechanism__icontains=value)
                               | Q(outcome__icontains=value) | Q(strategy__icontains=value))

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_q(value, timezone.localdate()))
