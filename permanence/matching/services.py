"""Writes for family finding. Each is one transaction and checks first: a refusal raises
ValidationError({field: [message]}) in words and leaves the record unchanged.

A match is moved only through these functions, so every move is a dated MatchEvent and the
carer's and children's statuses follow it. The panel and the Agency Decision Maker are the
tracking panel's own (permanence.meetings.services); an approved match also records the
"match approved" decision and moves the permanence plan to "Matched" when the plan can go there.
"""

from datetime import date as date_type

from django.core.exceptions import ValidationError
from django.db import transaction

from permanence.meetings import services as meetings
from permanence.planning import services as planning
from permanence.planning import stages as plan_stages
from permanence.planning.rules import date_problems

from . import choices, scoring, selectors, stages
from .models import CarerProfile, ChildProfile, Match, MatchEvent, MatchVisit
from .needs import clean_needs


def _refuse(problems):
    problems = {field: message for field, message in problems.items() if message}
    if problems:
        raise ValidationError({field: [message] for field, message in problems.items()})


def _needs(raw, field="needs"):
    try:
        return clean_needs(raw)
    except ValueError as error:
        raise ValidationError({field: [str(error)]}) from None


# --- the carer register -------------------------------------------------------------------------

@transaction.atomic
def carer_profile_record(*, carer, approval_type, today=None, **values):
    """Add the carer to the register, or update their entry."""
    _refuse({"approval_type": "" if approval_type in choices.APPROVAL_TYPE_NAMES else "Choose the approval type"})
    low, high = values.get("preferred_age_min"), values.get("preferred_age_max")
    _refuse({"preferred_age_max": "The oldest age hoped for cannot be below the youngest"
             if low is not None and high is not None and high < low else ""})
    if "needs" in values:
        values["needs"] = _needs(values["needs"])
    status = values.pop("status", None)
    profile, created = CarerProfile.objects.update_or_create(carer=carer, defaults={"approval_type": approval_type, **values})
    if status and status != profile.status or created:
        carer_status_set(profile=profile, status=status or profile.status, today=today,
                         reason=values.get("on_hold_reason", ""))
    return profile


@transaction.atomic
def carer_status_set(*, profile, status, today=None, reason=""):
    _refuse({"status": "" if status in choices.CARER_STATUS_NAMES else "Choose a status"})
    if status == choices.ON_HOLD and not reason.strip():
        _refuse({"on_hold_reason": "Say why the carers are on hold"})
    profile.status, profile.status_since = status, today or date_type.today()
    profile.on_hold_reason = reason.strip() if status == choices.ON_HOLD else ""
    profile.save(update_fields=["status", "status_since", "on_hold_reason", "updated_at"])
    return profile


# --- the child's profile ------------------------------------------------------------------------

@transaction.atomic
def family_finding_start(*, child, date, by=None, today=None, **values):
    """Start family finding for a child (Leeds §8.3: as soon as adoption is under consideration).

    Records the "family finding started" meeting the timescales engine reads, so the Leeds rule
    `leeds-family-finding` is met by doing the work.
    """
    _refuse(date_problems("started", date, today=today or date_type.today(), what="date family finding started"))
    if ChildProfile.objects.filter(child=child).exists():
        raise ValidationError({"started": [f"Family finding for {child.first_name} has already started."]})
    if "needs" in values:
        values["needs"] = _needs(values["needs"])
    _location_problems(values)
    profile = ChildProfile.objects.create(child=child, started=date, started_by=by, **values)
    planning.meeting_record(child=child, kind="family_finding_started", date=date,
                            notes=f"Family finding started ({choices.FAMILY_FINDING_SOURCE}).")
    return profile


def _location_problems(values):
    low, high = values.get("min_km"), values.get("max_km")
    _refuse({"max_km": "The furthest distance cannot be less than the nearest" if low is not None and high is not None
             and high < low else ""})


@transaction.atomic
def child_profile_update(*, profile, **values):
    if "needs" in values:
        values["needs"] = _needs(values["needs"])
    _location_problems(values)
    for key, value in values.items():
        setattr(profile, key, value)
    profile.save()
    return profile


# --- links and matches ---------------------------------------------------------------------------

def _event(match, to_stage, date, by, note=""):
    MatchEvent.objects.create(match=match, from_stage=match.stage if match.pk and match.events.exists() else "",
                              to_stage=to_stage, date=date, by=by, note=note)


