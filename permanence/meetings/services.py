"""Writes for clinics, tracking meetings, panels, ADM decisions and actions.

Each write is one transaction and validates first, so bad input leaves the record unchanged.
Each meeting also leaves the dated event the timescales engine reads (a referral to the clinic,
a tracking-meeting discussion, a panel, an ADM decision), so obligations are met by doing the
work, never by ticking a box.
"""

from collections.abc import Sequence
from datetime import date, timedelta
from datetime import date as date_type
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.children.models import Child, Episode, Proceedings, Review
from permanence.children.refusals import refuse_if
from permanence.planning import rules
from permanence.planning import selectors as planning_selectors
from permanence.planning import services as planning
from permanence.planning.options import OPTION_NAMES

from . import agenda, agenda_rules, choices, quorum, signals
from .models import (
    Action,
    ADMDecision,
    AgendaItem,
    Clinic,
    ClinicItem,
    Escalation,
    IRODecisionsReport,
    Panel,
    PanelItem,
    PanelMember,
    PanelMinutes,
    Referral,
    TrackingMeeting,
)


def _in_scope_for_clinic(child: Child, on: date) -> bool:
    looked_after = Episode.objects.filter(Q(end__isnull=True) | Q(end__gt=on), child=child, start__lte=on).exists()
    edge = (
        Proceedings.objects.filter(Q(concluded__isnull=True) | Q(concluded__gt=on), child=child)
        .filter(Q(issued__lte=on) | Q(pre_proceedings_start__lte=on))
        .exists()
    )
    return looked_after or edge


# --- the permanence planning clinic -----------------------------------------------------------


@transaction.atomic
def referral_create(*, child: Child, by: User, date: date, reason: str) -> Referral:
    """Refer a child to the clinic (Camden §4): a social worker or IRO, with a reason."""
    role = "iro" if by.role == roles.IRO else "social_worker"
    refuse_if(
        {
            "reason": []
            if reason.strip()
            else ["Say why the child is being referred: what permanent care is being considered."],
            "child": []
            if _in_scope_for_clinic(child, date)
            else [
                "Only a child who is looked after, in PLO pre-proceedings or in care proceedings can be referred to the clinic."
            ],
        }
    )
    if Referral.objects.filter(child=child, status__in=[choices.WAITING, choices.LISTED]).exists():
        raise ValidationError({"child": [f"{child.full_name} already has a referral waiting for the clinic."]})
    referral = Referral.objects.create(
        child=child, referred_by=by, referrer_role=role, date=date, reason=reason.strip()
    )
    planning.meeting_record(child=child, kind="clinic_referral", date=date, notes=reason.strip())
    return referral


@transaction.atomic
def clinic_create(*, date: date, chair: User | None = None) -> Clinic:
    if Clinic.objects.filter(date=date).exists():
        raise ValidationError({"date": [f"There is already a clinic on {date:%d/%m/%Y}."]})
    return Clinic.objects.create(date=date, chair=chair)


@transaction.atomic
def clinic_list(*, clinic: Clinic, referral: Referral) -> ClinicItem:
    """Put a waiting referral on a clinic's list."""
    if referral.status not in (choices.WAITING, choices.LISTED):
        raise ValidationError(
            {"referral": [f"This referral is {referral.get_status_display().lower()}; it cannot be listed."]}
        )
    item, _ = ClinicItem.objects.get_or_create(clinic=clinic, child=referral.child, defaults={"referral": referral})
    Referral.objects.filter(pk=referral.pk).update(status=choices.LISTED)
    return item


CLINIC_PRACTICE = "Practice guidance: Camden, Permanence practice guidance for social workers §4"


def attendance_warnings(item: ClinicItem) -> list[str]:
    """Who is expected at the clinic: the IRO (or the conference chair) and the social worker or manager.
    The clinic is Camden's procedure (§4), offered as practice guidance: the warnings say so."""
    warnings = []
    if item.iro_or_chair_present is False:
        warnings.append(
            f"The IRO or conference chair was not at the clinic: they are expected to attend ({CLINIC_PRACTICE})."
        )
    if item.worker_or_manager_present is False:
        warnings.append(
            "Neither the social worker nor their manager was at the clinic: one of them is expected to attend "
            f"({CLINIC_PRACTICE})."
        )
    return warnings


