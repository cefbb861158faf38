"""The holiday calendar's and the deadline rules' pages, included in /manage/ (names in the "manage" namespace)."""
from django.urls import path

from . import views

urlpatterns = [
    path("holidays/", views.holiday_list, name="holidays"),
    path("holidays/new/", views.holiday_add, name="holiday-add"),
    path("holidays/<int:pk>/", views.holiday_edit, name="holiday-edit"),
    path("holidays/<int:pk>/delete/", views.holiday_delete, name="holiday-delete"),
    path("deadline-rules/", views.deadline_rule_list, name="deadline-rules"),
    path("deadline-rules/new/", views.deadline_rule_add, name="deadline-rule-add"),
    path("deadline-rules/<int:pk>/", views.deadline_rule_edit, name="deadline-rule-edit"),
    path("deadline-rules/<int:pk>/delete/", views.deadline_rule_delete, name="deadline-rule-delete"),
]
