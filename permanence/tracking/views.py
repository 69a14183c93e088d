"""The caseload drift dashboard: for a worker, a team or the whole service."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from permanence.access import pseudonyms
from permanence.accounts.models import Team, User

from . import harm, selectors, spreadsheet, trackers
from .forms import DriftFilterForm, TrackerFilterForm


@login_required
def drift_dashboard(request):
    user = request.user
    form = DriftFilterForm(request.GET or None, initial={"scope": selectors.default_scope(user)}, user=user)
    filters = form.cleaned_filters()
    where = {"team_id": filters["team"], "worker_id": filters["worker"]}
    ids = selectors.children_in_scope(user, filters["scope"], **where)
    drift = selectors.drift(ids, today=date.today(), rule=filters["rule"])
    rows = getattr(drift, filters["show"])
    if pseudonyms.applies_to(user):
        for row in rows:
            pseudonyms.pseudonymise(row.child)
            row.obligations = [pseudonyms.obligation(o) for o in row.obligations]
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    team = Team.objects.filter(pk=filters["team"]).first() if filters["team"] else None
    worker = User.objects.filter(pk=filters["worker"]).first() if filters["worker"] else None
    return render(
        request,
        "tracking/drift.html",
        {
            "form": form,
            "drift": drift,
            "counts": drift.counts,
            "kinds": {key: drift.kinds(key) for key, _ in selectors.DRIFT_VIEWS},
            "show": filters["show"],
            "views": selectors.DRIFT_VIEWS,
            "prompts_view": selectors.PROMPTS_VIEW,
            "page": page,
            "scope": filters["scope"],
            "scope_name": dict(selectors.scope_names(user)).get(filters["scope"], ""),
            "team": team,
            "worker": worker,
            "order_in_words": harm.ORDER_IN_WORDS,
            "hidden": selectors.hidden_in_scope(user, filters["scope"], **where),
            "query": request.GET.copy(),
        },
    )


TRACKER_PAGE_SIZE = 50


@login_required
def tracker_list(request):
    return render(request, "tracking/trackers.html", {"trackers": trackers.TRACKERS.values()})


@login_required
def tracker(request, key):
    if key not in trackers.TRACKERS:
        raise Http404("No such tracker")
    definition = trackers.TRACKERS[key]
    form = TrackerFilterForm(request.GET or None)
    filters = form.filters(definition)
    result = trackers.run(key, today=date.today(), filters=filters, user=request.user)
    if request.GET.get("format") == "xlsx":
        content = spreadsheet.workbook_bytes(result, filters_text=form.describe())
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{key}-tracker-{result.today:%Y-%m-%d}.xlsx"'
        return response
    page = Paginator(result.rows, TRACKER_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "tracking/tracker.html",
        {
            "tracker": definition,
            "result": result,
            "rows": [(row, row.cells(definition)) for row in page.object_list],
            "page": page,
            "form": form,
            "filters": filters,
            "query": query,
        },
    )
