"""The CS7 pages under /cs7/."""
from django.urls import path

from . import views

app_name = "service_standards"
urlpatterns = [
    path("", views.service_list, name="index"),
    path("records/", views.record_list, name="records"),
    path("records/export.xlsx", views.record_export, name="records-export"),
    path("plans/", views.plans, name="plans"),
]
