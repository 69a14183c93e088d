"""Writes for family finding. Each is one transaction and checks first: a refusal raises
ValidationError({field: [message]}) in words and leaves the record unchanged.

A match is moved only through these functions, so every move is a dated MatchEvent and the
carer's and children's statuses follow it. A person's step on the match (a visit, the report, the
panel, introductions, the placement, the end of the link) is made on the version of the match they
saw (`version`): two family finders moving the same match at once, one move goes in and the other is
refused (StaleRecord, or VersionMissing when no version was sent) with nothing written, so no move is
lost unseen and a match never jumps two stages. The panel's minutes and the decision move the match
themselves (on_panel_minutes, on_adm_decision), which makes any page opened before them stale. The panel's minutes and the Agency Decision Maker's
decision are recorded in meetings; the match follows them (on_panel_minutes, on_adm_decision,
connected in apps.py). An approved match names its carers in the plan and moves the permanence
plan to "Matched" when the plan can go there.
"""

from datetime import date as date_type
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from permanence.accounts.models import User
from permanence.children.models import Carer, Child
from permanence.children.refusals import refuse, refuse_if
from permanence.children.versions import editing
from permanence.meetings import services as meetings
from permanence.meetings.choices import RECOMMENDED
from permanence.meetings.models import ADMDecision, Panel, PanelItem, PanelMinutes
from permanence.planning import selectors as planning_selectors
from permanence.planning import services as planning
from permanence.planning import stages as plan_stages
from permanence.planning.rules import date_problems

from . import choices, scoring, selectors, stages
from .models import CarerProfile, ChildProfile, Match, MatchEvent, MatchVisit
from .needs import clean_needs


def _needs(raw: Any, field: str = "needs") -> dict[str, int]:
    try:
        return clean_needs(raw)
    except ValueError as error:
        raise ValidationError({field: [str(error)]}) from None


# --- the carer register -------------------------------------------------------------------------


@transaction.atomic
def carer_profile_record(
    *, carer: Carer, approval_type: str, today: date_type | None = None, **values: Any
) -> CarerProfile:
    """Add the carer to the register, or update their entry."""
    refuse_if({"approval_type": "" if approval_type in choices.APPROVAL_TYPE_NAMES else "Choose the approval type"})
    low, high = values.get("preferred_age_min"), values.get("preferred_age_max")
    refuse_if(
        {
            "preferred_age_max": "The oldest age hoped for cannot be below the youngest"
            if low is not None and high is not None and high < low
            else ""
        }
    )
    if "needs" in values:
        values["needs"] = _needs(values["needs"])
    status = values.pop("status", None)
    profile, created = CarerProfile.objects.update_or_create(
        carer=carer, defaults={"approval_type": approval_type, **values}
    )
    if (status and status != profile.status) or created:
        carer_status_set(
            profile=profile, status=status or profile.status, today=today, reason=values.get("on_hold_reason", "")
        )
    return profile


@transaction.atomic
def carer_status_set(
    *, profile: CarerProfile, status: str, today: date_type | None = None, reason: str = ""
) -> CarerProfile:
    refuse_if({"status": "" if status in choices.CARER_STATUS_NAMES else "Choose a status"})
    if status == choices.ON_HOLD and not reason.strip():
        refuse_if({"on_hold_reason": "Say why the carers are on hold"})
    profile.status, profile.status_since = status, today or date_type.today()
    profile.on_hold_reason = reason.strip() if status == choices.ON_HOLD else ""
    profile.save(update_fields=["status", "status_since", "on_hold_reason", "updated_at"])
    return profile


# --- the child's profile ------------------------------------------------------------------------


@transaction.atomic
def family_finding_start(
    *, child: Child, date: date_type, by: User | None = None, today: date_type | None = None, **values: Any
) -> ChildProfile:
    """Start family finding for a child (Leeds §8.3: as soon as adoption is under consideration).

    Records the "family finding started" meeting the timescales engine reads, so the Leeds rule
    `leeds-family-finding` is met by doing the work.
    """
    refuse_if(date_problems("started", date, today=today or date_type.today(), what="date family finding started"))
    if ChildProfile.objects.filter(child=child).exists():
        raise ValidationError({"started": [f"Family finding for {child.first_name} has already started."]})
    if "needs" in values:
        values["needs"] = _needs(values["needs"])
    _location_problems(values)
    profile = ChildProfile.objects.create(child=child, started=date, started_by=by, **values)
    planning.meeting_record(
        child=child,
        kind="family_finding_started",
        date=date,
        notes=f"Family finding started ({choices.FAMILY_FINDING_SOURCE}).",
    )
    return profile


