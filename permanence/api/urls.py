from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("account/api-tokens/", views.api_tokens, name="api-tokens"),
]
