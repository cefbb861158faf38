from django.urls import path

from . import views, views_entry
from .import_urls import import_urlpatterns
from .improvement_urls import improvement_urlpatterns
from .builder_urls import urlpatterns as builder_urlpatterns

app_name = "satisfaction"
urlpatterns = [
    path("", views.round_list_view, name="index"),
    path("process/", views.process, name="process"),
    path("rounds/<int:pk>/", views.round_results_view, name="results"),
    path("rounds/<int:pk>/answers.xlsx", views.round_export_answers, name="export_answers"),
    path("rounds/<int:pk>/summary.xlsx", views.round_export_summary, name="export_summary"),
    path("rounds/<int:pk>/entry/", views_entry.entry, name="entry"),  # paper forms keyed in (views_entry)
] + builder_urlpatterns + import_urlpatterns + improvement_urlpatterns
