"""The CS7 pages under /cs7/."""
from django.urls import path

from . import views, views_dashboard, views_import, views_public, views_use

app_name = "service_standards"
urlpatterns = [
    path("", views.service_list, name="index"),
    path("new/", views.service_new, name="service-new"),
    path("summary.pdf", views.summary_pdf, name="summary-pdf"),
    path("<int:pk>/", views.service_detail, name="service"),
    path("<int:pk>/chart.pdf", views.service_chart_pdf, name="service-chart-pdf"),
    path("<int:pk>/manuals/", views.manuals, name="manuals"),
    path("<int:pk>/manuals/diff/", views.manual_diff, name="manual-diff"),
    path("manuals/<int:pk>/", views.manual, name="manual"),
    path("manuals/<int:pk>/approve/", views.manual_approve, name="manual-approve"),
    path("manuals/<int:pk>/publish/", views.manual_publish, name="manual-publish"),
    path("manuals/<int:pk>/manual.pdf", views.manual_pdf, name="manual-pdf"),
    path("manuals/<int:pk>/poster.pdf", views.manual_poster, name="manual-poster"),
    path("records/", views.record_list, name="records"),
    path("records/new/", views.record_new, name="record-new"),
    path("records/export.xlsx", views.record_export, name="records-export"),
    path("plans/", views.plans, name="plans"),
    path("<int:pk>/staff-manuals/", views_use.staff_manuals, name="staff-manuals"),
    path("staff-manuals/files/<int:pk>/", views_use.staff_manual_file, name="staff-manual-file"),
    path("checks/", views_use.check_list, name="checks"),
    path("checks/new/", views_use.check_new, name="check-new"),
    path("checks/export.xlsx", views_use.check_export, name="checks-export"),
    path("checks/<int:pk>/", views_use.check_detail, name="check"),
    # The spreadsheet import of service records (views_import).
    path("records/import/", views_import.import_start, name="records-import"),
    path("records/import/template.<str:fmt>", views_import.import_template, name="records-import-template"),
    path("records/import/<str:token>/confirm/", views_import.import_confirm, name="records-import-confirm"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
]

# The citizens' page (namespace `manual_public`, included by pmqa/urls.py under /manual/).
public_urlpatterns = [
    path("<uuid:token>/", views_public.manual, name="manual"),
]
