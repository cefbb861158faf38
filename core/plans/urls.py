from django.urls import path

from . import views, views_scoreboard

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("scoreboard/", views_scoreboard.scoreboard_page, name="scoreboard"),
    path("scoreboard/export.xlsx", views_scoreboard.scoreboard_xlsx, name="scoreboard-export"),
    path("scoreboard/pdf/", views_scoreboard.scoreboard_pdf, name="scoreboard-pdf"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/gantt/", views.plan_gantt, name="gantt"),
    path("<int:pk>/gantt/pdf/", views.plan_gantt_pdf, name="gantt-pdf"),
    path("<int:pk>/steps/", views.plan_steps_edit, name="steps-edit"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/copy/", views.plan_copy, name="copy"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence-upload"),
    path("<int:pk>/pdf/", views.plan_pdf, name="pdf"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
]
