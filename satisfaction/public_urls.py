from django.urls import path

from . import views_public

app_name = "survey_public"
urlpatterns = [
    # Staff only (the view requires a login): under /survey/ because the poster is about the public page.
    path("poster/<int:pk>.pdf", views_public.poster, name="poster"),
    path("<slug:key>/", views_public.answer, name="answer"),
]
