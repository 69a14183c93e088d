"""Writes for clinics, tracking meetings, panels, ADM decisions and actions.

Each write is one transaction and validates first, so bad input leaves the record unchanged.
Each meeting also leaves the dated event the timescales engine reads (a referral to the clinic,
a tracking-meeting discussion, a panel, an ADM decision), so obligations are met by doing the
work, never by ticking a box.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from permanence.accounts import roles
from permanence.children.models import Episode, Proceedings
from permanence.planning import services as planning
from permanence.planning.options import OPTION_NAMES

from . import agenda, choices
from .models import Action, ADMDecision, AgendaItem, Clinic, ClinicItem, IRODecisionsReport, Panel, PanelItem, Referral, TrackingMeeting


def _require(errors):
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)


def _in_scope_for_clinic(child, on):
    looked_after = Episode.objects.filter(Q(end__isnull=True) | Q(end__gt=on), child=child, start__lte=on).exists()
    edge = Proceedings.objects.filter(Q(concluded__isnull=True) | Q(concluded__gt=on), child=child).filter(
        Q(issued__lte=on) | Q(pre_proceedings_start__lte=on)
    ).exists()
    return looked_after or edge


# --- the permanence planning clinic -----------------------------------------------------------

@transaction.atomic
def referral_create(*, child, by, date, reason):
    """Refer a child to the clinic (Camden §4): a social worker or IRO, with a reason."""
    role = "iro" if by.role == roles.IRO else "social_worker"
    _require({
        "reason": [] if reason.strip() else ["Say why the child is being referred: what permanent care is being considered."],
        "child": [] if _in_scope_for_clinic(child, date) else [
            "Only a child who is looked after, in PLO pre-proceedings or in care proceedings can be referred to the clinic."
        ],
    })
    if Referral.objects.filter(child=child, status__in=[choices.WAITING, choices.LISTED]).exists():
        raise ValidationError({"child": [f"{child.full_name} already has a referral waiting for the clinic."]})
    referral = Referral.objects.create(child=child, referred_by=by, referrer_role=role, date=date, reason=reason.strip())
    planning.meeting_record(child=child, kind="clinic_referral", date=date, notes=reason.strip())
    return referral


@transaction.atomic
def clinic_create(*, date, chair=None):
    if Clinic.objects.filter(date=date).exists():
        raise ValidationError({"date": [f"There is already a clinic on {date:%d/%m/%Y}."]})
    return Clinic.objects.create(date=date, chair=chair)


@transaction.atomic
def clinic_list(*, clinic, referral):
    """Put a waiting referral on a clinic's list."""
    if referral.status not in (choices.WAITING, choices.LISTED):
        raise ValidationError({"referral": [f"This referral is {referral.get_status_display().lower()}; it cannot be listed."]})
    item, _ = ClinicItem.objects.get_or_create(clinic=clinic, child=referral.child, defaults={"referral": referral})
    Referral.objects.filter(pk=referral.pk).update(status=choices.LISTED)
    return item


def attendance_warnings(item):
    """Camden §4 expects the IRO (or the conference chair) and the social worker or manager at the clinic."""
    warnings = []
    if item.iro_or_chair_present is False:
        warnings.append("The IRO or conference chair was not at the clinic: they are expected to attend (Camden §4).")
    if item.worker_or_manager_present is False:
        warnings.append("Neither the social worker nor their manager was at the clinic: one of them is expected to attend (Camden §4).")
    return warnings


@transaction.atomic
def clinic_item_record(*, item, iro_or_chair_present, worker_or_manager_present, attendees, options_discussed, agreed_plan, notes):
    unknown = [o for o in options_discussed if o not in OPTION_NAMES]
    _require({
        "options_discussed": (["Choose at least one option the clinic discussed."] if not options_discussed else [])
        + [f"{o!r} is not a permanence option." for o in unknown],
        "agreed_plan": [] if not agreed_plan or agreed_plan in options_discussed else [
            "The agreed plan must be one of the options discussed."
        ],
    })
    item.iro_or_chair_present = iro_or_chair_present
    item.worker_or_manager_present = worker_or_manager_present
    item.attendees, item.options_discussed, item.agreed_plan, item.notes = attendees, list(options_discussed), agreed_plan, notes
    first_time = not item.recorded
    item.recorded = True
    item.save()
    if item.referral_id:
        Referral.objects.filter(pk=item.referral_id).update(status=choices.SEEN)
    if first_time:
        planning.meeting_record(child=item.child, kind="permanence_planning_meeting", date=item.clinic.date,
                                notes=f"At the permanence planning clinic. {notes}".strip())
    return attendance_warnings(item)


# --- the monthly tracking meeting ---------------------------------------------------------------

@transaction.atomic
def tracking_meeting_create(*, date, chair=None, attendees=""):
    """Set up a month's meeting with its agenda built from the record."""
    if TrackingMeeting.objects.filter(date=date).exists():
        raise ValidationError({"date": [f"There is already a permanence tracking meeting on {date:%d/%m/%Y}."]})
    last = TrackingMeeting.objects.filter(date__lt=date).order_by("-date").first()
    since = last.date if last else date - timedelta(days=31)
    meeting = TrackingMeeting.objects.create(date=date, chair=chair, attendees=attendees, since=since)
    agenda_refresh(meeting)
    return meeting