def _last_date(match):
    last = match.events.order_by("-date", "-pk").first()
    return last.date if last else match.linked_on


def _set_children(match, status):
    ChildProfile.objects.filter(child__in=match.children.all()).update(status=status)


@transaction.atomic
def link_record(*, child, carer, date, by=None, today=None, note=""):
    """Link a child (and the brothers and sisters to live with them) with an available household.

    Refused when the household does not fit: the hard constraints are said in words.
    """
    today = today or date_type.today()
    _refuse(date_problems("date", date, today=today, what="date of the link"))
    profile = ChildProfile.objects.select_for_update().filter(child=child).first()
    if profile is None:
        raise ValidationError({"carer": [f"Start family finding for {child.first_name} before linking carers."]})
    if profile.status not in choices.WAITING_STATUSES:
        raise ValidationError({"carer": [f"{child.first_name} is {profile.get_status_display().lower()}: "
                                         "a new link needs family finding to be open."]})
    carer_profile = CarerProfile.objects.select_for_update().filter(carer=carer).first()
    if carer_profile is None or carer_profile.status != choices.AVAILABLE:
        state = carer_profile.get_status_display().lower() if carer_profile else "not on the carer register"
        raise ValidationError({"carer": [f"{carer.name} are {state}: only available carers can be linked."]})
    facts, unit = selectors.unit_for(child, today)
    household = selectors.carer_facts([carer_profile], today)[0]
    result = scoring.score(facts, household, selectors.policy(), unit=unit)
    if not result.fits:
        raise ValidationError({"carer": [f"{carer.name} cannot be linked: " + " ".join(result.barriers)]})
    match = Match.objects.create(carer=carer, linked_on=date, created_by=by, score={
        "total": result.total, "out_of": result.out_of, "ethnicity": result.ethnicity,
        "parts": [{"name": p.name, "points": p.points, "out_of": p.out_of, "reason": p.reason} for p in result.parts],
    })
    match.children.set(unit.ids)
    _event(match, stages.LINKED, date, by, note)
    _set_children(match, choices.CHILD_LINKED)
    carer_status_set(profile=carer_profile, status=choices.LINKED, today=date)
    return match


def _move(match, to_stage, date, by, note="", today=None):
    today = today or date_type.today()
    _refuse(date_problems("date", date, today=today, what="date", not_before=_last_date(match),
                          not_before_what=f"the last step ({_last_date(match):%d/%m/%Y})"))
    try:
        stages.check_move(match.stage, to_stage, note)
    except stages.MoveRefused as refused:
        raise ValidationError({refused.field: [refused.message]}) from None
    _event(match, to_stage, date, by, note)
    match.stage = to_stage
    match.save()


@transaction.atomic
def match_visit_record(*, match, date, notes, by=None, today=None):
    match = Match.objects.select_for_update().get(pk=match.pk)
    if match.stage not in (stages.LINKED, stages.VISITS):
        raise ValidationError({"date": [f"Visits are recorded between the link and the matching report; "
                                        f"this match is at “{stages.name(match.stage)}”."]})
    _refuse({"notes": "" if notes.strip() else "Say what the visit found"})
    _refuse(date_problems("date", date, today=today or date_type.today(), what="date of the visit",
                          not_before=match.linked_on, not_before_what=f"the link ({match.linked_on:%d/%m/%Y})"))
    visit = MatchVisit.objects.create(match=match, date=date, notes=notes.strip(), by=by)
    if match.stage == stages.LINKED:
        _move(match, stages.VISITS, date, by, "First visit", today)
    return visit


@transaction.atomic
def match_report_record(*, match, date, report, by=None, today=None):
    match = Match.objects.select_for_update().get(pk=match.pk)
    if not match.visits.exists():
        raise ValidationError({"report": ["Record at least one visit to the carers before the matching report."]})
    _refuse({"report": "" if report.strip() else "Write the matching report"})
    match.report = report.strip()
    _move(match, stages.REPORT, date, by, "Matching report written", today)
    return match


