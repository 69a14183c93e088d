from django.urls import path

from . import views

urlpatterns = [
    path("meetings/", views.home, name="meetings"),
    path("meetings/clinics/", views.clinic_list, name="clinic-list"),
    path("meetings/clinics/<int:pk>/", views.clinic_detail, name="clinic-detail"),
    path("meetings/clinics/<int:pk>/items/<int:item_pk>/", views.clinic_item, name="clinic-item"),
    path("meetings/tracking/", views.tracking_list, name="tracking-list"),
    path("meetings/tracking/<int:pk>/", views.tracking_detail, name="tracking-detail"),
    path("meetings/tracking/<int:pk>/items/<int:item_pk>/", views.agenda_item, name="agenda-item"),
    path("meetings/tracking/<int:pk>/pack/", views.tracking_pack, name="tracking-pack"),
    path("meetings/panels/", views.panel_list, name="panel-list"),
    path("meetings/panels/new/", views.panel_new, name="panel-new"),
    path("meetings/panels/<int:pk>/", views.panel_detail, name="panel-detail"),
    path("meetings/panels/<int:pk>/items/<int:item_pk>/", views.panel_item, name="panel-item"),
    path("meetings/panels/<int:pk>/items/<int:item_pk>/minutes/", views.panel_minutes, name="panel-minutes"),
    path("meetings/panels/<int:pk>/items/<int:item_pk>/decision/", views.adm_decision, name="adm-decision"),
    path("children/<int:pk>/refer-to-clinic/", views.refer, name="refer-to-clinic"),
    path("children/<int:pk>/add-to-panel/", views.add_to_panel, name="add-to-panel"),
    path(
        "children/<int:pk>/reviews/<int:review_pk>/decisions-report/", views.decisions_report, name="decisions-report"
    ),
    path("meetings/iro/", views.iro_desk, name="iro-desk"),
    path("children/<int:pk>/escalations/new/", views.escalation_new, name="escalation-new"),
    path("children/<int:pk>/escalations/<int:escalation_pk>/", views.escalation_detail, name="escalation-detail"),
    path("actions/", views.my_actions, name="my-actions"),
    path("actions/<int:action_pk>/done/", views.action_done, name="action-done"),
]
