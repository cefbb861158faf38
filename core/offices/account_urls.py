"""/account/: the signed-in user's own password and API tokens."""
from django.urls import path

from . import views_account

app_name = "account"
urlpatterns = [
    path("password/", views_account.PasswordChangeView.as_view(), name="password"),
    path("tokens/", views_account.token_list, name="tokens"),
    path("tokens/revoke-all/", views_account.tokens_revoke_all, name="tokens-revoke-all"),
    path("tokens/<str:digest>/revoke/", views_account.token_revoke, name="token-revoke"),
]
