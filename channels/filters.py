import django_filters
from django import forms
from django.db.models import Q

from core.forms import bootstrap_widgets
from core.offices.filters import SubtreeFilterSet
from core.offices.scoping import offices_under

from .choices import ChannelKind, Direction
from .models import Channel, GroupChannel

YES_NO = forms.Select(choices=[("", "ทั้งหมด"), ("true", "ใช้งาน"), ("false", "ปิดการใช้งาน")])


class ChannelFilter(SubtreeFilterSet):
    """The register: `office` keeps the national channels and that office's subtree's own."""

    q = django_filters.CharFilter(label="ค้นหา (รหัส/ชื่อ/ผู้รับผิดชอบ)", method="filter_q")
    kind = django_filters.ChoiceFilter(label="ประเภทช่องทาง", choices=ChannelKind.choices, empty_label="ทุกประเภท")
    direction = django_filters.ChoiceFilter(label="ลักษณะ", choices=Direction.choices, empty_label="ทั้งเชิงรุกและเชิงรับ")
    is_active = django_filters.BooleanFilter(label="สถานะ", widget=YES_NO)

    class Meta:
        model = Channel
        fields = ["q", "office", "kind", "direction", "is_active"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(owner__icontains=value))

    def filter_office(self, queryset, name, office):
        return queryset.filter(Q(office__isnull=True) | Q(office__in=offices_under(office).values("pk")))


class GroupChannelFilter(django_filters.FilterSet):
    """Table CS2-1 of the office the page shows (chosen by its code, like every CS2 page): a search and a channel."""

    q = django_filters.CharFilter(label="ค้นหา (กลุ่ม/เหตุผล/ผลการวิเคราะห์)", method="filter_q")
    channel = django_filters.ModelChoiceFilter(label="ช่องทาง", queryset=Channel.objects.none(),
                                               empty_label="ทุกช่องทาง")

    class Meta:
        model = GroupChannel
        fields = ["q", "channel"]

    def __init__(self, *args, channels, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["channel"].queryset = channels
        bootstrap_widgets(self.form, small=True)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(group__name__icontains=value) | Q(reason__icontains=value)
                               | Q(finding__icontains=value) | Q(analysis_method__icontains=value))