def _location_problems(values: dict[str, Any]) -> None:
    low, high = values.get("min_km"), values.get("max_km")
    refuse_if(
        {
            "max_km": "The furthest distance cannot be less than the nearest"
            if low is not None and high is not None and high < low
            else ""
        }
    )


@transaction.atomic
def child_profile_update(*, profile: ChildProfile, **values: Any) -> ChildProfile:
    if "needs" in values:
        values["needs"] = _needs(values["needs"])
    _location_problems(values)
    for key, value in values.items():
        setattr(profile, key, value)
    profile.save()
    return profile


# --- links and matches ---------------------------------------------------------------------------


def _event(match: Match, to_stage: str, date: date_type, by: User | None, note: str = "") -> None:
    MatchEvent.objects.create(
        match=match,
        from_stage=match.stage if match.pk and match.events.exists() else "",
        to_stage=to_stage,
        date=date,
        by=by,
        note=note,
    )


def _last_date(match: Match) -> date_type:
    last = match.events.order_by("-date", "-pk").first()
    return last.date if last else match.linked_on


def _set_children(match: Match, status: str) -> None:
    ChildProfile.objects.filter(child__in=match.children.all()).update(status=status)


@transaction.atomic
def link_record(
    *,
    child: Child,
    carer: Carer,
    date: date_type,
    by: User | None = None,
    today: date_type | None = None,
    note: str = "",
) -> Match:
    """Link a child (and the brothers and sisters to live with them) with an available household.

    Refused when the household does not fit: the hard constraints are said in words.
    """
    today = today or date_type.today()
    refuse_if(date_problems("date", date, today=today, what="date of the link"))
    profile = ChildProfile.objects.select_for_update().filter(child=child).first()
    if profile is None:
        raise ValidationError({"carer": [f"Start family finding for {child.first_name} before linking carers."]})
    if profile.status not in choices.WAITING_STATUSES:
        raise ValidationError(
            {
                "carer": [
                    f"{child.first_name} is {profile.get_status_display().lower()}: "
                    "a new link needs family finding to be open."
                ]
            }
        )
    carer_profile = CarerProfile.objects.select_for_update().filter(carer=carer).first()
    if carer_profile is None or carer_profile.status != choices.AVAILABLE:
        state = carer_profile.get_status_display().lower() if carer_profile else "not on the carer register"
        raise ValidationError({"carer": [f"{carer.name} are {state}: only available carers can be linked."]})
    verdict, held, found = selectors.verdict_for(child, today)
    if not verdict.waiting:
        raise ValidationError({"carer": [f"{verdict.reason} New carers are linked only with a child who is waiting."]})
    if held:
        raise ValidationError({"carer": [held]})
    facts, unit = selectors.unit_for(child, today, found)
    household = selectors.carer_facts([carer_profile], today)[0]
    result = scoring.score(facts, household, selectors.policy(), unit=unit)
    if not result.fits:
        raise ValidationError({"carer": [f"{carer.name} cannot be linked: " + " ".join(result.barriers)]})
    match = Match.objects.create(
        carer=carer,
        linked_on=date,
        created_by=by,
        score={
            "total": result.total,
            "out_of": result.out_of,
            "ethnicity": result.ethnicity,
            "parts": [
                {"name": p.name, "points": p.points, "out_of": p.out_of, "reason": p.reason, "counted": p.counted}
                for p in result.parts
            ],
        },
    )
    match.children.set(unit.ids)
    _event(match, stages.LINKED, date, by, note)
    _set_children(match, choices.CHILD_LINKED)
    carer_status_set(profile=carer_profile, status=choices.LINKED, today=date)
    return match


def _move(
    match: Match, to_stage: str, date: date_type, by: User | None, note: str = "", today: date_type | None = None
) -> None:
    today = today or date_type.today()
    refuse_if(
        date_problems(
            "date",
            date,
            today=today,
            what="date",
            not_before=_last_date(match),
            not_before_what=f"the last step ({_last_date(match):%d/%m/%Y})",
        )
    )
    try:
        stages.check_move(match.stage, to_stage, note)
    except stages.MoveRefused as refused:
        raise ValidationError({refused.field: [refused.message]}) from None
    _event(match, to_stage, date, by, note)
    match.stage = to_stage
    match.save()


