from django.urls import path

from . import views

urlpatterns = [
    path("children/<int:pk>/break-glass/", views.break_glass, name="break-glass"),
    path("children/<int:pk>/record-access/", views.record_access, name="record-access"),
    path("records/retention/", views.retention_report, name="retention-report"),
]
