from django.urls import path

from . import views

urlpatterns = [
    path("family-finding/", views.home, name="matching-home"),
    path("family-finding/carers/", views.carer_register, name="matching-carers"),
    path("family-finding/carers/<int:pk>/", views.carer_detail, name="matching-carer"),
    path("family-finding/carers/<int:pk>/edit/", views.carer_edit, name="matching-carer-edit"),
    path("family-finding/children/<int:pk>/", views.child_family_finding, name="matching-child"),
    path("family-finding/children/<int:pk>/start/", views.start, name="matching-start"),
    path("family-finding/children/<int:pk>/link/", views.link, name="matching-link"),
    path("family-finding/matches/<int:pk>/", views.match_detail, name="matching-match"),
    path("family-finding/suggested-plan/", views.suggested_plan, name="matching-plan"),
]
