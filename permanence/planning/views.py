"""The permanence planning pages. Thin: forms parse, services decide, selectors read."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from permanence.audit import concurrency
from permanence.children.models import Child
from permanence.children.versions import StaleRecord, VersionMissing
from permanence.legal import routes
from permanence.legal.eligibility import cao_without_leave

from . import documents, options, procedures, selectors, services
from .forms import (
    AcknowledgementForm,
    AnalysisStartForm,
    AssessmentForm,
    CAOEligibilityForm,
    CarerBriefingForm,
    DecisionForm,
    ParentContributionForm,
    PlanCarerForm,
    PlanStepForm,
    RecommendationForm,
    StageMoveForm,
)
from .models import CarerBriefing, OptionsAnalysis, PlanningVersion

PLANNING = ("planning",)  # a change to any planning record of the child makes an open form stale


def _save(request, child, form, write, **refusal):
    """Save a valid planning form through `write` (a service call) in `services.planning_change`:
    (True, []) when saved; (False, conflicts) when someone else changed the child's planning since
    the form was opened (nothing is written; `conflicts` says what they changed), or (False, the
    VersionMissing) when the form did not say which version it was opened on; a refusal by the
    service is put on the form's fields (`refusal`: take_refusal's options)."""
    if request.method != "POST" or not form.is_valid():
        return False, []
    try:
        services.planning_change(child=child, version=request.POST.get(concurrency.FIELD), by=request.user, write=write)
    except VersionMissing as missing:
        return False, missing
    except StaleRecord as stale:
        # From just before the first change since the form was opened (the change and its audit entry
        # are written a moment apart).
        since = min(change.at for change in stale.changes) - timedelta(seconds=2) if stale.changes else timezone.now()
        found = concurrency.changes_after(
            since, child_id=child.pk, user=request.user, apps=PLANNING, leave_out=(PlanningVersion._meta.label,)
        )
        return False, found or [concurrency.Change(c.who, c.at, "Changed", "planning", []) for c in stale.changes]
    except ValidationError as refused:
        form.take_refusal(refused, **refusal)
        return False, []
    return True, []


def _guard(child, conflicts):
    """What a planning form page carries: the planning's version now, and any conflicts (or the
    refusal of a form sent without its version, `_save`)."""
    missing = conflicts if isinstance(conflicts, VersionMissing) else None
    return {
        "opened_version": selectors.planning_version(child),
        "conflicts": [] if missing else conflicts,
        "unversioned": missing,
    }


WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _analysis(child_pk, pk):
    analysis = get_object_or_404(OptionsAnalysis.objects.select_related("child", "author"), pk=pk, child_id=child_pk)
    return analysis


@login_required
def workspace(request, pk):
    child = get_object_or_404(Child, pk=pk)
    return render(
        request,
        "planning/workspace.html",
        {
            "child": child,
            "workspace": selectors.workspace(child),
            "named": selectors.named_carer(child),
            "procedures": selectors.procedures_for(child),
        },
    )


@login_required
def plan_carer(request, pk):
    """Name who the plan intends to care for the child for good."""
    child = get_object_or_404(Child, pk=pk)
    plan = services.current_plan(child)
    if plan is None:
        raise Http404("No current plan")
    people = selectors.family_people(child)
    households = selectors.carer_households()
    form = PlanCarerForm(
        request.POST if request.method == "POST" else None,
        people=[(str(p.pk), label) for p, label in people],
        households=[(str(c.pk), f"{c.name} ({c.get_kind_display().lower()})") for c in households],
    )
    by_pk = {str(p.pk): p for p, _ in people}
    carers = {str(c.pk): c for c in households}
    saved, conflicts = _save(
        request,
        child,
        form,
        lambda: services.plan_carer_name(
            child=child,
            person=by_pk.get(form.cleaned_data["person"]),
            carer=carers.get(form.cleaned_data["carer"]),
            date=form.cleaned_data["named_on"],
            by=request.user,
        ),
    )
    if saved:
        messages.success(request, "The plan now names who will care for the child.")
        return redirect("planning-workspace", pk=child.pk)
    return render(
        request,
        "planning/plan_carer.html",
        {"child": child, "plan": plan, "form": form, "named": selectors.named_carer(child), **_guard(child, conflicts)},
        status=409 if conflicts else 200,
    )


@login_required
def stage_move(request, pk):
    child = get_object_or_404(Child, pk=pk)
    plan = services.current_plan(child)
    if plan is None:
        raise Http404("No current plan")
    form = StageMoveForm(request.POST or None, plan=plan, initial={"date": date.today()})
    saved, conflicts = _save(
        request, child, form, lambda: services.plan_stage_move(plan=plan, by=request.user, **form.cleaned_data)
    )
    if saved:
        plan.refresh_from_db(fields=["stage"])  # the service moved the plan it read itself
        messages.success(request, f"The plan is now at “{plan.get_stage_display()}”.")
        return redirect("planning-workspace", pk=child.pk)
    return render(
        request,
        "planning/stage_move.html",
        {"child": child, "plan": plan, "form": form, **_guard(child, conflicts)},
        status=409 if conflicts else 200,
    )


@login_required
def decision_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    analysis = None
    analysis_pk = request.POST.get("analysis") or request.GET.get("analysis")
    if analysis_pk:
        if not str(analysis_pk).isdigit():
            raise Http404("No such options analysis")
        analysis = _analysis(child.pk, int(analysis_pk))
    initial = {"date": date.today()}
    if request.GET.get("kind") in options.DECISION_KIND_NAMES:  # a link that asks for one decision
        initial["kind"] = request.GET["kind"]
    if analysis and analysis.recommended_option:
        current = services.current_plan(child)
        changes = current and current.primary_option != analysis.recommended_option
        initial.update(
            kind="plan_changed" if changes else "plan_agreed",
            primary_option=analysis.recommended_option,
            evidence=f"Options analysis of {analysis.date:%d/%m/%Y}",
        )
    form = DecisionForm(request.POST or None, initial=initial, role=request.user.role)
    saved, conflicts = _save(
        request,
        child,
        form,
        lambda: services.decision_record(
            child=child, by=request.user, analysis=analysis, today=date.today(), **form.cleaned_data
        ),
        renames={"recorded": "date"},
    )
    if saved:
        messages.success(request, "The decision has been recorded.")
        return redirect("planning-workspace", pk=child.pk)
    return render(
        request,
        "planning/decision_form.html",
        {"child": child, "form": form, "analysis": analysis, **_guard(child, conflicts)},
        status=409 if conflicts else 200,
    )


@login_required
def analysis_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    # No date is filled in for the worker: an empty form starts nothing.
    form = AnalysisStartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            analysis = services.analysis_start(child=child, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.take_refusal(refused)
        else:
            return redirect("planning-analysis", pk=child.pk, analysis_pk=analysis.pk)
    return render(request, "planning/analysis_new.html", {"child": child, "form": form})


@login_required
def analysis_detail(request, pk, analysis_pk):
    analysis = _analysis(pk, analysis_pk)
    lines = selectors.option_lines(analysis)
    assessed = [line for line in lines if line.assessment]
    return render(
        request,
        "planning/analysis.html",
        {
            "child": analysis.child,
            "analysis": analysis,
            "lines": lines,
            "assessed": assessed,
            "realistic_count": sum(1 for line in assessed if line.assessment.realistic),
        },
    )


@login_required
def option_edit(request, pk, analysis_pk, option):
    analysis = _analysis(pk, analysis_pk)
    if option not in options.OPTION_NAMES:
        raise Http404("No such option")
    assessment = analysis.assessments.filter(option=option).first()
    form = AssessmentForm(request.POST or None, option=option, initial=AssessmentForm.initial_from(assessment))
    saved, conflicts = _save(
        request,
        analysis.child,
        form,
        lambda: services.option_assess(analysis=analysis, option=option, by=request.user, **form.service_values()),
    )
    if saved:
        messages.success(request, f"{options.OPTION_NAMES[option]}: assessment saved.")
        return redirect("planning-analysis", pk=pk, analysis_pk=analysis.pk)
    return render(
        request,
        "planning/option_form.html",
        {
            "child": analysis.child,
            "analysis": analysis,
            "option_name": options.OPTION_NAMES[option],
            "assessment": assessment,
            "form": form,
            "legal_routes": routes.routes_for_option(option),
            **_guard(analysis.child, conflicts),
        },
        status=409 if conflicts else 200,
    )


@login_required
def analysis_compare(request, pk, analysis_pk):
    analysis = _analysis(pk, analysis_pk)
    return render(
        request,
        "planning/compare.html",
        {
            "child": analysis.child,
            "analysis": analysis,
            "comparison": selectors.comparison(analysis),
        },
    )


@login_required
def analysis_recommend(request, pk, analysis_pk):
    analysis = _analysis(pk, analysis_pk)
    if analysis.is_complete:
        return redirect("planning-analysis", pk=pk, analysis_pk=analysis.pk)
    form = RecommendationForm(request.POST if request.method == "POST" else None, analysis=analysis)
    saved, conflicts = _save(
        request,
        analysis.child,
        form,
        lambda: services.analysis_recommend(analysis=analysis, by=request.user, **form.cleaned_data),
    )
    if saved:
        messages.success(request, "The recommendation has been recorded and the analysis is complete.")
        return redirect("planning-analysis", pk=pk, analysis_pk=analysis.pk)
    return render(
        request,
        "planning/recommend.html",
        {"child": analysis.child, "analysis": analysis, "form": form, **_guard(analysis.child, conflicts)},
        status=409 if conflicts else 200,
    )


@login_required
def analysis_document(request, pk, analysis_pk, extension):
    if extension not in ("docx", "pdf"):
        raise Http404("Documents come as .docx or .pdf")
    analysis = selectors.analysis_with_assessments(_analysis(pk, analysis_pk).pk)
    if extension == "docx":
        content, content_type = documents.word_bytes(analysis), WORD
    else:
        content, content_type = documents.pdf_bytes(analysis), "application/pdf"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(analysis, extension)}"'
    return response


# --- legal routes -------------------------------------------------------------------------


@login_required
def legal_routes(request):
    return render(request, "planning/legal_routes.html", {"routes": routes.ROUTES, "rows": routes.compare()})


@login_required
def cao_eligibility(request):
    form = CAOEligibilityForm(request.GET or None, initial={"application_date": date.today()})
    result = cao_without_leave(form.facts()) if form.is_bound and form.is_valid() else None
    return render(request, "planning/cao_eligibility.html", {"form": form, "result": result})


# --- procedural steps, carers told, parents' contributions --------------------------------------


def _record_page(request, child, form, template, save, done_message, extra=None):
    """One form page for a dated planning record: a stale form is refused, a refusal names the field."""
    saved, conflicts = _save(request, child, form, lambda: save(form.cleaned_data))
    if saved:
        messages.success(request, done_message)
        return redirect(f"{reverse('planning-workspace', args=[child.pk])}#procedures")
    return render(
        request,
        template,
        {"child": child, "form": form, **(extra or {}), **_guard(child, conflicts)},
        status=409 if conflicts else 200,
    )


@login_required
def step_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    kind = request.GET.get("kind", "")
    form = PlanStepForm(
        request.POST if request.method == "POST" else None,
        initial={"kind": kind} if kind in procedures.BY_KEY else {},
    )

    def save(data):
        services.plan_step_record(child=child, by=request.user, today=date.today(), **data)

    return _record_page(
        request,
        child,
        form,
        "planning/step_form.html",
        save,
        "The step has been recorded.",
        {"steps": procedures.STEPS},
    )


@login_required
def carer_briefing_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    form = CarerBriefingForm(request.POST if request.method == "POST" else None)

    def save(data):
        services.carer_briefing_record(child=child, by=request.user, today=date.today(), **data)

    return _record_page(
        request, child, form, "planning/carer_briefing_form.html", save, "What was shared with the carers is recorded."
    )


@login_required
def carer_briefing_acknowledged(request, pk, briefing_pk):
    child = get_object_or_404(Child, pk=pk)
    briefing = get_object_or_404(CarerBriefing, pk=briefing_pk, child=child)
    form = AcknowledgementForm(request.POST if request.method == "POST" else None)

    def save(data):
        services.carer_briefing_acknowledge(briefing=briefing, today=date.today(), **data)

    return _record_page(
        request,
        child,
        form,
        "planning/acknowledgement_form.html",
        save,
        "The carers' acknowledgement is recorded.",
        {"briefing": briefing},
    )


@login_required
def parent_contribution_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    form = ParentContributionForm(request.POST if request.method == "POST" else None)

    def save(data):
        services.parent_contribution_record(child=child, by=request.user, today=date.today(), **data)

    return _record_page(
        request,
        child,
        form,
        "planning/parent_contribution_form.html",
        save,
        "The parent's contribution to planning is recorded.",
    )