@transaction.atomic
def match_visit_record(
    *,
    match: Match,
    version: int | str | None,
    date: date_type,
    notes: str,
    by: User | None = None,
    today: date_type | None = None,
) -> MatchVisit:
    with editing(record=match, version=version, by=by):
        return _visit(match, date, notes, by, today)


def _visit(match: Match, date: date_type, notes: str, by: User | None, today: date_type | None) -> MatchVisit:
    match = Match.objects.select_for_update().get(pk=match.pk)
    if match.stage not in (stages.LINKED, stages.VISITS):
        raise ValidationError(
            {
                "date": [
                    f"Visits are recorded between the link and the matching report; "
                    f"this match is at “{stages.name(match.stage)}”."
                ]
            }
        )
    refuse_if({"notes": "" if notes.strip() else "Say what the visit found"})
    refuse_if(
        date_problems(
            "date",
            date,
            today=today or date_type.today(),
            what="date of the visit",
            not_before=match.linked_on,
            not_before_what=f"the link ({match.linked_on:%d/%m/%Y})",
        )
    )
    visit = MatchVisit.objects.create(match=match, date=date, notes=notes.strip(), by=by)
    if match.stage == stages.LINKED:
        _move(match, stages.VISITS, date, by, "First visit", today)
    return visit


@transaction.atomic
def match_report_record(
    *,
    match: Match,
    version: int | str | None,
    date: date_type,
    report: str,
    by: User | None = None,
    today: date_type | None = None,
) -> Match:
    with editing(record=match, version=version, by=by):
        return _report(match, date, report, by, today)


def _report(match: Match, date: date_type, report: str, by: User | None, today: date_type | None) -> Match:
    match = Match.objects.select_for_update().get(pk=match.pk)
    if not match.visits.exists():
        raise ValidationError({"report": ["Record at least one visit to the carers before the matching report."]})
    refuse_if({"report": "" if report.strip() else "Write the matching report"})
    match.report = report.strip()
    _move(match, stages.REPORT, date, by, "Matching report written", today)
    return match


@transaction.atomic
def match_to_panel(
    *,
    match: Match,
    version: int | str | None,
    panel: Panel,
    by: User | None = None,
    today: date_type | None = None,
) -> Match:
    """Put the match before the permanence panel (the matter follows the carers' approval type).

    An adoption match needs authority to place every child first: a placement order or consent
    to placement, and the Agency Decision Maker's decision that the child should be placed
    (Adoption and Children Act 2002 s18-s21; Adoption Agencies Regulations 2005 regs 19 and 32).
    """
    with editing(record=match, version=version, by=by):
        return _to_panel(match, panel, today)


def _to_panel(match: Match, panel: Panel, today: date_type | None) -> Match:
    today = today or date_type.today()
    match = Match.objects.select_for_update(of=("self",)).select_related("carer__matching_profile").get(pk=match.pk)
    if match.stage != stages.REPORT:
        raise ValidationError(
            {
                "panel": [
                    f"A match goes to panel once the matching report is written; "
                    f"this match is at “{stages.name(match.stage)}”."
                ]
            }
        )
    if match.panel_item_id:
        raise ValidationError({"panel": ["This match is already before a panel."]})
    matter = choices.PANEL_MATTER_FOR[match.carer.matching_profile.approval_type]
    children = list(match.children.order_by("date_of_birth", "pk"))
    if not children:
        refuse("panel", "This match names no child.")
    if matter == "adoption_match":
        missing = [m for child in children for m in planning_selectors.authority_for(child, today).missing]
        if missing:
            raise ValidationError({"panel": missing})
    match.panel_item = meetings.panel_item_add(
        panel=panel, child=children[0], matter=matter, papers=match.report, today=today
    )
    match.save(update_fields=["panel_item"])
    return match