@transaction.atomic
def clinic_item_record(
    *,
    item: ClinicItem,
    iro_or_chair_present: bool,
    worker_or_manager_present: bool,
    attendees: str,
    options_discussed: Any,
    agreed_plan: str,
    notes: str,
) -> list[str]:
    unknown = [o for o in options_discussed if o not in OPTION_NAMES]
    refuse_if(
        {
            "options_discussed": (["Choose at least one option the clinic discussed."] if not options_discussed else [])
            + [f"{o!r} is not a permanence option." for o in unknown],
            "agreed_plan": []
            if not agreed_plan or agreed_plan in options_discussed
            else ["The agreed plan must be one of the options discussed."],
        }
    )
    item.iro_or_chair_present = iro_or_chair_present
    item.worker_or_manager_present = worker_or_manager_present
    item.attendees, item.options_discussed, item.agreed_plan, item.notes = (
        attendees,
        list(options_discussed),
        agreed_plan,
        notes,
    )
    first_time = not item.recorded
    item.recorded = True
    item.save()
    if item.referral_id:
        Referral.objects.filter(pk=item.referral_id).update(status=choices.SEEN)
    if first_time:
        planning.meeting_record(
            child=item.child,
            kind="permanence_planning_meeting",
            date=item.clinic.date,
            notes=f"At the permanence planning clinic. {notes}".strip(),
        )
    return attendance_warnings(item)


# --- the monthly tracking meeting ---------------------------------------------------------------


@transaction.atomic
def tracking_meeting_create(*, date: date, chair: User | None = None, attendees: str = "") -> TrackingMeeting:
    """Set up a month's meeting with its agenda built from the record."""
    if TrackingMeeting.objects.filter(date=date).exists():
        raise ValidationError({"date": [f"There is already a permanence tracking meeting on {date:%d/%m/%Y}."]})
    last = TrackingMeeting.objects.filter(date__lt=date).order_by("-date").first()
    since = last.date if last else date - timedelta(days=31)
    meeting = TrackingMeeting.objects.create(date=date, chair=chair, attendees=attendees, since=since)
    agenda_refresh(meeting)
    return meeting


@transaction.atomic
def agenda_refresh(meeting: TrackingMeeting, *, today: date | None = None) -> int:
    """Add children who now qualify; never removes an item or its record. Running it twice changes nothing.

    Not versioned, because it cannot overwrite anyone's edit: it is a recomputation from the case
    record. It adds new items and, on an item not yet discussed, rewrites only what the record says
    (why the child is on the agenda: `reasons`, `rules`, `risk_rank`, `risk_since`); it never writes
    the meeting itself, nor an item's discussion, decision, `discussed` or `version`, which are the
    chair's (agenda_item_record, made on the version the chair saw). So a chair with an item open is
    not made stale by a refresh, and what the chair recorded in between survives it. An item
    discussed is the record of what the meeting discussed, reasons included: the rewrite is ONE
    conditional statement (`UPDATE ... WHERE id = %s AND discussed = false`), so an item the chair
    records between this function reading the agenda and writing it keeps the reasons it was
    discussed on, on SQLite and PostgreSQL alike."""
    found = agenda.build(since=meeting.since, until=meeting.date, today=today or meeting.date)
    existing = {item.child_id: item for item in meeting.items.all()}
    new = []
    for child_id, reasons in found.items():
        rank, since = agenda_rules.risk(reasons)
        values = {
            "reasons": [r.text for r in reasons],
            "rules": sorted({r.rule for r in reasons}, key=lambda key: agenda_rules.BY_KEY[key].rank),
            "risk_rank": rank,
            "risk_since": None if since == date.max else since,
        }
        if child_id in existing:
            item = existing[child_id]
            if not item.discussed and any(getattr(item, k) != v for k, v in values.items()):
                AgendaItem.objects.filter(pk=item.pk, discussed=False).update(**values)
        else:
            new.append(AgendaItem(meeting=meeting, child_id=child_id, **values))
    AgendaItem.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def agenda_item_record(*, item: AgendaItem, discussion: str, decision: str) -> AgendaItem:
    refuse_if(
        {
            "discussion": [] if discussion.strip() else ["Record what the meeting discussed for this child."],
            "decision": [] if decision.strip() else ["Record what the meeting decided, even if it is 'no change'."],
        }
    )
    if item.meeting.closed:
        raise ValidationError({"decision": ["This meeting is closed: its record can no longer change."]})
    first_time = not item.discussed
    item.discussion, item.decision, item.discussed = discussion.strip(), decision.strip(), True
    item.save()
    if first_time:
        planning.meeting_record(
            child=item.child, kind="tracking_meeting", date=item.meeting.date, notes=decision.strip()
        )
    return item


