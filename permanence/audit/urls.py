from django.urls import path

from . import views

urlpatterns = [
    path("children/<int:pk>/audit/", views.child_audit, name="child-audit"),
]
