from django.urls import path

from . import views

urlpatterns = [
    path("jobs/", views.job_list, name="jobs"),
    path("jobs/<slug:name>/run/", views.job_run, name="job-run"),
]
