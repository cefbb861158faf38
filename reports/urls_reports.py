"""The reports of Category 3 under /reports/ (namespace `reports`): the ADLI checklist of seed 001."""
from django.urls import path

from . import views_adli

app_name = "reports"
urlpatterns = [
    path("adli/", views_adli.checklist_page, name="adli"),
    path("adli/pdf/", views_adli.checklist_pdf, name="adli-pdf"),
]
