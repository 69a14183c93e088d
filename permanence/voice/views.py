"""Pages for the child's voice: wishes and feelings, the plan's essentials, the My plan letter."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from permanence.children import versions
from permanence.children.models import Child
from permanence.govuk.forms import take_refusal
from permanence.obligations.selectors import obligations_for_child
from permanence.timescales import REVIEW_RULES
from permanence.timescales.dates import age_on

from . import selectors, services
from .forms import LetterForm, PlanContentsForm, ViewsReasonForm, WishesForm
from .letters import AGE_BAND_NAMES
from .letters import SOURCES as LETTER_SOURCES
from .models import MyPlanLetter


def _child_page(child, anchor):
    return redirect(reverse("child-detail", args=[child.pk]) + f"#{anchor}")


def _save(request, form, write, **extra):
    """Call the service with the form's values; on refusal, show its messages on the form."""
    if not form.is_valid():
        return None
    try:
        return write(**form.cleaned_data, by=request.user, **extra)
    except ValidationError as error:
        take_refusal(form, error)
        return None


@login_required
def wishes_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    form = WishesForm(request.POST or None)
    if request.method == "POST" and _save(request, form, services.wishes_record, child=child):
        return _child_page(child, "child-views")
    plan = services.current_plan(child)
    return render(request, "voice/wishes_form.html", {"child": child, "form": form, "plan": plan})


@login_required
def views_reason(request, pk):
    child = get_object_or_404(Child, pk=pk)
    form = ViewsReasonForm(request.POST or None)
    if request.method == "POST" and _save(request, form, services.views_not_recorded_record, child=child):
        return _child_page(child, "child-views")
    return render(
        request, "voice/views_reason_form.html", {"child": child, "form": form, "plan": services.current_plan(child)}
    )


@login_required
def plan_contents(request, pk):
    child = get_object_or_404(Child, pk=pk)
    plan = services.current_plan(child)
    current = selectors.plan_contents(plan)
    form = PlanContentsForm(request.POST or None, initial=current.as_dict() if current else None)
    if request.method == "POST" and _save(request, form, services.plan_contents_record, child=child):
        return _child_page(child, "plan-needs")
    return render(request, "voice/plan_contents_form.html", {"child": child, "form": form, "plan": plan})


@login_required
def letters(request, pk):
    """The child's My plan letters; POST starts a new draft from the current plan."""
    child = get_object_or_404(Child, pk=pk)
    problem = None
    if request.method == "POST":
        try:
            letter = services.letter_start(child=child, by=request.user, next_review=_next_review(child))
            return redirect("voice-letter", pk=child.pk, letter_id=letter.pk)
        except ValidationError as error:
            problem = error.message_dict["text"][0]
    return render(
        request,
        "voice/letters.html",
        {
            "child": child,
            "letters": selectors.letters_for(child),
            "problems": {"#start-letter": [problem]} if problem else None,
            "plan": services.current_plan(child),
            "sources": LETTER_SOURCES,
        },
    )


def _next_review(child):
    due = [
        o.due
        for o in obligations_for_child(child, include_not_applicable=False)
        if o.rule in REVIEW_RULES and o.open and o.due
    ]
    return min(due) if due else None


@login_required
def letter(request, pk, letter_id):
    child = get_object_or_404(Child, pk=pk)
    item = get_object_or_404(MyPlanLetter, pk=letter_id, child=child)
    form = LetterForm(request.POST or None, initial={"text": item.text})
    stale = None
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            # Reviewed, shared or edited: each on the version of the letter the person read.
            with versions.editing(record=item, version=request.POST.get("version"), by=request.user):
                if action == "review":
                    services.letter_review(letter=item, by=request.user)
                elif action == "share":
                    services.letter_share(letter=item, by=request.user)
                elif form.is_valid():
                    services.letter_edit(letter=item, text=form.cleaned_data["text"], by=request.user)
                else:
                    raise ValidationError({})  # nothing to save: undo the version claimed
            return redirect("voice-letter", pk=child.pk, letter_id=item.pk)
        except versions.StaleRecord as refused:
            stale = refused
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error("text" if field in ("text", "status") else None, messages)
        item.refresh_from_db()
    return render(
        request,
        "voice/letter.html",
        {
            "child": child,
            "letter": item,
            "form": form,
            "age_band": AGE_BAND_NAMES.get(item.age_band, ""),
            "sources": LETTER_SOURCES,
            "may_review": request.user.role in services.REVIEWER_ROLES
            and request.user.pk not in {item.created_by_id, item.edited_by_id},
            "stale": stale,
            "version": versions.form_version(request, item, stale),
        },
        status=409 if stale else 200,
    )


@login_required
def letter_print(request, pk, letter_id):
    child = get_object_or_404(Child, pk=pk)
    item = get_object_or_404(MyPlanLetter, pk=letter_id, child=child)
    if not item.printable:
        return render(request, "voice/letter_not_printable.html", {"child": child, "letter": item}, status=403)
    return render(
        request,
        "voice/letter_print.html",
        {
            "child": child,
            "letter": item,
            "age": age_on(child.date_of_birth, item.created_at.date()) if child.date_of_birth else None,
        },
    )
