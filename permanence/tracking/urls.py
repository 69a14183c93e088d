from django.urls import path

from . import views

urlpatterns = [
    path("drift/", views.drift_dashboard, name="drift-dashboard"),
    path("trackers/", views.tracker_list, name="tracker-list"),
    path("trackers/<slug:key>/", views.tracker, name="tracker"),
]
