from contextlib import nullcontext

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from permanence.accounts.models import User
from permanence.children import versions
from permanence.children.models import Child

from . import retention, services
from .forms import BreakGlassForm, RestrictionForm, RetentionFilterForm
from .models import BreakGlassGrant, RestrictedRecord
from .policy import restricted_for


@login_required
def break_glass(request, pk):
    child = get_object_or_404(Child, pk=pk)
    form = BreakGlassForm(request.POST or None, hours=services.BREAK_GLASS_HOURS)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.break_glass_grant(user=request.user, child=child, reason=form.cleaned_data["reason"])
        except ValueError as exc:
            form.add_error("reason", str(exc))
        else:
            messages.success(
                request,
                f"You have access to this record until {grant.expires_at:%H:%M on %d/%m/%Y}. "
                "Your manager has been told.",
            )
            return redirect("child-detail", pk=child.pk)
    return render(
        request,
        "access/break_glass.html",
        {
            "child_id": child.pk,
            "form": form,
        },
    )


@login_required
def retention_report(request):
    form = RetentionFilterForm(request.GET or None, initial={"within": 365})
    within = 365
    if form.is_bound and form.is_valid() and form.cleaned_data["within"] is not None:
        within = form.cleaned_data["within"]
    rows = retention.due_for_review(within_days=within)
    hidden = restricted_for(request.user, [row["child_id"] for row in rows])
    for row in rows:
        row["restricted"] = row["child_id"] in hidden
    return render(request, "access/retention.html", {"rows": rows, "form": form, "within": within})


@login_required
def record_access(request, pk):
    """Restrict a child's record, name who may open it, lift the restriction, end break-glass grants."""
    from django.utils import timezone

    child = get_object_or_404(Child, pk=pk)
    restriction = RestrictedRecord.objects.filter(child=child).prefetch_related("permitted").first()
    initial = (
        {
            "reason": restriction.reason,
            "detail": restriction.detail,
            "permitted": [u.pk for u in restriction.permitted.all()],
        }
        if restriction
        else {}
    )
    form = RestrictionForm(initial=initial, child=child)
    stale = None
    if request.method == "POST":
        action = request.POST.get("action")
        # A restriction already set is changed or lifted on the version the person read.
        guard = (
            versions.editing(record=restriction, version=request.POST.get("version"), by=request.user)
            if restriction
            else nullcontext()
        )
        if action == "restrict":
            form = RestrictionForm(request.POST, child=child)
            if form.is_valid():
                try:
                    with guard:
                        services.restriction_set(
                            child=child,
                            reason=form.cleaned_data["reason"],
                            detail=form.cleaned_data["detail"],
                            by=request.user,
                            permitted=User.objects.filter(pk__in=form.cleaned_data["permitted"]),
                        )
                except versions.StaleRecord as refused:
                    stale = refused
                else:
                    messages.success(request, "The record is restricted: only the people named can open it.")
                    return redirect("record-access", pk=child.pk)
        elif action == "lift" and restriction:
            try:
                with versions.editing(record=restriction, version=request.POST.get("version"), by=request.user):
                    services.restriction_lift(child=child)
            except versions.StaleRecord as refused:
                stale = refused
            else:
                messages.success(request, "The restriction is lifted: the record follows case access again.")
                return redirect("record-access", pk=child.pk)
        elif action == "revoke":
            grant = BreakGlassGrant.objects.filter(child=child, pk=request.POST.get("grant") or 0).first()
            if grant:
                services.break_glass_revoke(grant=grant)
                messages.success(request, f"{grant.user.get_full_name()}'s emergency access has ended.")
            return redirect("record-access", pk=child.pk)
    now = timezone.now()
    grants = BreakGlassGrant.objects.filter(child=child).select_related("user")[:20]
    return render(
        request,
        "access/record_access.html",
        {
            "child": child,
            "restriction": restriction,
            "form": form,
            "now": now,
            "live_grants": [g for g in grants if g.expires_at > now],
            "past_grants": [g for g in grants if g.expires_at <= now],
            "stale": stale,
            "version": versions.form_version(request, restriction, stale) if restriction else "",
        },
        status=409 if stale else 200,
    )