@transaction.atomic
def tracking_meeting_close(meeting: TrackingMeeting) -> TrackingMeeting:
    waiting = meeting.items.filter(discussed=False).count()
    if waiting:
        raise ValidationError(
            {"closed": [f"{waiting} {'child has' if waiting == 1 else 'children have'} not been discussed yet."]}
        )
    meeting.closed = True
    meeting.save(update_fields=["closed"])
    return meeting


# --- panel and ADM -------------------------------------------------------------------------------


@transaction.atomic
def panel_create(*, date: date | None, chair: User | None, members: Any = ()) -> Panel:
    """Set up a panel sitting: its date, its chair, and the members and advisers sitting with them.

    `members`: (person, role) pairs (choices.PANEL_ROLES). The Agency Decision Maker never sits
    on the panel whose recommendations they decide.
    """
    problems = {}
    if date is None:
        problems["date"] = ["Enter the date the panel meets"]
    if chair is None:
        problems["chair"] = ["Choose who chairs the panel"]
    seats = [(chair, choices.CHAIR)] if chair is not None else []
    seats += [(person, role) for person, role in members if person is not None]
    people = [person.pk for person, _ in seats]
    if len(people) != len(set(people)):
        problems["members"] = ["Each person sits on the panel once, in one role"]
    if any(role not in choices.PANEL_ROLE_NAMES for _, role in seats):
        problems["members"] = ["Choose each member's role on the panel"]
    if any(getattr(person, "role", "") == roles.ADM for person, _ in seats):
        problems["members"] = ["The Agency Decision Maker cannot sit on the panel: they decide on its recommendations"]
    if chair is not None and [role for _, role in seats].count(choices.CHAIR) > 1:
        problems["members"] = ["A panel has one chair; choose a different role for the other member"]
    refuse_if(problems)
    assert date is not None  # refused above when missing
    if Panel.objects.filter(date=date).exists():
        raise ValidationError({"date": [f"There is already a permanence panel on {date:%d/%m/%Y}."]})
    panel = Panel.objects.create(date=date, chair=chair)
    PanelMember.objects.bulk_create(PanelMember(panel=panel, person=person, role=role) for person, role in seats)
    return panel


def _authority_problems(child: Child, on: date) -> list[str]:
    authority = planning_selectors.authority_for(child, on)
    return [] if authority.authorised else list(authority.missing)


@transaction.atomic
def panel_item_add(
    *, panel: Panel, child: Child, matter: str, papers: str = "", today: date | None = None
) -> PanelItem:
    """Put a child's matter before a panel. An adoption match needs authority to place first:
    a placement order or consent to placement, and the Agency Decision Maker's decision that
    the child should be placed (Adoption Agencies Regulations 2005 reg 32)."""
    today = today or date_type.today()
    refuse_if(
        {"matter": [] if matter in choices.PANEL_MATTER_NAMES else ["Choose what the panel is asked to consider."]}
    )
    if panel.date < today:
        raise ValidationError(
            {"panel": [f"The panel on {panel.date:%d/%m/%Y} has already met: choose a panel still to come."]}
        )
    if matter == "adoption_match":
        refuse_if({"matter": _authority_problems(child, today)})
    if PanelItem.objects.filter(panel=panel, child=child, matter=matter).exists():
        raise ValidationError({"matter": [f"{child.full_name} is already before this panel for that matter."]})
    return PanelItem.objects.create(
        panel=panel, child=child, matter=matter, papers=papers, needs_adm=matter in choices.ADM_MATTERS
    )


def recording_seat(panel: Panel, person: User) -> PanelMember | None:
    """The person's seat on this panel if it lets them record the minutes (chair, vice chair,
    agency adviser), else None."""
    return PanelMember.objects.filter(panel=panel, person=person, role__in=choices.RECORDING_ROLES).first()


def _minutes_problems(item: PanelItem, by: User, recorded_on: date | None, today: date) -> dict[str, list[str]]:
    panel = item.panel
    if recording_seat(panel, by) is None:
        return {
            "recorded_on": [
                f"{by.get_full_name() or by} is not the chair, a vice chair or the agency adviser of the panel on "
                f"{panel.date:%d/%m/%Y}: they record its minutes and recommendation."
            ]
        }
    if panel.date > today:
        return {
            "recorded_on": [
                f"The panel on {panel.date:%d/%m/%Y} has not met yet: its recommendation is recorded after it meets."
            ]
        }
    if hasattr(item, "minutes"):
        return {
            "recorded_on": [
                f"The minutes for {item.child.full_name} were recorded on {item.minutes.recorded_on:%d/%m/%Y} "
                "and have gone to the decision maker: they cannot be changed."
            ]
        }
    problems = rules.date_problems(
        "recorded_on",
        recorded_on,
        today=today,
        what="date the minutes were completed",
        not_before=panel.date,
        not_before_what=f"the day the panel met ({panel.date:%d/%m/%Y})",
    )
    return {field: [message] for field, message in problems.items()}


