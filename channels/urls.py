from django.urls import path

from . import views, views_statistics

app_name = "channels"
urlpatterns = [
    # The channel register (national channels and the offices' own).
    path("", views.channel_list, name="index"),
    path("export.xlsx", views.channel_export, name="export"),
    path("new/", views.channel_new, name="channel-new"),
    path("<int:pk>/", views.channel_edit, name="channel-edit"),
    # Table CS2-1: groups × channels.
    path("cs2-1/", views.cs21, name="cs21"),
    path("cs2-1/export.xlsx", views.cs21_export, name="cs21-export"),
    path("cs2-1/pdf/", views.cs21_pdf, name="cs21-pdf"),
    path("cs2-1/new/", views.cs21_new, name="cs21-new"),
    path("cs2-1/<int:pk>/", views.cs21_edit, name="cs21-edit"),
    path("cs2-1/<int:pk>/delete/", views.cs21_delete, name="cs21-delete"),
    # The three-year statistics, keyed and imported counts.
    path("statistics/", views_statistics.statistics, name="statistics"),
    path("statistics/pdf/", views_statistics.statistics_pdf, name="statistics-pdf"),
    path("statistics/export.xlsx", views_statistics.statistics_export, name="statistics-export"),
    path("statistics/import/", views_statistics.import_start, name="import"),
    path("statistics/import/template.<str:fmt>", views_statistics.import_template, name="import-template"),
    path("statistics/import/<str:token>/confirm/", views_statistics.import_confirm, name="import-confirm"),
    # CS2-A, reviews, improvements, plans.
    path("information/", views.information, name="information"),
    path("reviews/", views.reviews, name="reviews"),
    path("improvements/", views.improvements, name="improvements"),
    path("improvements/<int:pk>/photo/<str:which>/", views.improvement_photo, name="improvement-photo"),
    path("improvements/<int:pk>/delete/", views.improvement_delete, name="improvement-delete"),
    path("plans/", views.plans, name="plans"),
]
