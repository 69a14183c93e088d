from django.urls import path

from . import views

urlpatterns = [
    path("children/<int:pk>/siblings/assessment/new/", views.assessment_new, name="siblings-assessment-new"),
    path("children/<int:pk>/siblings/decision/new/", views.decision_new, name="siblings-decision-new"),
    path("children/<int:pk>/siblings/contact-plan/new/", views.contact_new, name="siblings-contact-new"),
]
