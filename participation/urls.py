"""The CS5 pages under /cs5/, and the citizens' page (`public_urlpatterns`, namespace `participation_public`,
included by pmqa/urls.py under /participation/)."""
from django.urls import path

from . import views, views_public

app_name = "participation"
urlpatterns = [
    path("", views.project_list, name="index"),
    path("export.xlsx", views.project_export, name="export"),
    path("new/", views.project_new, name="project-new"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/publish/", views.project_publish, name="project-publish"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix/pdf/", views.matrix_pdf, name="matrix-pdf"),
    path("reports/", views.reports, name="reports"),
    path("reports/pdf/", views.reports_pdf, name="reports-pdf"),
    path("reports/<int:pk>/letter/", views.report_letter, name="report-letter"),
    path("next-steps/", views.next_steps, name="next-steps"),
    path("next-steps/<int:pk>/delete/", views.next_step_delete, name="next-step-delete"),
    path("plans/", views.plans, name="plans"),
]

public_urlpatterns = [
    path("", views_public.offices, name="index"),
    path("<str:code>/", views_public.office_projects, name="office"),
]