@transaction.atomic
def panel_minutes_record(
    *,
    item: PanelItem,
    by: User,
    present: Any,
    outcome: str,
    recommendation: str,
    reasons: str,
    recorded_on: date | None,
    recommended_option: str = "",
    unanimous: bool = True,
    dissent: str = "",
    advice: str = "",
    discussion: str = "",
    today: date | None = None,
) -> PanelMinutes:
    """The panel's minutes for one item, recorded by its chair, a vice chair or its agency adviser:
    who took part (the quorum is checked), the recommendation in the panel's words and its reasons,
    and any dissent. For an adoption matter they go to the Agency Decision Maker, who decides
    having considered them; for a matter the panel decides itself, they record its decision."""
    today = today or date_type.today()
    item = PanelItem.objects.select_for_update(of=("self",)).select_related("panel", "child").get(pk=item.pk)
    refuse_if(_minutes_problems(item, by, recorded_on, today))
    present = list(present)
    seats = {seat.pk for seat in item.panel.members.all()}
    found = quorum.quorum([seat.role for seat in present])
    problems = {
        "present": ([] if present else ["Choose the members who took part in this item"])
        + ([] if {seat.pk for seat in present} <= seats else ["Only members of this panel can take part"])
        + ([] if found.quorate or not present else [f"{found.explanation} ({quorum.SOURCE})"]),
        "outcome": [] if outcome in choices.PANEL_OUTCOME_NAMES else ["Choose what the panel concluded"],
        "recommendation": [] if (recommendation or "").strip() else ["Enter the panel's recommendation in its words"],
        "reasons": [] if (reasons or "").strip() else ["Enter the reasons for the recommendation"],
        "dissent": [] if unanimous or (dissent or "").strip() else ["Enter the views of the members who did not agree"],
        "recommended_option": []
        if not recommended_option or recommended_option in OPTION_NAMES
        else ["Choose a permanence option"],
    }
    refuse_if(problems)
    assert recorded_on is not None  # refused by _minutes_problems when missing
    minutes = PanelMinutes.objects.create(
        item=item,
        quorate=found.quorate,
        outcome=outcome,
        recommendation=recommendation.strip(),
        recommended_option=recommended_option,
        reasons=reasons.strip(),
        unanimous=unanimous,
        dissent=(dissent or "").strip() if not unanimous else "",
        advice=(advice or "").strip(),
        discussion=(discussion or "").strip(),
        recorded_on=recorded_on,
        recorded_by=by,
    )
    minutes.present.set(present)
    item.recommendation, item.recommended_option = minutes.recommendation, recommended_option
    item.save(update_fields=["recommendation", "recommended_option"])
    planning.meeting_record(
        child=item.child, kind="permanence_panel", date=item.panel.date, notes=minutes.recommendation
    )
    signals.panel_minutes_recorded.send(sender=PanelMinutes, item=item, minutes=minutes, by=by)
    return minutes


def earlier_should_be_placed(item: PanelItem) -> list[Any]:
    """The earlier "should be placed for adoption" decisions for the item's child, oldest first."""
    if item.matter != "adoption_plan":
        return []
    return planning_selectors.should_be_placed_decisions(item.child)


