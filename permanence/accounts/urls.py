from django.urls import path

from . import views

urlpatterns = [
    path("account/two-factor/", views.two_factor_verify, name="two-factor"),
    path("account/two-factor/set-up/", views.two_factor_setup, name="two-factor-setup"),
]
