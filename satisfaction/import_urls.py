"""Spreadsheet import of responses into a round (views_import); joined to `urls.urlpatterns`."""
from django.urls import path

from . import views_import

import_urlpatterns = [
    path("rounds/<int:pk>/import/", views_import.import_start, name="import"),
    path("rounds/<int:pk>/import/template.<str:fmt>", views_import.import_template, name="import-template"),
    path("rounds/<int:pk>/import/<str:token>/confirm/", views_import.import_confirm, name="import-confirm"),
]
