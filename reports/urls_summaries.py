from django.urls import path

from . import views_summaries as views

app_name = "summaries"
urlpatterns = [
    path("", views.summary_list, name="index"),
    path("regenerate/", views.summary_regenerate, name="regenerate"),
    path("<int:pk>/", views.summary_detail, name="detail"),
    path("<int:pk>/pdf/", views.summary_pdf, name="pdf"),
]
