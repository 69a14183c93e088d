from django.urls import path

from . import views

urlpatterns = [
    path("performance/", views.performance, name="performance"),
    path("performance/download.<str:fmt>", views.performance_download, name="performance-download"),
    path("performance/return/", views.return_home, name="return-903"),
    path("performance/return/<int:year>.zip", views.return_download, name="return-903-download"),
    path("performance/return/import/", views.return_import, name="return-903-import"),
    path("performance/return/uploads/<int:pk>/", views.return_upload, name="return-903-upload"),
    path("performance/return/uploads/<int:pk>/<str:kind>.csv", views.return_upload_file, name="return-903-upload-file"),
]
