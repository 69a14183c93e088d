from django.urls import path

from . import views

urlpatterns = [
    path("children/<int:pk>/wishes-and-feelings/new/", views.wishes_new, name="voice-wishes-new"),
    path("children/<int:pk>/views-not-recorded/", views.views_reason, name="voice-views-reason"),
    path("children/<int:pk>/plan-contents/", views.plan_contents, name="voice-plan-contents"),
    path("children/<int:pk>/my-plan/", views.letters, name="voice-letters"),
    path("children/<int:pk>/my-plan/<int:letter_id>/", views.letter, name="voice-letter"),
    path("children/<int:pk>/my-plan/<int:letter_id>/print/", views.letter_print, name="voice-letter-print"),
]
