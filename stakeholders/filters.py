import django_filters
from django import forms
from django.db.models import Q

from core.offices.filters import SubtreeFilterSet

from .choices import Criterion, GroupKind
from .models import StakeholderGroup


class GroupFilter(SubtreeFilterSet):
    q = django_filters.CharFilter(label="ค้นหา (ชื่อกลุ่ม/ความต้องการ)", method="filter_q")
    kind = django_filters.ChoiceFilter(label="ประเภทกลุ่ม", choices=GroupKind.choices, empty_label="ทุกประเภท")
    criteria = django_filters.ChoiceFilter(label="หลักเกณฑ์การจำแนก", choices=Criterion.choices,
                                           empty_label="ทุกหลักเกณฑ์")
    is_active = django_filters.BooleanFilter(label="สถานะ", widget=forms.Select(
        choices=[("", "ทั้งหมด"), ("true", "ใช้งาน"), ("false", "ปิดใช้งาน")]))

    class Meta:
        model = StakeholderGroup
        fields = ["q", "office", "kind", "criteria", "is_active"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(needs__icontains=value)
                               | Q(expectations__icontains=value))
