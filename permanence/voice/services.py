"""Writes for the child's voice. Keyword-only, one transaction each; a refused write raises
ValidationError({field: [message]}) and leaves the database unchanged."""

from datetime import date as date_type
from typing import Any

from django.db import transaction

from permanence.accounts.models import User
from permanence.accounts.roles import IRO, TEAM_MANAGER
from permanence.children.models import Child
from permanence.children.refusals import refuse, refuse_if
from permanence.codes.placement import LONG_TERM_FOSTER
from permanence.planning.models import PermanencePlan
from permanence.planning.options import LONG_TERM_FOSTERING
from permanence.planning.selectors import named_carer
from permanence.timescales.dates import age_on

from . import letters
from .choices import DRAFT, HOW_NAMES, REVIEWED, SHARED
from .models import MyPlanLetter, PlanContents, ViewsNotRecorded, WishesAndFeelings

# Who reviews a letter before it is shared: someone other than its author.
REVIEWER_ROLES = (TEAM_MANAGER, IRO)


def current_plan(child: Child) -> PermanencePlan | None:
    return PermanencePlan.objects.filter(child=child, superseded_on__isnull=True).order_by("-recorded", "-pk").first()


@transaction.atomic
def wishes_record(
    *,
    child: Child,
    date: date_type,
    how: str,
    said: str,
    understanding: str = "",
    how_other: str = "",
    for_current_plan: bool = True,
    by: User | None = None,
    today: date_type | None = None,
) -> WishesAndFeelings:
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
    refuse_if(problems)
    return WishesAndFeelings.objects.create(
        child=child,
        date=date,
        how=how,
        how_other=how_other.strip() if how == "other" else "",
        understanding=understanding.strip(),
        said=said.strip(),
        plan=current_plan(child) if for_current_plan else None,
        recorded_by=by,
    )


@transaction.atomic
def views_not_recorded_record(
    *, child: Child, reason: str, by: User | None = None, today: date_type | None = None
) -> ViewsNotRecorded:
    plan = current_plan(child)
    if plan is None:
        refuse("reason", "There is no current permanence plan. Record the plan first")
    if not (reason or "").strip():
        refuse("reason", "Enter why the plan does not record the child's views")
    return ViewsNotRecorded.objects.create(
        child=child, plan=plan, reason=reason.strip(), date=today or date_type.today(), recorded_by=by
    )


@transaction.atomic
def plan_contents_record(*, child: Child, by: User | None = None, **values: Any) -> PlanContents:
    plan = current_plan(child)
    if plan is None:
        refuse("introductions", "There is no current permanence plan. Record the plan first")
    unknown = set(values) - set(PlanContents.FIELDS)
    if unknown:
        raise TypeError(f"unknown plan contents {', '.join(sorted(unknown))}")
    clean = {k: (v.strip() if isinstance(v, str) else bool(v)) for k, v in values.items()}
    return PlanContents.objects.create(child=child, plan=plan, recorded_by=by, **clean)


def letter_draft_text(
    child: Child, *, worker: str = "", today: date_type | None = None, next_review: date_type | None = None
) -> tuple[PermanencePlan | None, Any]:
    """The drafted letter for the child's current plan: (plan, LetterDraft)."""
    today = today or date_type.today()
    plan = current_plan(child)

    draft = letters.draft_letter(
        first_name=child.first_name,
        age=age_on(child.date_of_birth, today) if child.date_of_birth else None,
        option=plan.primary_option if plan else None,
        carer=plan_carer_words(child, plan, today),
        next_review=next_review if next_review and next_review >= today else None,
        worker=worker,
        views_heard=bool(plan) and WishesAndFeelings.objects.filter(child=child, plan=plan).exists(),
    )
    return plan, draft


def plan_carer_words(child: Child, plan: PermanencePlan | None, today: date_type) -> str:
    """Who the letter names: whoever the plan names (the proposed special guardian, the adopters
    once matched, the long-term carers); for long-term fostering in a confirmed long-term foster
    placement, the carers the child lives with. Never the current carers for a plan about someone else."""
    if plan is None:
        return ""
    named = named_carer(child)
    if named is not None:
        return letters.carer_words(named.name, named.relationship)
    if plan.primary_option == LONG_TERM_FOSTERING:
        episode = child.episodes.filter(start__lte=today).order_by("-start", "-pk").select_related("carer").first()
        if episode is None or (episode.end is not None and episode.end <= today):
            return ""
        if episode.placement in LONG_TERM_FOSTER and episode.carer is not None:
            return letters.carer_words(episode.carer.name)
    return ""


@transaction.atomic
def letter_start(
    *, child: Child, by: User | None = None, today: date_type | None = None, next_review: date_type | None = None
) -> MyPlanLetter:
    """A new draft letter from the current plan and the child's age band."""
    plan, draft = letter_draft_text(
        child, worker=by.get_short_name() if by else "", today=today, next_review=next_review
    )
    if plan is None:
        refuse_if({"text": "There is no current permanence plan to explain. Record the plan first"})
    return MyPlanLetter.objects.create(child=child, plan=plan, age_band=draft.age_band, text=draft.text, created_by=by)


@transaction.atomic
def letter_edit(*, letter: MyPlanLetter, text: str, by: User | None = None) -> MyPlanLetter:
    """Change the words. A reviewed or shared letter goes back to draft: it must be reviewed again."""
    if not (text or "").strip():
        refuse_if({"text": "Enter the letter's words"})
    if letter.status == SHARED:
        refuse_if({"text": "This letter has been shared with the child and cannot be changed. Start a new letter"})
    letter.text = text.strip()
    letter.status, letter.reviewed_by, letter.reviewed_on = DRAFT, None, None
    letter.edited_by = by
    letter.save()
    return letter


@transaction.atomic
def letter_review(*, letter: MyPlanLetter, by: User, today: date_type | None = None) -> MyPlanLetter:
    """Someone other than the letter's author, the team manager or the IRO, checks it before it is shared."""
    if letter.status != DRAFT:
        refuse_if({"status": "Only a draft letter can be marked as reviewed"})
    if by.role not in REVIEWER_ROLES:
        refuse("status", "The letter is reviewed by the team manager or the child's IRO before it is shared")
    if by.pk in {letter.created_by_id, letter.edited_by_id}:
        refuse(
            "status",
            "You wrote or last changed this letter: someone else, the team manager or the child's IRO, reviews it",
        )
    letter.status, letter.reviewed_by, letter.reviewed_on = REVIEWED, by, today or date_type.today()
    letter.save()
    return letter


@transaction.atomic
def letter_share(*, letter: MyPlanLetter, by: User | None = None, today: date_type | None = None) -> MyPlanLetter:
    if letter.status != REVIEWED:
        refuse_if({"status": "Review the letter before sharing it with the child"})
    letter.status, letter.shared_on = SHARED, today or date_type.today()
    letter.save()
    return letter
