from django.urls import path

from . import views_public

app_name = "survey_public"
urlpatterns = [
    path("<slug:key>/", views_public.answer, name="answer"),
]
