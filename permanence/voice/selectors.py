"""Reads about the child's voice, for the child page and for other code (the planning documents).

`child_voice_summary(child)` -> dict(wishes=[WishesAndFeelings, newest first], plan_records_views=bool,
reason=str, ok=bool, source=str, plan=PermanencePlan or None)
`plan_still_needs(child)` -> [checks.Missing]
"""

from permanence.children.presence import may_have

from . import checks
from .models import MyPlanLetter, PlanContents, ViewsNotRecorded, WishesAndFeelings
from .services import current_plan

# A keyword not given: the selector reads it itself (None is a value: "the child has no current plan").
_UNREAD = object()


def _wishes(child, present=None):
    if not may_have(present, WishesAndFeelings):
        return []
    return list(
        WishesAndFeelings.objects.filter(child=child).select_related("recorded_by", "child").order_by("-date", "-pk")
    )


def _views_check(child, plan, wishes, present=None):
    if plan is None:
        return checks.views_check(has_plan=False)
    reason = (
        ViewsNotRecorded.objects.filter(plan=plan).order_by("-date", "-pk").values_list("reason", flat=True).first()
        if may_have(present, ViewsNotRecorded)
        else None
    )
    return checks.views_check(
        has_plan=True,
        plan_recorded=plan.recorded,
        dob=child.date_of_birth,
        views_for_plan=sum(1 for w in wishes if w.plan_id == plan.pk),
        reason_not_recorded=reason or "",
    )


def child_voice_summary(child, *, plan=_UNREAD, present=None):
    """The child's recorded wishes and feelings and whether the current plan records their views (or
    says why not). `plan`, the child's current plan (or None) when the caller has read it, is not read again."""
    plan = current_plan(child) if plan is _UNREAD else plan
    wishes = _wishes(child, present)
    check = _views_check(child, plan, wishes, present)
    return {
        "wishes": wishes,
        "plan_records_views": check.plan_records_views,
        "reason": check.reason,
        "ok": check.ok,
        "source": check.source,
        "plan": plan,
    }


def plan_contents(plan, present=None):
    if plan is None or not may_have(present, PlanContents):
        return None
    return PlanContents.objects.filter(plan=plan).order_by("-pk").first()


def plan_still_needs(child, *, voice=None, contents=_UNREAD):
    """What the current plan still needs (Leeds §5 essentials and the child's views), with citations.
    `voice` and the plan's `contents`, when the caller has read them, are not read again."""
    voice = voice or child_voice_summary(child)
    plan = voice["plan"]
    if contents is _UNREAD:
        contents = plan_contents(plan)
    check = checks.ViewsCheck(voice["plan_records_views"], voice["ok"], voice["reason"], voice["source"])
    return checks.plan_still_needs(
        plan_option=plan.primary_option if plan else None,
        contents=contents.as_dict() if contents else None,
        views=check,
    )


def letters_for(child, present=None):
    if not may_have(present, MyPlanLetter):
        return []
    return list(MyPlanLetter.objects.filter(child=child).select_related("reviewed_by").order_by("-created_at", "-pk"))


def voice_page(child, *, plan=_UNREAD, present=None):
    """Everything the child page's two voice sections show, in one call; `plan` as for
    child_voice_summary; `present` (children.presence.with_rows) says which kinds of row the child
    has at all, and a kind with none is not read."""
    voice = child_voice_summary(child, plan=plan, present=present)
    contents = plan_contents(voice["plan"], present)
    return {
        "voice": voice,
        "still_needs": plan_still_needs(child, voice=voice, contents=contents),
        "contents": contents,
        "letters": letters_for(child, present),
    }