@transaction.atomic
def agenda_refresh(meeting, *, today=None):
    """Add children who now qualify; never removes an item or its record. Running it twice changes nothing."""
    found = agenda.build(since=meeting.since, until=meeting.date, today=today or meeting.date)
    existing = {item.child_id: item for item in meeting.items.all()}
    new = []
    for child_id, reasons in found.items():
        if child_id in existing:
            if existing[child_id].reasons != reasons and not existing[child_id].discussed:
                existing[child_id].reasons = reasons
                existing[child_id].save(update_fields=["reasons"])
        else:
            new.append(AgendaItem(meeting=meeting, child_id=child_id, reasons=reasons))
    AgendaItem.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def agenda_item_record(*, item, discussion, decision):
    _require({
        "discussion": [] if discussion.strip() else ["Record what the meeting discussed for this child."],
        "decision": [] if decision.strip() else ["Record what the meeting decided, even if it is 'no change'."],
    })
    if item.meeting.closed:
        raise ValidationError({"decision": ["This meeting is closed: its record can no longer change."]})
    first_time = not item.discussed
    item.discussion, item.decision, item.discussed = discussion.strip(), decision.strip(), True
    item.save()
    if first_time:
        planning.meeting_record(child=item.child, kind="tracking_meeting", date=item.meeting.date, notes=decision.strip())
    return item


@transaction.atomic
def tracking_meeting_close(meeting):
    waiting = meeting.items.filter(discussed=False).count()
    if waiting:
        raise ValidationError({"closed": [f"{waiting} {'child has' if waiting == 1 else 'children have'} not been discussed yet."]})
    meeting.closed = True
    meeting.save(update_fields=["closed"])
    return meeting


# --- panel and ADM -------------------------------------------------------------------------------

@transaction.atomic
def panel_create(*, date, chair=None):
    if Panel.objects.filter(date=date).exists():
        raise ValidationError({"date": [f"There is already a permanence panel on {date:%d/%m/%Y}."]})
    return Panel.objects.create(date=date, chair=chair)


@transaction.atomic
def panel_item_add(*, panel, child, matter, papers=""):
    _require({"matter": [] if matter in choices.PANEL_MATTER_NAMES else ["Choose what the panel is asked to consider."]})
    return PanelItem.objects.create(panel=panel, child=child, matter=matter, papers=papers, needs_adm=matter in choices.ADM_MATTERS)


@transaction.atomic
def panel_recommend(*, item, recommendation, recommended_option=""):
    _require({
        "recommendation": [] if recommendation.strip() else ["Record the panel's recommendation."],
        "recommended_option": [] if not recommended_option or recommended_option in OPTION_NAMES else ["Choose a permanence option."],
    })
    first_time = not item.recommendation
    item.recommendation, item.recommended_option = recommendation.strip(), recommended_option
    item.save()
    if first_time:
        planning.meeting_record(child=item.child, kind="permanence_panel", date=item.panel.date, notes=recommendation.strip())
    return item


@transaction.atomic
def adm_decide(*, item, outcome, date, by, reasons):
    """The Agency Decision Maker decides on a panel recommendation; only the ADM may."""
    _require({
        "outcome": [] if outcome in choices.ADM_OUTCOME_NAMES else ["Choose the decision."],
        "reasons": [] if reasons.strip() else ["Give the reasons for the decision."],
        "date": [] if date >= item.panel.date else ["The decision cannot be dated before the panel met."],
    })
    if by.role != roles.ADM:
        raise ValidationError({"outcome": ["Only the Agency Decision Maker can record this decision."]})
    if not item.needs_adm:
        raise ValidationError({"outcome": ["This panel item does not go to the Agency Decision Maker."]})
    if not item.recommendation:
        raise ValidationError({"outcome": ["The panel has not made its recommendation yet."]})
    if hasattr(item, "adm_decision"):
        raise ValidationError({"outcome": ["The Agency Decision Maker has already decided this item."]})
    decision = ADMDecision.objects.create(item=item, outcome=outcome, date=date, decided_by=by, reasons=reasons.strip())
    if outcome == "agreed":
        kind = "adm_should_be_placed" if item.matter == "adoption_plan" else "match_approved"
        planning.decision_record(child=item.child, kind=kind, forum="adm", date=date, by=by,
                                 decided_by=str(by), rationale=reasons.strip(), evidence=item.papers)
    return decision


@transaction.atomic
def iro_report_record(*, review, issued, decisions, permanence_plan_recorded, iro=None):
    _require({
        "decisions": [] if decisions.strip() else ["Record the decisions of the review."],
        "issued": [] if issued >= review.date else ["The decisions report cannot be issued before the review was held."],
    })
    report, _ = IRODecisionsReport.objects.update_or_create(
        review=review,
        defaults={"issued": issued, "decisions": decisions.strip(), "permanence_plan_recorded": permanence_plan_recorded, "iro": iro},
    )
    return report


# --- actions ------------------------------------------------------------------------------------------

@transaction.atomic
def action_create(*, child, description, owner, due, forum, set_on, by=None, agenda_item=None, clinic_item=None, panel_item=None):
    _require({
        "description": [] if description.strip() else ["Say what needs to be done."],
        "owner": [] if owner is not None and owner.is_active else ["Choose who will do it."],
        "due": [] if due is None or due >= set_on else ["The due date cannot be before the meeting that set the action."],
        "forum": [] if forum in choices.ACTION_FORUM_NAMES else ["Choose the meeting that set the action."],
    })
    if due is None:
        raise ValidationError({"due": ["Enter the date it is due by."]})
    return Action.objects.create(
        child=child, description=description.strip(), owner=owner, due=due, forum=forum, set_on=set_on, created_by=by,
        agenda_item=agenda_item, clinic_item=clinic_item, panel_item=panel_item,
    )


@transaction.atomic
def action_complete(*, action, done_on):
    if done_on < action.set_on:
        raise ValidationError({"done_on": ["An action cannot be done before it was set."]})
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    return action
