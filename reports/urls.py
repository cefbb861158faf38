"""The reports layer's pages: the executive dashboard (/executive/, namespace `executive`)."""
from django.urls import path

from . import views_executive

app_name = "executive"
urlpatterns = [
    path("", views_executive.dashboard, name="dashboard"),
]
