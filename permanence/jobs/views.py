"""The Background jobs page (administrators): each job's last run and outcome, and Run now."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import Heartbeat


@login_required
def job_list(request):
    processes = selectors.processes()
    return render(
        request,
        "jobs/job_list.html",
        {
            "statuses": selectors.job_statuses(),
            "queue": selectors.queue_counts(),
            "processes": processes,
            "worker_alive": any(p.alive and p.kind == "Worker" for p in processes),
            "scheduler_alive": any(p.alive and p.kind == "Scheduler" for p in processes),
            "recent": selectors.recent_runs(),
            "kinds": Heartbeat.KINDS,
        },
    )


@login_required
@require_POST
def job_run(request, name):
    try:
        services.job_run_now(name=name, today=timezone.localdate())
    except (LookupError, ValueError) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "The job is queued. A worker runs it within a few seconds; refresh to see it.")
    return redirect("jobs")