@transaction.atomic
def match_to_panel(*, match, panel):
    """Put the match before the permanence panel (the matter follows the carers' approval type)."""
    match = Match.objects.select_for_update(of=("self",)).select_related("carer__matching_profile").get(pk=match.pk)
    if match.stage != stages.REPORT:
        raise ValidationError({"panel": [f"A match goes to panel once the matching report is written; "
                                         f"this match is at “{stages.name(match.stage)}”."]})
    if match.panel_item_id:
        raise ValidationError({"panel": ["This match is already before a panel."]})
    matter = choices.PANEL_MATTER_FOR[match.carer.matching_profile.approval_type]
    lead = match.children.order_by("date_of_birth", "pk").first()
    match.panel_item = meetings.panel_item_add(panel=panel, child=lead, matter=matter, papers=match.report)
    match.save(update_fields=["panel_item"])
    return match


@transaction.atomic
def match_panel_recommend(*, match, recommendation, by=None, today=None):
    """The panel's recommendation on the match (through the tracking panel's service)."""
    match = Match.objects.select_for_update(of=("self",)).select_related("panel_item__panel").get(pk=match.pk)
    if match.panel_item is None:
        raise ValidationError({"recommendation": ["Put the match before a panel first."]})
    meetings.panel_recommend(item=match.panel_item, recommendation=recommendation)
    _move(match, stages.PANEL, match.panel_item.panel.date, by, recommendation, today)
    return match


@transaction.atomic
def match_decide(*, match, outcome, date, by, reasons, today=None):
    """The decision on the panel's recommendation: the Agency Decision Maker's for an adoption
    match (meetings.adm_decide, which records "match approved"); for long-term fostering and
    special guardianship, the agency's decision recorded here."""
    match = Match.objects.select_for_update(of=("self",)).select_related("panel_item__panel").get(pk=match.pk)
    if match.stage != stages.PANEL:
        raise ValidationError({"outcome": [f"The decision follows the panel's recommendation; "
                                           f"this match is at “{stages.name(match.stage)}”."]})
    item = match.panel_item
    if item.needs_adm:
        meetings.adm_decide(item=item, outcome=outcome, date=date, by=by, reasons=reasons)
    else:
        _refuse({"reasons": "" if reasons.strip() else "Give the reasons for the decision",
                 "outcome": "" if outcome in ("agreed", "not_agreed", "deferred") else "Choose the decision"})
        if outcome == "agreed":
            for child in match.children.all():
                planning.decision_record(child=child, kind="match_approved", forum="permanence_panel", date=date, by=by,
                                         decided_by=str(by), rationale=reasons.strip(), evidence=match.report)
    if outcome != "agreed":
        return match
    _move(match, stages.APPROVED, date, by, reasons, today)
    _set_children(match, choices.CHILD_MATCHED)
    CarerProfile.objects.filter(carer=match.carer).update(status=choices.MATCHED, status_since=date)
    _plan_to(match, plan_stages.MATCHED, date, by)
    return match


def _plan_to(match, stage, date, by):
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
            planning.plan_stage_move(plan=plan, to_stage=stage, date=date, by=by, note="From the match record", today=date)
        except ValidationError:
            continue  # dated before the plan's last move: the plan page keeps its own history


@transaction.atomic
def match_introductions(*, match, start, plan, by=None, today=None):
    match = Match.objects.select_for_update().get(pk=match.pk)
    _refuse({"introductions_plan": "" if plan.strip() else "Set out the introductions plan"})
    match.introductions_plan, match.introductions_start = plan.strip(), start
    _move(match, stages.INTRODUCTIONS, start, by, "Introductions plan agreed", today)
    return match


@transaction.atomic
def match_placed(*, match, date, by=None, today=None):
    match = Match.objects.select_for_update().get(pk=match.pk)
    match.placed_on = date
    _move(match, stages.PLACED, date, by, "Placed", today)
    _set_children(match, choices.PLACED)
    _plan_to(match, plan_stages.PLACED, date, by)
    return match


@transaction.atomic
def match_end(*, match, date, reason, by=None, today=None):
    """End a link before placement, with a reason: the children search again, the carers are free."""
    match = Match.objects.select_for_update().get(pk=match.pk)
    _move(match, stages.ENDED, date, by, reason, today)
    match.ended_reason = reason.strip()
    match.save(update_fields=["ended_reason"])
    _set_children(match, choices.SEARCHING)
    still = Match.objects.filter(carer=match.carer, stage__in=stages.ACTIVE).exclude(pk=match.pk).exists()
    if not still:
        CarerProfile.objects.filter(carer=match.carer).update(status=choices.AVAILABLE, status_since=date)
    return match
