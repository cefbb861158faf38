"""The assessors' evidence packs (/reports/packs/, namespace `packs`)."""
from django.urls import path

from . import views_packs as views

app_name = "packs"
urlpatterns = [
    path("", views.pack_list, name="index"),
    path("start/", views.pack_start, name="start"),
    path("<int:pk>/status/", views.pack_status, name="status"),
    path("<int:pk>/pdf/", views.pack_pdf, name="pdf"),
    path("<int:pk>/zip/", views.pack_zip, name="zip"),
]
