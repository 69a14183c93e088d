"""Pages for contact, transitions, support plans, early warnings and disruption learning. Thin:
forms check types, services check rules, selectors read."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from permanence.children import versions
from permanence.children.models import Child
from permanence.govuk.forms import take_refusal

from . import choices, selectors, services
from .forms import (
    ActionDoneForm,
    ContactPlanForm,
    ContactSessionForm,
    DisruptionForm,
    StabilityEventForm,
    SupportPlanForm,
    TransitionPlanForm,
)
from .models import ContactPlan, SupportAction

ANCHOR = "#stability"


def _back(child, anchor=ANCHOR):
    return redirect(reverse("child-detail", args=[child.pk]) + anchor)


def _form_page(request, child, form_class, record, template, extra=None, anchor=ANCHOR):
    """GET shows the form; a valid POST calls `record(values)` and goes back to the child page."""
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.service_values() if hasattr(form, "service_values") else dict(form.cleaned_data)
        try:
            record(values)
            return _back(child, anchor)
        except ValidationError as error:
            take_refusal(form, error)
    return render(request, template, {"child": child, "form": form, "back_anchor": anchor, **(extra or {})})


@login_required
def contact_plan_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    return _form_page(
        request,
        child,
        ContactPlanForm,
        lambda values: services.contact_plan_record(child=child, by=request.user, **values),
        "support/contact_plan_form.html",
        {"source": choices.CONTACT_SOURCE},
        anchor="#contact",
    )


@login_required
def contact_session_new(request, pk):
    plan = get_object_or_404(ContactPlan.objects.select_related("child"), pk=pk)
    return _form_page(
        request,
        plan.child,
        ContactSessionForm,
        lambda values: services.contact_session_record(plan=plan, by=request.user, **values),
        "support/contact_session_form.html",
        {"plan": plan},
        anchor="#contact",
    )


@login_required
def transition_plan_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    return _form_page(
        request,
        child,
        TransitionPlanForm,
        lambda values: services.transition_plan_record(child=child, by=request.user, **values),
        "support/transition_plan_form.html",
        {"source": choices.TRANSITION_SOURCE},
        anchor="#transition-support",
    )


@login_required
def support_plan_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    form = SupportPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.support_plan_record(child=child, by=request.user, **form.cleaned_data)
            return _back(child, "#transition-support")
        except ValidationError as error:
            take_refusal(form, error)
    return render(
        request,
        "support/support_plan_form.html",
        {
            "child": child,
            "form": form,
            "back_anchor": "#transition-support",
            "source": choices.SUPPORT_SOURCE,
            "service_rows": form.rows("service", "provider", "service_start", "service_end"),
            "action_rows": form.rows("action", "owner", "due"),
        },
    )


@login_required
def support_action_done(request, pk):
    action = get_object_or_404(SupportAction.objects.select_related("plan__child"), pk=pk)
    child = action.plan.child
    form = ActionDoneForm(request.POST or None, initial={"done_on": date.today()})
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            with versions.editing(record=action, version=request.POST.get("version"), by=request.user):
                services.support_action_complete(action=action, **form.cleaned_data)
            return _back(child, "#transition-support")
        except versions.StaleRecord as refused:
            stale = refused
        except ValidationError as error:
            take_refusal(form, error)
    return render(
        request,
        "support/action_done_form.html",
        {
            "child": child,
            "form": form,
            "action": action,
            "back_anchor": "#transition-support",
            "stale": stale,
            "version": versions.form_version(request, action, stale),
        },
        status=409 if stale else 200,
    )


@login_required
def stability_event_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    return _form_page(
        request,
        child,
        StabilityEventForm,
        lambda values: services.stability_event_record(child=child, by=request.user, **values),
        "support/event_form.html",
        {"source": choices.STRAIN_SOURCE},
    )


@login_required
def disruption_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    return _form_page(
        request,
        child,
        DisruptionForm,
        lambda values: services.disruption_meeting_record(child=child, by=request.user, **values),
        "support/disruption_form.html",
        {"source": choices.DISRUPTION_SOURCE},
        anchor="#disruption",
    )


@login_required
def stability(request):
    """Homes under strain: every child whose record fires an early-warning indicator, and why."""
    rules = selectors.thresholds()
    wanted = request.GET.get("indicator") or None
    if wanted not in {r.id for r in rules}:
        wanted = None
    rows = selectors.homes_under_strain(indicator=wanted)
    page = Paginator(rows, 50).get_page(request.GET.get("page", 1))
    return render(
        request,
        "support/stability.html",
        {
            "page": page,
            "rules": rules,
            "wanted": wanted,
            "total": len(rows),
            "source": choices.STRAIN_SOURCE,
        },
    )


@login_required
def learning(request):
    """The service learning report: disruptions and their lessons by route, age and reason (KSS §5)."""
    route = request.GET.get("route") or None
    age = request.GET.get("age") or None
    reason = request.GET.get("reason") or None
    report = selectors.learning_report(
        route=route if route in choices.DISRUPTION_ROUTE_NAMES else None,
        age=age if age in {name for _, _, name in choices.AGE_BANDS} else None,
        reason=reason if reason in choices.REASON_NAMES else None,
    )
    return render(
        request,
        "support/learning.html",
        {
            "report": report,
            "routes": choices.DISRUPTION_ROUTES,
            "ages": [name for _, _, name in choices.AGE_BANDS],
            "reasons": choices.REASONS,
            "route": route,
            "age": age,
            "reason": reason,
            "source": choices.DISRUPTION_SOURCE,
        },
    )
