from django.urls import path

from . import views_public

app_name = "public"
urlpatterns = [
    path("", views_public.submit, name="submit"),
    path("track/", views_public.track, name="track"),
]
