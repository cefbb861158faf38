"""The reports assessors come for (/reports/, namespace `reports`): the annual Category 3 report."""
from django.urls import path

from . import views_annual

app_name = "reports"
urlpatterns = [
    path("annual/", views_annual.annual_page, name="annual"),
    path("annual/pdf/", views_annual.annual_pdf, name="annual-pdf"),
    path("annual/export.xlsx", views_annual.annual_xlsx, name="annual-xlsx"),
]
