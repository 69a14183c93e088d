"""Pages for brothers and sisters: the sibling assessment, the together-or-apart decision, contact plans."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from permanence.access import policy
from permanence.children.models import Child
from permanence.children.selectors import sibling_group
from permanence.govuk.forms import take_refusal

from . import services
from .choices import PRESUMPTION_SOURCE
from .forms import AssessmentForm, ContactPlanForm, DecisionForm
from .selectors import sibling_summary


def _group(child, include_child, user):
    """The brothers and sisters a form may name: those whose records the person may see."""
    ids = [s.child.pk for s in sibling_group(child) if s.child is not None]
    if include_child:
        ids.append(child.pk)
    return policy.visible_children(user).filter(pk__in=ids).order_by("first_name", "last_name")


def _back(child):
    return redirect(reverse("child-detail", args=[child.pk]) + "#sibling-decision")


@login_required
def assessment_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    group = _group(child, include_child=True, user=request.user)
    form = AssessmentForm(request.POST or None, group=group, initial={"children": list(group)})
    if request.method == "POST" and form.is_valid():
        try:
            services.sibling_assessment_record(**form.cleaned_data, author=request.user, by=request.user)
            return _back(child)
        except ValidationError as error:
            take_refusal(form, error)
    return render(
        request,
        "siblings/assessment_form.html",
        {"child": child, "form": form, "group": group, "source": PRESUMPTION_SOURCE},
    )


@login_required
def decision_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    group = _group(child, include_child=False, user=request.user)
    form = DecisionForm(request.POST or None, group=group, child=child, initial={"siblings": list(group)})
    if request.method == "POST" and form.is_valid():
        try:
            services.sibling_decision_record(child=child, by=request.user, **form.service_values())
            return _back(child)
        except ValidationError as error:
            take_refusal(form, error)
    return render(
        request,
        "siblings/decision_form.html",
        {
            "child": child,
            "form": form,
            "summary": sibling_summary(child),
            "source": PRESUMPTION_SOURCE,
        },
    )


@login_required
def contact_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    form = ContactPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sibling_contact_plan_record(child=child, by=request.user, **form.cleaned_data)
            return _back(child)
        except ValidationError as error:
            take_refusal(form, error)
    return render(request, "siblings/contact_form.html", {"child": child, "form": form})
