from django.urls import path

from . import views

app_name = "service_standards"
urlpatterns = [path("", views.index, name="index")]