@transaction.atomic
def adm_decide(
    *,
    item: PanelItem,
    outcome: str,
    date: date | None,
    by: User,
    reasons: str,
    minutes_considered: bool = False,
    earlier_decision_note: str = "",
    today: date_type | None = None,
) -> ADMDecision:
    """The Agency Decision Maker decides on the panel's recommendation, having considered the minutes."""
    today = today or date_type.today()
    if getattr(by, "role", None) != roles.ADM:
        raise ValidationError(
            {"outcome": ["Only the Agency Decision Maker records this decision, signed in as themselves."]}
        )
    item = PanelItem.objects.select_for_update(of=("self",)).select_related("panel", "child").get(pk=item.pk)
    if not item.needs_adm:
        raise ValidationError(
            {
                "outcome": [
                    f"The panel decides this matter itself: its decision is in its minutes ({choices.LEEDS_PANEL_SOURCE})."
                ]
            }
        )
    minutes = getattr(item, "minutes", None)
    if minutes is None:
        raise ValidationError(
            {
                "outcome": [
                    "The panel has not recorded its minutes and recommendation for this item yet: the decision is "
                    "made having considered them."
                ]
            }
        )
    if minutes.outcome == choices.DEFERRED:
        raise ValidationError(
            {
                "outcome": [
                    "The panel deferred this item: there is no recommendation to decide on until it is heard again."
                ]
            }
        )
    if hasattr(item, "adm_decision"):
        raise ValidationError({"outcome": ["The Agency Decision Maker has already decided this item."]})
    earlier = earlier_should_be_placed(item) if outcome == "agreed" else []
    problems = {
        "outcome": [] if outcome in choices.ADM_OUTCOME_NAMES else ["Choose the decision"],
        "reasons": [] if (reasons or "").strip() else ["Give the reasons for the decision"],
        "minutes_considered": []
        if minutes_considered
        else ["Confirm that you have considered the panel's minutes and recommendation"],
        "earlier_decision_note": []
        if not earlier or (earlier_decision_note or "").strip()
        else [
            f"An earlier decision of {earlier[0].date:%d/%m/%Y} that {item.child.first_name} should be placed for "
            "adoption stands: say why a new decision is needed"
        ],
    }
    problems.update(
        {
            field: [message]
            for field, message in rules.date_problems(
                "date",
                date,
                today=today,
                what="date of the decision",
                not_before=minutes.recorded_on,
                not_before_what=f"the day the panel's minutes were completed ({minutes.recorded_on:%d/%m/%Y})",
            ).items()
        }
    )
    refuse_if(problems)
    assert date is not None  # refused above when missing
    decision = ADMDecision.objects.create(
        item=item,
        outcome=outcome,
        date=date,
        decided_by=by,
        reasons=reasons.strip(),
        minutes_considered=True,
        earlier_decision_note=(earlier_decision_note or "").strip(),
    )
    if outcome == "agreed":
        kind = "adm_should_be_placed" if item.matter == "adoption_plan" else "match_approved"
        planning.decision_record(
            child=item.child,
            kind=kind,
            forum="adm",
            date=date,
            by=by,
            decided_by=by.get_full_name() or str(by),
            rationale=reasons.strip(),
            evidence=f"Panel of {item.panel.date:%d/%m/%Y}: {minutes.recommendation}",
        )
    signals.adm_decided.send(sender=ADMDecision, item=item, decision=decision, by=by)
    return decision


@transaction.atomic
def iro_report_record(
    *,
    review: Review,
    issued: date,
    plan_outcome: str,
    child_views: str,
    decisions_made: Sequence[dict[str, Any]] = (),
    decisions: str = "",
    plan_change: str = "",
    permanence_plan_recorded: bool = False,
    twin_track_considered: bool = False,
    iro: User | None = None,
) -> IRODecisionsReport:
    """The IRO's decisions report in its parts: the plan confirmed or changed (and what changed),
    each decision with who will do it and by when (each becomes an action the action log and the
    timescales follow), and the child's views."""
    existing = getattr(review, "decisions_report", None)
    problems: dict[str, list[str]] = {
        "issued": []
        if issued >= review.date
        else ["The decisions report cannot be issued before the review was held."],
        "plan_outcome": []
        if plan_outcome in dict(choices.REPORT_PLAN_OUTCOMES)
        else ["Say whether the review confirmed or changed the care plan."],
        "plan_change": []
        if plan_outcome != "changed" or plan_change.strip()
        else ["Say what changed in the plan, and why."],
        "child_views": []
        if child_views.strip()
        else ["Record the child's views, or how they were sought if the child did not give them."],
    }
    for n, decision in enumerate(decisions_made, start=1):
        if decision["due"] < review.date:
            problems.setdefault(f"decision_{n}_due", []).append(
                f"Decision {n}: the date must be on or after the review ({review.date:%d/%m/%Y})."
            )
    if not decisions_made and not (existing and existing.actions.exists()):
        problems["decision_1"] = ["Record at least one decision, with who will carry it out and by when."]
    refuse_if(problems)
    report, _ = IRODecisionsReport.objects.update_or_create(
        review=review,
        defaults={
            "issued": issued,
            "plan_outcome": plan_outcome,
            "plan_change": plan_change.strip() if plan_outcome == "changed" else "",
            "child_views": child_views.strip(),
            "decisions": decisions.strip(),
            "permanence_plan_recorded": permanence_plan_recorded,
            "twin_track_considered": twin_track_considered,
            "iro": iro,
        },
    )
    for decision in decisions_made:
        Action.objects.create(
            child=review.child,
            description=decision["description"].strip()[:300],
            owner=decision["owner"],
            due=decision["due"],
            forum="review",
            decisions_report=report,
            set_on=review.date,
            created_by=iro,
        )
    return report


