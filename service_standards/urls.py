"""The CS7 pages under /cs7/."""
from django.urls import path

from . import views

app_name = "service_standards"
urlpatterns = [
    path("", views.service_list, name="index"),
    path("new/", views.service_new, name="service-new"),
    path("summary.pdf", views.summary_pdf, name="summary-pdf"),
    path("<int:pk>/", views.service_detail, name="service"),
    path("<int:pk>/chart.pdf", views.service_chart_pdf, name="service-chart-pdf"),
    path("records/", views.record_list, name="records"),
    path("records/export.xlsx", views.record_export, name="records-export"),
    path("plans/", views.plans, name="plans"),
]
