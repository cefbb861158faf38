"""The improvement list of a round (views_improvements); joined to `urls.urlpatterns`."""
from django.urls import path

from . import views_improvements

improvement_urlpatterns = [
    path("rounds/<int:pk>/improvements/", views_improvements.improvements, name="improvements"),
    path("rounds/<int:pk>/improvements/<int:improvement_pk>/evidence/", views_improvements.improvement_evidence,
         name="improvement-evidence"),
]
