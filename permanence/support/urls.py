from django.urls import path

from . import views

urlpatterns = [
    path("children/<int:pk>/contact-plans/new/", views.contact_plan_new, name="support-contact-plan-new"),
    path("contact-plans/<int:pk>/sessions/new/", views.contact_session_new, name="support-contact-session-new"),
    path("children/<int:pk>/transition-plans/new/", views.transition_plan_new, name="support-transition-plan-new"),
    path("children/<int:pk>/support-plans/new/", views.support_plan_new, name="support-plan-new"),
    path("support-actions/<int:pk>/done/", views.support_action_done, name="support-action-done"),
    path("children/<int:pk>/stability-events/new/", views.stability_event_new, name="support-event-new"),
    path("children/<int:pk>/disruption-meetings/new/", views.disruption_new, name="support-disruption-new"),
    path("stability/", views.stability, name="stability"),
    path("stability/learning/", views.learning, name="stability-learning"),
]
