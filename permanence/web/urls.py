from django.urls import path

from permanence.children.recording.kinds import KINDS

from . import health, record, views

urlpatterns = [
    path("health/", health.health, name="health"),
    path("print.css", views.print_css, name="print-css"),
    path("", views.home, name="home"),
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("children/", views.child_search, name="child-search"),
    path("children/new/", record.child_new, name="child-new"),
    path("children/<int:pk>/", views.child_detail, name="child-detail"),
    path("carers/new/", record.carer_new, name="carer-new"),
    path("carers/<int:carer_id>/", record.carer_edit, name="carer-edit"),
    path("carers/<int:carer_id>/approvals/new/", record.carer_approval_new, name="carer-approval-new"),
]
# One page to record each kind of fact, and one to update or correct a fact recorded
# (permanence/children/recording/kinds.py); the role matrix names who may open each.
for _kind in KINDS:
    _slug = _kind.key.replace("_", "-")
    if _kind.records:
        urlpatterns.append(
            path(
                f"children/<int:pk>/record/{_slug}/",
                record.record_fact,
                {"kind": _kind.key},
                name=f"record-{_kind.key}",
            )
        )
    if _kind.corrects:
        urlpatterns.append(
            path(
                f"children/<int:pk>/record/{_slug}/<int:item>/",
                record.correct_fact,
                {"kind": _kind.key},
                name=f"correct-{_kind.key}",
            )
        )