# --- escalation under the dispute resolution process ---------------------------------------------


@transaction.atomic
def escalation_raise(
    *,
    child: Child,
    concern: str,
    stage: str,
    raised_on: date,
    respond_by: date,
    by: User,
    review: Review | None = None,
) -> Escalation:
    refuse_if(
        {
            "concern": [] if concern.strip() else ["Say what the concern is about the child's plan."],
            "stage": [] if stage in choices.ESCALATION_STAGE_NAMES else ["Choose the stage the concern is raised at."],
            "respond_by": []
            if respond_by >= raised_on
            else ["The response date cannot be before the concern was raised."],
        }
    )
    return Escalation.objects.create(
        child=child,
        review=review,
        concern=concern.strip(),
        stage=stage,
        raised_on=raised_on,
        respond_by=respond_by,
        raised_by=by,
        history=[{"stage": stage, "date": raised_on.isoformat(), "note": concern.strip()}],
    )


@transaction.atomic
def escalation_update(*, escalation: Escalation, on: date, note: str, stage: str = "", outcome: str = "") -> Escalation:
    """Move an open escalation up a stage, or close it with its outcome: one or the other."""
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)  # two IROs at once: one wins
    order = choices.ESCALATION_STAGE_ORDER
    problems: dict[str, list[str]] = {
        "note": [] if note.strip() else ["Say what happened: the response, or why it goes further."],
        "on": [] if on >= escalation.raised_on else ["The date cannot be before the concern was raised."],
    }
    if escalation.outcome != choices.ESCALATION_OPEN:
        problems["outcome"] = [f"This escalation was closed on {escalation.outcome_on:%d/%m/%Y}."]
    if bool(stage) == bool(outcome):
        problems["stage"] = ["Either move the escalation to a higher stage or close it with its outcome."]
    elif stage and (stage not in order or order.index(stage) <= order.index(escalation.stage)):
        problems["stage"] = ["Choose a stage higher than the one the escalation is at."]
    elif outcome and (outcome not in choices.ESCALATION_OUTCOME_NAMES or outcome == choices.ESCALATION_OPEN):
        problems["outcome"] = ["Choose how the escalation ended."]
    refuse_if(problems)
    if stage:
        escalation.stage = stage
        escalation.history = [*escalation.history, {"stage": stage, "date": on.isoformat(), "note": note.strip()}]
    else:
        escalation.outcome, escalation.outcome_on, escalation.outcome_detail = outcome, on, note.strip()
    escalation.save()
    return escalation


# --- actions ------------------------------------------------------------------------------------------


@transaction.atomic
def action_create(
    *,
    child: Child,
    description: str,
    owner: User,
    due: date,
    forum: str,
    set_on: date,
    by: User | None = None,
    agenda_item: AgendaItem | None = None,
    clinic_item: ClinicItem | None = None,
    panel_item: PanelItem | None = None,
) -> Action:
    refuse_if(
        {
            "description": [] if description.strip() else ["Say what needs to be done."],
            "owner": [] if owner is not None and owner.is_active else ["Choose who will do it."],
            "due": []
            if due is None or due >= set_on
            else ["The due date cannot be before the meeting that set the action."],
            "forum": [] if forum in choices.ACTION_FORUM_NAMES else ["Choose the meeting that set the action."],
        }
    )
    if due is None:
        raise ValidationError({"due": ["Enter the date it is due by."]})
    return Action.objects.create(
        child=child,
        description=description.strip(),
        owner=owner,
        due=due,
        forum=forum,
        set_on=set_on,
        created_by=by,
        agenda_item=agenda_item,
        clinic_item=clinic_item,
        panel_item=panel_item,
    )


@transaction.atomic
def action_complete(*, action: Action, done_on: date, today: date | None = None) -> Action:
    today = today or date.today()
    if done_on > today:
        raise ValidationError(
            {"done_on": [f"The date done ({done_on:%d/%m/%Y}) is in the future: enter the day it was done."]}
        )
    if done_on < action.set_on:
        raise ValidationError({"done_on": ["An action cannot be done before it was set."]})
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    return action
