from django.urls import path

from . import views

analysis = "children/<int:pk>/planning/options-analyses/<int:analysis_pk>/"

urlpatterns = [
    path("legal-routes/", views.legal_routes, name="legal-routes"),
    path("legal-routes/child-arrangements-order-without-leave/", views.cao_eligibility, name="cao-eligibility"),
    path("children/<int:pk>/planning/", views.workspace, name="planning-workspace"),
    path("children/<int:pk>/planning/stage/", views.stage_move, name="planning-stage-move"),
    path("children/<int:pk>/planning/carers/", views.plan_carer, name="planning-plan-carer"),
    path("children/<int:pk>/planning/steps/new/", views.step_new, name="planning-step-new"),
    path("children/<int:pk>/planning/carer-briefings/new/", views.carer_briefing_new, name="planning-briefing-new"),
    path(
        "children/<int:pk>/planning/carer-briefings/<int:briefing_pk>/acknowledged/",
        views.carer_briefing_acknowledged,
        name="planning-briefing-acknowledged",
    ),
    path("children/<int:pk>/planning/parents/new/", views.parent_contribution_new, name="planning-parent-new"),
    path("children/<int:pk>/planning/decisions/new/", views.decision_new, name="planning-decision-new"),
    path("children/<int:pk>/planning/options-analyses/new/", views.analysis_new, name="planning-analysis-new"),
    path(analysis, views.analysis_detail, name="planning-analysis"),
    path(analysis + "options/<slug:option>/", views.option_edit, name="planning-option"),
    path(analysis + "compare/", views.analysis_compare, name="planning-compare"),
    path(analysis + "recommendation/", views.analysis_recommend, name="planning-recommend"),
    path(analysis + "options-analysis.<str:extension>", views.analysis_document, name="planning-document"),
]
