"""Writes for the child's voice. Keyword-only, one transaction each; a refused write raises
ValidationError({field: [message]}) and leaves the database unchanged."""

from datetime import date as date_type

from django.core.exceptions import ValidationError
from django.db import transaction

from permanence.planning.models import PermanencePlan

from . import letters
from .checks import age_on
from .choices import DRAFT, HOW_NAMES, REVIEWED, SHARED
from .models import MyPlanLetter, PlanContents, ViewsNotRecorded, WishesAndFeelings


def _refuse_if(problems):
    if problems:
        raise ValidationError({field: [message] for field, message in problems.items()})


def current_plan(child):
    return PermanencePlan.objects.filter(child=child, superseded_on__isnull=True).order_by("-recorded", "-pk").first()


@transaction.atomic
def wishes_record(*, child, date, how, said, understanding="", how_other="", for_current_plan=True, by=None, today=None):
    today = today or date_type.today()
    problems = {}
    if date is None:
        problems["date"] = "Enter the date the views were obtained"
    elif date > today:
        problems["date"] = "The date the views were obtained must be today or in the past"
    elif child.date_of_birth and date < child.date_of_birth:
        problems["date"] = "The date the views were obtained must be after the child was born"
    if how not in HOW_NAMES:
        problems["how"] = "Select how the views were obtained"
    elif how == "other" and not how_other.strip():
        problems["how_other"] = "Say how the views were obtained"
    if not (said or "").strip():
        problems["said"] = "Enter what the child said, in their words where you can"
    _refuse_if(problems)
    return WishesAndFeelings.objects.create(
        child=child, date=date, how=how, how_other=how_other.strip() if how == "other" else "",
        understanding=understanding.strip(), said=said.strip(),
        plan=current_plan(child) if for_current_plan else None, recorded_by=by,
    )


@transaction.atomic
def views_not_recorded_record(*, child, reason, by=None, today=None):
    plan = current_plan(child)
    problems = {}
    if plan is None:
        problems["reason"] = "There is no current permanence plan. Record the plan first"
    elif not (reason or "").strip():
        problems["reason"] = "Enter why the plan does not record the child's views"
    _refuse_if(problems)
    return ViewsNotRecorded.objects.create(child=child, plan=plan, reason=reason.strip(), date=today or date_type.today(), recorded_by=by)


@transaction.atomic
def plan_contents_record(*, child, by=None, **values):
    plan = current_plan(child)
    if plan is None:
        _refuse_if({"introductions": "There is no current permanence plan. Record the plan first"})
    unknown = set(values) - set(PlanContents.FIELDS)
    if unknown:
        raise TypeError(f"unknown plan contents {', '.join(sorted(unknown))}")
    clean = {k: (v.strip() if isinstance(v, str) else bool(v)) for k, v in values.items()}
    return PlanContents.objects.create(child=child, plan=plan, recorded_by=by, **clean)


def letter_draft_text(child, *, worker="", today=None, next_review=None):
    """The drafted letter for the child's current plan: (plan, LetterDraft)."""
    today = today or date_type.today()
    plan = current_plan(child)
    from permanence.children.selectors import case_summary

    summary = case_summary(child, today=today)
    draft = letters.draft_letter(
        first_name=child.first_name, age=age_on(child.date_of_birth, today), option=plan.primary_option if plan else None,
        carer=summary.carer, next_review=next_review if next_review and next_review >= today else None, worker=worker,
        views_heard=bool(plan) and WishesAndFeelings.objects.filter(child=child, plan=plan).exists(),
    )
    return plan, draft


@transaction.atomic
def letter_start(*, child, by=None, today=None, next_review=None):
    """A new draft letter from the current plan and the child's age band."""
    plan, draft = letter_draft_text(child, worker=by.get_short_name() if by else "", today=today, next_review=next_review)
    if plan is None:
        _refuse_if({"text": "There is no current permanence plan to explain. Record the plan first"})
    return MyPlanLetter.objects.create(child=child, plan=plan, age_band=draft.age_band, text=draft.text, created_by=by)


@transaction.atomic
def letter_edit(*, letter, text, by=None):
    """Change the words. A reviewed or shared letter goes back to draft: it must be reviewed again."""
    if not (text or "").strip():
        _refuse_if({"text": "Enter the letter's words"})
    if letter.status == SHARED:
        _refuse_if({"text": "This letter has been shared with the child and cannot be changed. Start a new letter"})
    letter.text = text.strip()
    letter.status, letter.reviewed_by, letter.reviewed_on = DRAFT, None, None
    letter.save()
    return letter


@transaction.atomic
def letter_review(*, letter, by, today=None):
    if letter.status != DRAFT:
        _refuse_if({"status": "Only a draft letter can be marked as reviewed"})
    letter.status, letter.reviewed_by, letter.reviewed_on = REVIEWED, by, today or date_type.today()
    letter.save()
    return letter


@transaction.atomic
def letter_share(*, letter, by=None, today=None):
    if letter.status != REVIEWED:
        _refuse_if({"status": "Review the letter before sharing it with the child"})
    letter.status, letter.shared_on = SHARED, today or date_type.today()
    letter.save()
    return letter
