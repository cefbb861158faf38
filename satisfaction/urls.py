"""CS6 URLs: the staff pages under /cs6/ (namespace `satisfaction`) and the respondents' pages under /survey/
(`public_urlpatterns`, namespace `survey_public`, included by pmqa/urls.py)."""
from django.urls import path

from . import views, views_builder, views_entry, views_import, views_improvements, views_public

app_name = "satisfaction"
urlpatterns = [
    path("", views.round_list_view, name="index"),
    path("process/", views.process, name="process"),
    path("rounds/<int:pk>/", views.round_results_view, name="results"),
    path("rounds/<int:pk>/settings/", views.round_settings, name="round_settings"),
    path("rounds/<int:pk>/answers.xlsx", views.round_export_answers, name="export_answers"),
    path("rounds/<int:pk>/summary.xlsx", views.round_export_summary, name="export_summary"),
    path("rounds/<int:pk>/entry/", views_entry.entry, name="entry"),  # paper forms keyed in
    # The questionnaire builder and a new round.
    path("questionnaires/new/", views_builder.questionnaire_new, name="questionnaire_new"),
    path("questionnaires/preview/", views_builder.questionnaire_preview, name="questionnaire_preview"),
    path("rounds/new/", views_builder.round_new, name="round_new"),
    # Spreadsheet import of a round's responses: upload, template, preview and confirm.
    path("rounds/<int:pk>/import/", views_import.import_start, name="import"),
    path("rounds/<int:pk>/import/template.<str:fmt>", views_import.import_template, name="import-template"),
    path("rounds/<int:pk>/import/<str:token>/confirm/", views_import.import_confirm, name="import-confirm"),
    # The improvements planned from a round's results.
    path("rounds/<int:pk>/improvements/", views_improvements.improvements, name="improvements"),
    path("rounds/<int:pk>/improvements/<int:improvement_pk>/evidence/", views_improvements.improvement_evidence,
         name="improvement-evidence"),
]

public_urlpatterns = [
    # Staff only (the view requires a login): under /survey/ because the poster is about the public page.
    path("poster/<int:pk>.pdf", views_public.poster, name="poster"),
    path("<slug:key>/", views_public.answer, name="answer"),
]
