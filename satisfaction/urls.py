from django.urls import path

from . import views

app_name = "satisfaction"
urlpatterns = [path("", views.index, name="index")]
