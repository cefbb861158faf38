from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.index, name="index"),
    path("copy/", views.copy_previous, name="copy"),
    path("results/", views.results, name="results"),
    path("pdf/", views.pdf, name="pdf"),
]
