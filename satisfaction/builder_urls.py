"""The CS6 builder pages, added to `satisfaction.urls` (namespace `satisfaction`)."""
from django.urls import path

from . import views_builder

urlpatterns = [
    path("questionnaires/new/", views_builder.questionnaire_new, name="questionnaire_new"),
    path("questionnaires/preview/", views_builder.questionnaire_preview, name="questionnaire_preview"),
    path("rounds/new/", views_builder.round_new, name="round_new"),
]
