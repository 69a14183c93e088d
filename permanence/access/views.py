from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from permanence.children.models import Child

from . import retention, services


@login_required
def break_glass(request, pk):
    child = get_object_or_404(Child, pk=pk)
    error = ""
    if request.method == "POST":
        try:
            grant = services.break_glass_grant(user=request.user, child=child, reason=request.POST.get("reason", ""))
        except ValueError as exc:
            error = str(exc)
        else:
            messages.success(request, f"You have access to this record until {grant.expires_at:%H:%M on %d/%m/%Y}. "
                                      "Your manager has been told.")
            return redirect("child-detail", pk=child.pk)
    return render(request, "access/break_glass.html", {
        "child_id": child.pk, "error": error, "reason": request.POST.get("reason", ""),
        "hours": services.BREAK_GLASS_HOURS,
    })


@login_required
def retention_report(request):
    rows = retention.due_for_review(within_days=int(request.GET.get("within", 365) or 365))
    return render(request, "access/retention.html", {"rows": rows})
