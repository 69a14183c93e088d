"""Family finding pages: waiting children, the carer register, shortlists, match records, the
suggested plan. Thin: the rules are in services, scoring and the optimiser."""

from contextlib import nullcontext
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from permanence.access import matrix, policy
from permanence.children import versions
from permanence.children.models import Carer, Child
from permanence.govuk.forms import take_refusal
from permanence.planning.options import OPTION_NAMES

from . import forms, selectors, services, stages
from .choices import FAMILY_FINDING_SOURCE, SIBLINGS_SOURCE
from .models import ChildProfile, Match
from .needs import NEEDS, level_name


@login_required
def home(request):
    found = selectors.waiting_children(visible=policy.visible_children(request.user))
    return render(request, "matching/home.html", {"found": found})


@login_required
def carer_register(request):
    form = forms.RegisterFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.carer_register(on_register=True, **{k: v for k, v in filters.items() if v})
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "matching/carer_register.html", {"form": form, "page": page, "count": page.paginator.count})


def _needs_rows(needs):
    return [(label, level_name((needs or {}).get(key, 0))) for key, label in NEEDS]


@login_required
def carer_detail(request, pk):
    carer = get_object_or_404(Carer.objects.select_related("matching_profile"), pk=pk)
    profile = getattr(carer, "matching_profile", None)
    return render(
        request,
        "matching/carer_detail.html",
        {
            "carer": carer,
            "profile": profile,
            "needs": _needs_rows(profile.needs if profile else {}),
            "matches": selectors.carer_matches(carer),
        },
    )


@login_required
def carer_edit(request, pk):
    carer = get_object_or_404(Carer, pk=pk)
    profile = getattr(carer, "matching_profile", None)
    initial = (
        {
            f: getattr(profile, f)
            for f in (
                "approval_type",
                "status",
                "on_hold_reason",
                "district",
                "children_cared_for",
                "open_to_siblings",
                "preferred_age_min",
                "preferred_age_max",
                "preferences",
            )
        }
        if profile
        else {}
    )
    form = forms.CarerProfileForm(request.POST or None, initial=initial, needs=profile.needs if profile else {})
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            # An entry already on the register is edited on the version the form carries.
            with (
                versions.editing(record=profile, version=request.POST.get("version"), by=request.user)
                if profile
                else nullcontext()
            ):
                services.carer_profile_record(carer=carer, **form.service_values())
            messages.success(request, f"{carer.name}: register entry saved.")
            return redirect("matching-carer", pk=carer.pk)
        except versions.StaleRecord as refused:
            stale = refused
        except ValidationError as error:
            take_refusal(form, error)
    return render(
        request,
        "matching/carer_form.html",
        {
            "carer": carer,
            "form": form,
            "stale": stale,
            "version": versions.form_version(request, profile, stale) if profile else "",
        },
        status=409 if stale else 200,
    )


@login_required
def child_family_finding(request, pk):
    child = get_object_or_404(Child, pk=pk)
    profile = ChildProfile.objects.filter(child=child).first()
    if profile is None:
        return redirect("matching-start", pk=child.pk)
    shortlist = selectors.shortlist_for(child)
    matches = selectors.child_matches(child)
    siblings = [m for m in shortlist["unit"].children if m.id != child.pk]
    return render(
        request,
        "matching/child.html",
        {
            "child": child,
            "profile": profile,
            "shortlist": shortlist,
            "matches": matches,
            "siblings": siblings,
            "needs": [(label, level_name(profile.needs.get(key, 0))) for key, label in NEEDS if profile.needs.get(key)],
            "active": next((m for m in matches if m.is_active), None),
            "siblings_source": SIBLINGS_SOURCE,
            "plan_name": OPTION_NAMES.get(shortlist["facts"].option, ""),
            "verdict": shortlist["verdict"],
            "waiting_days": shortlist["verdict"].days(date.today()),
            "held": shortlist["held"],
            "group": shortlist["group"],
            "apart": shortlist["apart"],
        },
    )


