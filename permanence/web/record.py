"""Recording a child's facts from their page: one view records any kind, one corrects any kind.

Thin: the form parses (permanence.children.recording), the service decides (its refusal comes
back onto the fields), and a stale edit (someone saved first) is refused with their change
shown and what this person typed kept, so nothing is lost on either side.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from permanence.access import matrix
from permanence.access.rules import visible_children
from permanence.children import ownership, services
from permanence.children.models import Carer, CarerApproval, Child, Extension, Hearing, OrderChange
from permanence.children.recording import kinds
from permanence.children.recording import others as carer_forms
from permanence.children.recording.forms import EpisodeSeenForm
from permanence.children.services import current_episode
from permanence.children.versions import StaleRecord, history
from permanence.govuk.forms import take_refusal


def _kind(key, *, recording):
    kind = kinds.BY_KEY.get(key)
    if kind is None or (recording and not kind.records) or (not recording and not kind.corrects):
        raise Http404("No such kind of record")
    return kind


def _refuse_beside_case_system(fact):
    if not ownership.may_edit_here(fact):
        raise PermissionDenied(ownership.refusal(fact))


def _stale_form(form, stale, **replace):
    """Keep what the person typed, but carry the record's current version, so that saving again
    (once they have seen the other change) is not refused a second time."""
    form.data = form.data.copy()
    form.data["version"] = stale.current if stale.current is not None else ""
    for name, value in replace.items():
        form.data[name] = value
    return form


def _child_page(child, kind):
    return f"{reverse('child-detail', args=[child.pk])}#{kind.section}"


@login_required
def record_fact(request, pk, kind):
    child = get_object_or_404(Child, pk=pk)
    kind = _kind(kind, recording=True)
    _refuse_beside_case_system(matrix.RECORDS[kind.key][1])
    extra = {}
    current = None
    if issubclass(kind.form, EpisodeSeenForm):
        current = current_episode(child)
        extra["current"] = current
    form = kind.form(request.POST if request.method == "POST" else None, child=child, user=request.user, **extra)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            record = kind.save(form.cleaned_data, child=child, by=request.user)
        except StaleRecord as refused:
            stale = refused
            now = current_episode(child)
            _stale_form(form, refused, **({"episode": now.pk if now else ""} if current is not None else {}))
            if now is not None:
                form.data["version"] = now.version
        except ValidationError as refused:
            take_refusal(form, refused)
        else:
            messages.success(request, kind.done)
            if not visible_children(request.user).filter(pk=child.pk).exists():
                # Allocated away from this person's case scope: their caseload, not a refusal.
                messages.info(request, f"{child.full_name} is no longer on your or your team's caseload.")
                return redirect("home")
            if kind.key == "review":
                return redirect("decisions-report", pk=child.pk, review_pk=record.pk)
            return redirect(_child_page(child, kind))
    return render(
        request,
        "web/record/form.html",
        {"child": child, "kind": kind, "form": form, "stale": stale, "current": current},
        status=409 if stale else 200,
    )


def _record_of(child, kind, item):
    model = kind.model
    if model is Child:
        if item != child.pk:
            raise Http404("That is another child's record")
        return child
    if model in (Hearing, Extension):
        return get_object_or_404(model, pk=item, proceedings__child=child)
    if model is OrderChange:
        return get_object_or_404(model, pk=item, order__child=child)
    return get_object_or_404(model, pk=item, child=child)


@login_required
def correct_fact(request, pk, kind, item):
    child = get_object_or_404(Child, pk=pk)
    kind = _kind(kind, recording=False)
    _refuse_beside_case_system(matrix.CORRECTIONS[kind.key][1])
    record = _record_of(child, kind, item)
    form_class = kind.correction_form()
    form = form_class(request.POST if request.method == "POST" else None, child=child, user=request.user, record=record)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version, reason = data.pop("version"), data.pop("reason", "")
        changes = {name: value for name, value in data.items() if name in (kind.correct_form or kind.form).base_fields}
        try:
            services.record_correct(record=record, version=version, changes=changes, reason=reason, by=request.user)
        except StaleRecord as refused:
            stale = refused
            _stale_form(form, refused)
        except ValidationError as refused:
            take_refusal(form, refused)
        else:
            messages.success(request, kind.done if kind.key in ("child", "episode") else "The change is saved.")
            return redirect(_child_page(child, kind))
    return render(
        request,
        "web/record/correct.html",
        {"child": child, "kind": kind, "form": form, "record": record, "stale": stale, "history": history(record)},
        status=409 if stale else 200,
    )


# --- a new child, and carer households (not about one child) --------------------------------


@login_required
def child_new(request):
    _refuse_beside_case_system("child")
    form = carer_forms.NewChildForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.child_open(by=request.user, **form.service_values())
        except ValidationError as refused:
            take_refusal(form, refused)
        else:
            messages.success(request, f"{child.full_name}'s record is open.")
            return redirect("child-detail", pk=child.pk)
    return render(request, "web/record/child_new.html", {"form": form})


@login_required
def carer_new(request):
    _refuse_beside_case_system("carer")
    form = carer_forms.CarerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            carer = services.carer_create(by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            take_refusal(form, refused)
        else:
            messages.success(request, f"{carer.name} is added. Record their approval next.")
            return redirect("carer-approval-new", carer_id=carer.pk)
    return render(request, "web/record/carer_form.html", {"form": form, "carer": None})


@login_required
def carer_edit(request, carer_id):
    _refuse_beside_case_system("carer")
    carer = get_object_or_404(Carer, pk=carer_id)
    form = carer_forms.CarerCorrectionForm(request.POST if request.method == "POST" else None, record=carer)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version, reason = data.pop("version"), data.pop("reason", "")
        try:
            services.record_correct(record=carer, version=version, changes=data, reason=reason, by=request.user)
        except StaleRecord as refused:
            stale = refused
            _stale_form(form, refused)
        except ValidationError as refused:
            take_refusal(form, refused)
        else:
            messages.success(request, f"{carer.name}'s details are saved.")
            return redirect("carer-edit", carer_id=carer.pk)
    approvals = CarerApproval.objects.filter(carer=carer).order_by("-approved")
    return render(
        request,
        "web/record/carer_form.html",
        {"form": form, "carer": carer, "stale": stale, "approvals": approvals, "history": history(carer)},
        status=409 if stale else 200,
    )


@login_required
def carer_approval_new(request, carer_id):
    _refuse_beside_case_system("carer")
    carer = get_object_or_404(Carer, pk=carer_id)
    form = carer_forms.CarerApprovalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.carer_approval_record(carer=carer, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            take_refusal(form, refused)
        except StaleRecord:
            form.add_error(None, "Someone changed this carer's details at the same moment: save the approval again.")
        else:
            messages.success(request, f"The approval of {carer.name} is recorded.")
            return redirect("carer-edit", carer_id=carer.pk)
    return render(request, "web/record/carer_approval.html", {"form": form, "carer": carer})
