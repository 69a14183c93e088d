from django.urls import path

from . import views

urlpatterns = [
    path("children/<int:pk>/break-glass/", views.break_glass, name="break-glass"),
    path("records/retention/", views.retention_report, name="retention-report"),
]
