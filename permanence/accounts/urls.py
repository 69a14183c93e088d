from django.urls import path

from . import oidc, views

urlpatterns = [
    path("oidc/authenticate/", oidc.ProviderSignIn.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc.ProviderCallback.as_view(), name="oidc_authentication_callback"),
    path("account/two-factor/", views.two_factor_verify, name="two-factor"),
    path("account/two-factor/set-up/", views.two_factor_setup, name="two-factor-setup"),
]
