"""The holiday calendar's pages, included under /manage/holidays/ (names in the "manage" namespace)."""
from django.urls import path

from . import views

urlpatterns = [
    path("", views.holiday_list, name="holidays"),
    path("new/", views.holiday_add, name="holiday-add"),
    path("<int:pk>/", views.holiday_edit, name="holiday-edit"),
    path("<int:pk>/delete/", views.holiday_delete, name="holiday-delete"),
]
