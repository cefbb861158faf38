"""Filters scoped to the user's offices: the base every office-scoped list filter builds on, and the
administrators' user list (office and below, role, active, a search)."""
import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import QuickSelect, bootstrap_widgets

from .models import Office, User
from .roles import Role
from .scoping import offices_under, visible_offices


class SubtreeFilterSet(django_filters.FilterSet):
    """A list filter for a user: `office` offers only the offices the user sees and means that office and every
    office below it; the form's widgets get their Bootstrap classes. Subclasses add their own filters."""

    office = django_filters.ModelChoiceFilter(label=_("หน่วยงาน"), queryset=Office.objects.none(),
                                              method="filter_office", empty_label=_("ทุกหน่วยงาน"),
                                              widget=QuickSelect)  # a department's thousand offices

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["office"].queryset = visible_offices(user).order_by("path")

    @property
    def form(self):
        # Built on first use, not in __init__: a subclass sets its own choices (`self.filters[…].queryset`) after
        # calling this __init__, and a filter's field, once built, keeps the choices it was built with.
        if not hasattr(self, "_form"):
            bootstrap_widgets(super().form, small=True)
        return self._form

    def filter_office(self, queryset, name, office):
        return queryset.filter(office__in=offices_under(office).values("pk"))


class UserFilter(SubtreeFilterSet):
    q = django_filters.CharFilter(label=_("ค้นหา (ชื่อผู้ใช้/ชื่อ/อีเมล/ตำแหน่ง)"), method="filter_q")
    role = django_filters.ChoiceFilter(label=_("บทบาท"), choices=Role.choices, method="filter_role",
                                       empty_label=_("ทุกบทบาท"))
    active = django_filters.BooleanFilter(label=_("สถานะบัญชี"), field_name="is_active", widget=forms.Select(
        choices=[("", _("ทั้งหมด")), ("true", _("ใช้งาน")), ("false", _("ปิดการใช้งาน"))]))

    class Meta:
        model = User
        fields = ["q", "office", "role", "active"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(username__icontains=value) | Q(first_name__icontains=value)
                               | Q(last_name__icontains=value) | Q(email__icontains=value)
                               | Q(position__icontains=value))

    def filter_role(self, queryset, name, value):
        return queryset.filter(role=value)