@login_required
def start(request, pk):
    child = get_object_or_404(Child, pk=pk)
    if ChildProfile.objects.filter(child=child).exists():
        return redirect("matching-child", pk=child.pk)
    form = forms.StartForm(request.POST or None, initial={"started": date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.family_finding_start(child=child, by=request.user, **form.service_values())
            messages.success(request, f"Family finding started for {child.first_name}.")
            return redirect("matching-child", pk=child.pk)
        except ValidationError as error:
            take_refusal(form, error)
    return render(request, "matching/start.html", {"child": child, "form": form, "source": FAMILY_FINDING_SOURCE})


@login_required
@require_POST
def link(request, pk):
    child = get_object_or_404(Child, pk=pk)
    form = forms.LinkForm(request.POST)
    if form.is_valid():
        carer = get_object_or_404(Carer, pk=form.cleaned_data["carer"])
        try:
            match = services.link_record(
                child=child, carer=carer, date=form.cleaned_data["date"] or date.today(), by=request.user
            )
            messages.success(request, f"{child.first_name} is linked with {carer.name}.")
            return redirect("matching-match", pk=match.pk)
        except ValidationError as error:
            for problems in error.message_dict.values():
                for problem in problems:
                    messages.error(request, problem)
    else:
        messages.error(request, "Choose carers to link and a real date.")
    return redirect("matching-child", pk=child.pk)


STEP_FORMS = {
    "visit": forms.VisitForm,
    "report": forms.ReportForm,
    "panel": forms.PanelForm,
    "introductions": forms.IntroductionsForm,
    "placed": forms.PlacedForm,
    "end": forms.EndForm,
}


STEP_SERVICES = {
    "visit": services.match_visit_record,
    "report": services.match_report_record,
    "panel": services.match_to_panel,
    "introductions": services.match_introductions,
    "placed": services.match_placed,
    "end": services.match_end,
}


def _do(step, match, data, user, version):
    """Take the step on the version of the match the page was opened on (the form's hidden field)."""
    STEP_SERVICES[step](match=match, version=version, by=user, **data)


STEP_DONE = {
    "visit": "Visit recorded.",
    "report": "Matching report saved.",
    "panel": "The match is on the panel's list.",
    "introductions": "Introductions plan saved.",
    "placed": "Placement recorded.",
    "end": "The link has ended.",
}


def _steps_open(match, user):
    """Which forms the match page offers now."""
    s = match.stage
    open_ = []
    if s in (stages.LINKED, stages.VISITS):
        open_.append("visit")
    if s == stages.VISITS:
        open_.append("report")
    if s == stages.REPORT and not match.panel_item_id:
        open_.append("panel")
    if s == stages.APPROVED:
        open_.append("introductions")
    if s == stages.INTRODUCTIONS:
        open_.append("placed")
    if s in stages.ACTIVE:
        open_.append("end")
    return open_


@login_required
def match_detail(request, pk):
    match = get_object_or_404(Match, pk=pk)
    match = selectors.match_detail(match.pk)
    step = request.POST.get("step") if request.method == "POST" else None
    posted = request.POST.get("version")
    bound = {}
    stale = None
    try:
        if step in STEP_FORMS and step in _steps_open(match, request.user):
            form = STEP_FORMS[step](request.POST)
            bound[step] = form
            if form.is_valid():
                try:
                    _do(step, match, form.cleaned_data, request.user, posted)
                    messages.success(request, STEP_DONE[step])
                    return redirect("matching-match", pk=match.pk)
                except ValidationError as error:
                    take_refusal(form, error)
        elif step:
            # A page opened before someone else moved the match on offers a step no longer open:
            # that is their move, shown as such, not a mistake of this person's.
            versions.check_version(record=match, version=posted)
            messages.error(request, "That step is not open for this match now.")
            return redirect("matching-match", pk=match.pk)
    except versions.StaleRecord as refused:
        stale = refused
        match = selectors.match_detail(match.pk)
        bound = {s: f for s, f in bound.items() if s in _steps_open(match, request.user)}
    today = date.today()
    open_steps = _steps_open(match, request.user)
    step_forms = {s: bound.get(s) or STEP_FORMS[s](initial={"date": today, "start": today}) for s in open_steps}
    children = list(match.children.all())
    return render(
        request,
        "matching/match.html",
        {
            "match": match,
            "children": children,
            "forms": step_forms,
            "what_next": stages.WHAT_NEXT[match.stage],
            "errors": next((f for f in bound.values() if f.errors), None),
            "waiting_for": _waiting_for(match, request.user),
            "stage_names": [(key, label) for key, label in stages.STAGES if key != stages.ENDED],
            "stage_index": stages.ORDER.index(match.stage) if match.stage in stages.ORDER else -1,
            "stale": stale,
            "version": versions.form_version(request, match, stale),
        },
        status=409 if stale else 200,
    )


def _waiting_for(match, user):
    """(what the match waits for, a link for this person to do it, its words) at panel, or None."""
    item = match.panel_item
    if item is None or match.stage not in (stages.REPORT, stages.PANEL):
        return None
    minutes = getattr(item, "minutes", None)
    if minutes is None:
        link = (
            reverse("panel-minutes", args=[item.panel_id, item.pk])
            if matrix.has(user.role, matrix.PANEL_RECORD)
            else None
        )
        return (
            "The panel's chair, a vice chair or its agency adviser records the panel's minutes.",
            link,
            "Record the panel's minutes",
        )
    if item.needs_adm and not hasattr(item, "adm_decision"):
        link = (
            reverse("adm-decision", args=[item.panel_id, item.pk]) if matrix.has(user.role, matrix.ADM_DECIDE) else None
        )
        return (
            "The Agency Decision Maker decides, having considered the panel's minutes.",
            link,
            "Record your decision",
        )
    return None


@login_required
def suggested_plan(request):
    plan = selectors.suggested_plan(visible=policy.visible_children(request.user))
    return render(request, "matching/plan.html", {"plan": plan})
