import django_filters
from django import forms
from django.db.models import Q

from core.forms import bootstrap_widgets
from core.offices.filters import SubtreeFilterSet
from core.offices.scoping import offices_under
from stakeholders.models import StakeholderGroup

from .choices import ActivityKind, NetworkForm
from .models import Activity, Network

YES_NO = forms.Select(choices=[("", "ทั้งหมด"), ("true", "ใช่"), ("false", "ไม่ใช่")])


class NetworkFilter(SubtreeFilterSet):
    """The network register: a search, the office (and below), the form, a group and whether it is active."""

    q = django_filters.CharFilter(label="ค้นหา (ชื่อ/ลักษณะ/วัตถุประสงค์)", method="filter_q")
    form = django_filters.ChoiceFilter(label="รูปแบบเครือข่าย", choices=NetworkForm.choices, empty_label="ทุกรูปแบบ")
    group = django_filters.ModelChoiceFilter(label="กลุ่ม", field_name="groups", queryset=StakeholderGroup.objects.none(),
                                             empty_label="ทุกกลุ่ม")
    is_active = django_filters.BooleanFilter(label="สถานะ", widget=forms.Select(
        choices=[("", "ทั้งหมด"), ("true", "ใช้งาน"), ("false", "ปิดใช้งาน")]))

    class Meta:
        model = Network
        fields = ["q", "office", "form", "group", "is_active"]

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["group"].queryset = groups

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(form_detail__icontains=value)
                               | Q(purpose__icontains=value))

    def filter_office(self, queryset, name, office):
        return queryset.filter(office__in=offices_under(office).values("pk"))


class ActivityFilter(django_filters.FilterSet):
    """The activities of the office and year the page shows: a search, the network, formal or not, co-designed."""

    q = django_filters.CharFilter(label="ค้นหา (ชื่อกิจกรรม/สถานที่/ผล)", method="filter_q")
    network = django_filters.ModelChoiceFilter(label="เครือข่าย", queryset=Network.objects.none(),
                                               empty_label="ทุกเครือข่าย")
    kind = django_filters.ChoiceFilter(label="ลักษณะกิจกรรม", choices=ActivityKind.choices, empty_label="ทุกลักษณะ")
    co_designed = django_filters.BooleanFilter(label="ร่วมกำหนดกับเครือข่าย", widget=YES_NO)

    class Meta:
        model = Activity
        fields = ["q", "network", "kind", "co_designed"]

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["network"].queryset = networks
        bootstrap_widgets(self.form, small=True)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(place__icontains=value) | Q(outcome__icontains=value))
