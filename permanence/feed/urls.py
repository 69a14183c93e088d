from django.urls import path

from . import views

urlpatterns = [
    path("case-system-feed/", views.status, name="ssd-feed"),
    path("case-system-feed/runs/<int:pk>/", views.run_detail, name="ssd-feed-run"),
    path("case-system-feed/runs/<int:pk>/problems.csv", views.run_problems_csv, name="ssd-feed-problems"),
]