def on_panel_minutes(*, item: PanelItem, minutes: PanelMinutes, by: User) -> None:
    """The panel's minutes on a match's item: recommended, the match is at panel; for a matter the
    panel decides itself (Leeds §5), its agreement approves the match. Deferred or not
    recommended, the match can go to a later panel."""
    match = Match.objects.select_for_update().filter(panel_item=item).first()
    if match is None or match.stage != stages.REPORT:
        return
    if minutes.outcome != RECOMMENDED:
        match.panel_item = None
        match.save(update_fields=["panel_item"])
        return
    _move(match, stages.PANEL, item.panel.date, by, minutes.recommendation, minutes.recorded_on)
    if not item.needs_adm:
        for child in match.children.all():
            planning.decision_record(
                child=child,
                kind="match_approved",
                forum="permanence_panel",
                date=minutes.recorded_on,
                by=by,
                decided_by=f"Permanence panel of {item.panel.date:%d/%m/%Y}",
                rationale=minutes.reasons,
                evidence=match.report,
            )
        _approve(match, minutes.recorded_on, by, minutes.reasons)


def on_adm_decision(*, item: PanelItem, decision: ADMDecision, by: User) -> None:
    """The Agency Decision Maker agreed the match: it is approved."""
    match = Match.objects.select_for_update().filter(panel_item=item).first()
    if match is None or match.stage != stages.PANEL or decision.outcome != "agreed":
        return
    _approve(match, decision.date, by, decision.reasons)


def _approve(match: Match, date: date_type, by: User | None, reasons: str) -> Match:
    _move(match, stages.APPROVED, date, by, reasons, date)
    _set_children(match, choices.CHILD_MATCHED)
    CarerProfile.objects.filter(carer=match.carer).update(status=choices.MATCHED, status_since=date)
    _plan_to(match, plan_stages.MATCHED, date, by)
    for child in match.children.all():
        # The plan now names the matched carers: the child's "My plan" letter and family finding read them.
        if planning.current_plan(child) is not None:
            planning.plan_carer_name(child=child, carer=match.carer, date=date, by=by, how="match", today=date)
    return match


def _plan_to(match: Match, stage: str, date: date_type, by: User | None) -> None:
    """Move each child's permanence plan on, where the plan's own stages allow it."""
    for child in match.children.all():
        plan = planning.current_plan(child)
        if plan is None:
            continue
        try:
            plan_stages.check_move(plan.stage, stage)
        except plan_stages.StageMoveRefused:
            continue
        try:
            planning.plan_stage_move(
                plan=plan, to_stage=stage, date=date, by=by, note="From the match record", today=date
            )
        except ValidationError:
            continue  # dated before the plan's last move: the plan page keeps its own history


@transaction.atomic
def match_introductions(
    *,
    match: Match,
    version: int | str | None,
    start: date_type,
    plan: str,
    by: User | None = None,
    today: date_type | None = None,
) -> Match:
    with editing(record=match, version=version, by=by):
        match = Match.objects.select_for_update().get(pk=match.pk)
        refuse_if({"introductions_plan": "" if plan.strip() else "Set out the introductions plan"})
        match.introductions_plan, match.introductions_start = plan.strip(), start
        _move(match, stages.INTRODUCTIONS, start, by, "Introductions plan agreed", today)
        return match


@transaction.atomic
def match_placed(
    *,
    match: Match,
    version: int | str | None,
    date: date_type,
    by: User | None = None,
    today: date_type | None = None,
) -> Match:
    with editing(record=match, version=version, by=by):
        match = Match.objects.select_for_update().get(pk=match.pk)
        match.placed_on = date
        _move(match, stages.PLACED, date, by, "Placed", today)
        _set_children(match, choices.PLACED)
        _plan_to(match, plan_stages.PLACED, date, by)
        return match


@transaction.atomic
def match_end(
    *,
    match: Match,
    version: int | str | None,
    date: date_type,
    reason: str,
    by: User | None = None,
    today: date_type | None = None,
) -> Match:
    """End a link before placement, with a reason: the children search again, the carers are free."""
    with editing(record=match, version=version, by=by):
        return _end(match, date, reason, by, today)


def _end(match: Match, date: date_type, reason: str, by: User | None, today: date_type | None) -> Match:
    match = Match.objects.select_for_update().get(pk=match.pk)
    match.ended_reason = reason.strip()
    _move(match, stages.ENDED, date, by, reason, today)
    _set_children(match, choices.SEARCHING)
    still = Match.objects.filter(carer=match.carer, stage__in=stages.ACTIVE).exclude(pk=match.pk).exists()
    if not still:
        CarerProfile.objects.filter(carer=match.carer).update(status=choices.AVAILABLE, status_since=date)
    return match
