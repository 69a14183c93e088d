"""The case system feed's status page for administrators: the last run, what it changed, and the
problems it found (listed, and as a CSV). Thin: reads through selectors.py."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from permanence.children import ownership
from permanence.text.cells import csv_text

from . import selectors
from .models import SyncProblem, SyncRun

KIND_ORDER = (
    "episode",
    "order",
    "allocation",
    "review",
    "visit",
    "health",
    "dental",
    "care_plan",
    "missing",
    "proceedings",
    "permanence",
    "care_leaver",
)
COLUMNS = ("new", "changed", "ended", "kept", "unchanged")


def _kinds(run):
    counts = run.counts if run else {}
    return [
        {"kind": kind, "label": LABELS[kind], "counts": [counts.get(kind, {}).get(c, 0) for c in COLUMNS]}
        for kind in KIND_ORDER
        if kind in counts
    ]


LABELS = {
    "episode": "Episodes of care",
    "order": "Legal orders",
    "allocation": "Allocations",
    "review": "Looked-after reviews",
    "visit": "Statutory visits",
    "health": "Health assessments",
    "dental": "Dental checks",
    "care_plan": "Care plans",
    "missing": "Missing episodes",
    "proceedings": "Pre-proceedings",
    "permanence": "Permanence dates",
    "care_leaver": "Care leaver facts",
}


@login_required
def status(request):
    run = selectors.last_run()
    return render(
        request,
        "feed/status.html",
        {
            "run": run,
            "last_success": selectors.last_successful_run(),
            "kinds": _kinds(run),
            "columns": COLUMNS,
            "problems": list(selectors.run_problems(run, limit=20)) if run else [],
            "problem_counts": selectors.problem_counts(run) if run else {},
            "runs": selectors.recent_runs(),
            "beside": ownership.runs_beside_case_system(),
            "case_system": ownership.case_system_name(),
        },
    )


@login_required
def run_detail(request, pk):
    run = get_object_or_404(SyncRun, pk=pk)
    kind = request.GET.get("kind") or None
    if kind not in dict(SyncProblem.KINDS):
        kind = None
    page = Paginator(selectors.run_problems(run, kind=kind), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "feed/run.html",
        {
            "run": run,
            "page": page,
            "kind": kind,
            "kinds": _kinds(run),
            "columns": COLUMNS,
            "problem_counts": selectors.problem_counts(run),
        },
    )


@login_required
def run_problems_csv(request, pk):
    run = get_object_or_404(SyncRun, pk=pk)
    rows = [("kind", "table", "row", "field", "value", "message", "person")]
    rows += [
        (p.get_kind_display(), p.table, p.row, p.field, p.value, p.message, p.person)
        for p in selectors.run_problems(run).iterator(chunk_size=2000)
    ]
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ssd-sync-{run.pk}-problems.csv"'
    return response
