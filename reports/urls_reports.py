"""The reports assessors come for, under /reports/ (namespace `reports`): the annual Category 3 report of seed 002 and
the ADLI checklist of seed 001."""
from django.urls import path

from . import views_adli, views_annual

app_name = "reports"
urlpatterns = [
    path("annual/", views_annual.annual_page, name="annual"),
    path("annual/pdf/", views_annual.annual_pdf, name="annual-pdf"),
    path("annual/export.xlsx", views_annual.annual_xlsx, name="annual-xlsx"),
    path("adli/", views_adli.checklist_page, name="adli"),
    path("adli/pdf/", views_adli.checklist_pdf, name="adli-pdf"),
]
