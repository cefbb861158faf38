from django.urls import path

from . import views, views_dashboard, views_import

app_name = "complaints"
urlpatterns = [
    path("", views.ticket_list, name="index"),
    path("queue/", views.ticket_queue, name="queue"),
    path("new/", views.ticket_new, name="new"),
    path("export.xlsx", views.ticket_export, name="export"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("import/", views_import.import_start, name="import"),
    path("import/template.<str:fmt>", views_import.import_template, name="import-template"),
    path("import/<str:token>/confirm/", views_import.import_confirm, name="import-confirm"),
    path("follow-up/", views.follow_up, name="follow-up"),
    path("t/<str:reference>/", views.ticket_detail, name="detail"),
    path("t/<str:reference>/action/<str:action>/", views.ticket_action, name="action"),
    path("t/<str:reference>/attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
