"""Writes for contact, transitions, support plans, stability events and disruption. Keyword-only,
one transaction each.

Each write checks everything first and raises ValidationError({field: [message]}), leaving the
database unchanged, when the record cannot be made. Field names match the forms' fields.
"""

from collections.abc import Iterable
from datetime import date as date_type
from typing import Any

from django.db import transaction

from permanence.accounts.models import User
from permanence.children.models import Child
from permanence.children.refusals import refuse_if
from permanence.siblings.services import sibling_contact_plan_record
from permanence.timescales.dates import age_on

from . import choices
from .models import (
    ContactPlan,
    ContactSession,
    DisruptionMeeting,
    Lesson,
    StabilityEvent,
    SupportAction,
    SupportPlan,
    SupportService,
    TransitionPlan,
)

ROWS = 3  # services and actions a support plan form offers at once


def _texts(values: dict[str, Any], needed: dict[str, str], problems: dict[str, str]) -> None:
    for field, message in needed.items():
        if not (values.get(field) or "").strip():
            problems[field] = message


def _not_future(day: date_type | None, field: str, what: str, today: date_type, problems: dict[str, str]) -> None:
    if day is None:
        problems[field] = f"Enter {what}"
    elif day > today:
        problems[field] = f"{what[:1].upper()}{what[1:]} must be today or in the past"


def _clean(values: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {f: (values.get(f) or "").strip() if isinstance(values.get(f, ""), str) else values.get(f) for f in fields}


# --- contact ------------------------------------------------------------------------------

CONTACT_TEXTS = {
    "with_whom": "Enter the name of the person the contact is with",
    "frequency": "Enter how often contact will happen, for example every 2 weeks",
    "child_views": "Enter the child's views on contact, or why they could not be given",
}


@transaction.atomic
def contact_plan_record(
    *, child: Child, by: User | None = None, today: date_type | None = None, **values: Any
) -> ContactPlan:
    """A contact plan (Leeds §10.5). With a brother or sister it is also the sibling contact plan."""
    today = today or date_type.today()
    problems: dict[str, str] = {}
    _texts(values, CONTACT_TEXTS, problems)
    if values.get("relationship") not in choices.WITH_WHOM_NAMES:
        problems["relationship"] = "Select who the contact is with"
    kind = values.get("kind")
    if kind not in (choices.DIRECT, choices.INDIRECT):
        problems["kind"] = "Select whether contact is direct or indirect"
    if values.get("supervision") not in choices.SUPERVISION_NAMES:
        problems["supervision"] = "Select whether contact is supervised"
    elif kind == choices.DIRECT and values["supervision"] == "not_applicable":
        problems["supervision"] = "Select whether direct contact is unsupervised, supported or supervised"
    if kind == choices.DIRECT and not (values.get("venue") or "").strip():
        problems["venue"] = "Enter where direct contact will take place"
    purposes = list(values.get("purposes") or [])
    if not purposes:
        problems["purposes"] = "Select what contact is for: contact must be for the child's benefit"
    elif set(purposes) - set(choices.PURPOSE_NAMES):
        problems["purposes"] = "Select purposes from the list"
    if kind == choices.DIRECT and values.get("parties_agreed") is None:
        problems["parties_agreed"] = "Say whether everyone agreed the direct contact arrangements before placement"
    # Dates as the form gives them (None when left blank: refused below).
    agreed: Any = values.get("agreed")
    review: Any = values.get("review_date")
    _not_future(agreed, "agreed", "the date the plan was agreed", today, problems)
    if review is None:
        problems["review_date"] = "Enter the date of the looked-after review that will review the plan"
    elif agreed and review <= agreed:
        problems["review_date"] = "The review date must be after the date the plan was agreed"
    refuse_if(problems)
    fields = _clean(values, ("with_whom", "relationship", "kind", "frequency", "supervision", "venue", "child_views"))
    plan = ContactPlan(
        child=child,
        created_by=by,
        purposes=purposes,
        parties_agreed=values.get("parties_agreed"),
        agreed=agreed,
        review_date=review,
        lifelong_links=bool(values.get("lifelong_links")),
        **fields,
    )
    if plan.relationship == choices.SIBLING:
        plan.sibling_plan = sibling_contact_plan_record(
            child=child,
            agreed=agreed,
            by=by,
            today=today,
            with_whom=plan.with_whom,
            frequency=plan.frequency,
            kind=plan.kind,
            review_date=review,
            arrangements=f"{plan.get_supervision_display()}. {plan.venue}".strip(". "),
        )
    plan.save()
    return plan


@transaction.atomic
def contact_session_record(
    *,
    plan: ContactPlan,
    date: date_type,
    outcome: str,
    who: str = "",
    notes: str = "",
    by: User | None = None,
    today: date_type | None = None,
) -> ContactSession:
    """One time contact was due: happened, cancelled (by whom), or not attended (by whom)."""
    today = today or date_type.today()
    problems: dict[str, str] = {}
    if date is None:
        problems["date"] = "Enter the date contact was due"
    elif date < plan.agreed:
        problems["date"] = f"The date must be on or after the plan was agreed ({plan.agreed.day} {plan.agreed:%B %Y})"
    elif date > today:
        problems["date"] = "The date must be today or in the past: record a session once it is due"
    if outcome not in choices.SESSION_OUTCOME_NAMES:
        problems["outcome"] = "Select whether contact happened, was cancelled or someone did not attend"
    elif outcome == choices.CANCELLED and who not in choices.WHO_NAMES:
        problems["who"] = "Select who cancelled the contact"
    elif outcome == choices.NOT_ATTENDED and who not in choices.WHO_NAMES:
        problems["who"] = "Select who did not attend"
    refuse_if(problems)
    return ContactSession.objects.create(
        plan=plan,
        date=date,
        outcome=outcome,
        who="" if outcome == choices.HAPPENED else who,
        notes=(notes or "").strip(),
        created_by=by,
    )


# --- transitions --------------------------------------------------------------------------

TRANSITION_TEXTS = {
    "moving_to": "Enter who the child is moving to",
    "introductions": "Enter the introductions timetable",
    "child_preparation": "Enter how the child will be prepared for the move",
    "carer_preparation": "Enter how the new carers will be prepared",
    "life_story_by": "Enter who will do the life story work",
    "current_carer_support": "Enter the support for the current carers through the loss",
    "birth_family_support": "Enter the support for the birth family through the loss",
}


@transaction.atomic
def transition_plan_record(
    *, child: Child, by: User | None = None, today: date_type | None = None, **values: Any
) -> TransitionPlan:
    """A transition plan (KSS §4): introductions, preparation, life story work, therapy, support through loss."""
    problems: dict[str, str] = {}
    _texts(values, TRANSITION_TEXTS, problems)
    start: Any = values.get("introductions_start")
    end: Any = values.get("introductions_end")
    move: Any = values.get("move_date")
    for field, what in (
        ("introductions_start", "the date introductions start"),
        ("introductions_end", "the date introductions end"),
        ("move_date", "the planned move date"),
        ("life_story_when", "the date life story work will be done by"),
    ):
        if values.get(field) is None:
            problems[field] = f"Enter {what}"
    if start and end and end < start:
        problems["introductions_end"] = "Introductions must end on or after the day they start"
    if end and move and move < end:
        problems["move_date"] = "The move date must be on or after the end of introductions"
    if values.get("life_story_format") not in choices.LIFE_STORY_FORMAT_NAMES:
        problems["life_story_format"] = "Select the format of the life story work"
    refuse_if(problems)
    fields = _clean(values, (*TRANSITION_TEXTS, "therapy_before", "therapy_after", "life_story_format"))
    return TransitionPlan.objects.create(
        child=child,
        created_by=by,
        introductions_start=start,
        introductions_end=end,
        move_date=move,
        life_story_when=values["life_story_when"],
        **fields,
    )


# --- support plans ------------------------------------------------------------------------


def _rows(values: dict[str, Any], prefix_fields: Iterable[str], n: int = ROWS) -> list[tuple[int, dict[str, Any]]]:
    """[(row number, {field: value})] for the rows with anything filled in."""
    rows = []
    for i in range(1, n + 1):
        row = {f: values.get(f"{f}_{i}") for f in prefix_fields}
        if any(v not in (None, "") for v in row.values()):
            rows.append((i, row))
    return rows


@transaction.atomic
def support_plan_record(
    *, child: Child, by: User | None = None, today: date_type | None = None, **values: Any
) -> SupportPlan:
    """A support plan by route, with services (provider, dates) and actions (who, by when)."""
    problems: dict[str, str] = {}
    route: Any = values.get("route")
    start: Any = values.get("start")
    review: Any = values.get("review_date")
    if route not in choices.ROUTE_NAMES:
        problems["route"] = "Select the route the support plan is for"
    if start is None:
        problems["start"] = "Enter the date the plan starts"
    if review is None:
        problems["review_date"] = "Enter the date the plan will be reviewed"
    elif start and review <= start:
        problems["review_date"] = "The review date must be after the plan starts"
    if route == choices.LONG_TERM_FOSTERING and not (values.get("delegated_authority") or "").strip():
        problems["delegated_authority"] = (
            "Enter what the long-term foster carers may decide for the child (delegated authority)"
        )
    services = _rows(values, ("service", "provider", "service_start", "service_end"))
    actions = _rows(values, ("action", "owner", "due"))
    for i, row in services:
        if not (row["service"] or "").strip():
            problems[f"service_{i}"] = f"Enter service {i}, or leave its row empty"
        if not (row["provider"] or "").strip():
            problems[f"provider_{i}"] = f"Enter who provides service {i}"
        if row["service_start"] is None:
            problems[f"service_start_{i}"] = f"Enter the date service {i} starts"
        elif row["service_end"] and row["service_end"] < row["service_start"]:
            problems[f"service_end_{i}"] = f"Service {i} must end on or after it starts"
    for i, row in actions:
        if not (row["action"] or "").strip():
            problems[f"action_{i}"] = f"Enter action {i}, or leave its row empty"
        if not (row["owner"] or "").strip():
            problems[f"owner_{i}"] = f"Enter who will do action {i}"
        if row["due"] is None:
            problems[f"due_{i}"] = f"Enter the date action {i} is due"
    refuse_if(problems)
    plan = SupportPlan.objects.create(
        child=child,
        route=route,
        start=start,
        review_date=review,
        created_by=by,
        **_clean(values, ("financial_support", "delegated_authority", "virtual_school", "notes")),
    )
    SupportService.objects.bulk_create(
        [
            SupportService(
                plan=plan,
                service=row["service"].strip(),
                provider=row["provider"].strip(),
                start=row["service_start"],
                end=row["service_end"],
            )
            for _, row in services
        ]
    )
    SupportAction.objects.bulk_create(
        [
            SupportAction(plan=plan, description=row["action"].strip(), owner=row["owner"].strip(), due=row["due"])
            for _, row in actions
        ]
    )
    return plan


@transaction.atomic
def support_action_complete(
    *, action: SupportAction, done_on: date_type, today: date_type | None = None
) -> SupportAction:
    today = today or date_type.today()
    problems: dict[str, str] = {}
    _not_future(done_on, "done_on", "the date it was done", today, problems)
    refuse_if(problems)
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    return action


# --- stability events ---------------------------------------------------------------------


@transaction.atomic
def stability_event_record(
    *,
    child: Child,
    kind: str,
    date: date_type,
    detail: str = "",
    by: User | None = None,
    today: date_type | None = None,
) -> StabilityEvent:
    """Something the early-warning indicators count: a missing episode, an allegation, a school move ..."""
    today = today or date_type.today()
    problems: dict[str, str] = {}
    if kind not in choices.EVENT_KIND_NAMES:
        problems["kind"] = "Select what happened"
    _not_future(date, "date", "the date it happened", today, problems)
    refuse_if(problems)
    return StabilityEvent.objects.create(
        child=child, kind=kind, date=date, detail=(detail or "").strip(), created_by=by
    )


# --- disruption ---------------------------------------------------------------------------

DISRUPTION_TEXTS = {
    "home": "Enter the home that broke down",
    "chair": "Enter who chaired the meeting",
    "what_happened": "Enter what happened",
    "reasons_detail": "Describe the reasons for the breakdown",
    "views_child": "Enter the child's views, or why they could not be given",
    "views_carers": "Enter the carers' views",
}


@transaction.atomic
def disruption_meeting_record(
    *, child: Child, by: User | None = None, today: date_type | None = None, lessons: str = "", **values: Any
) -> DisruptionMeeting:
    """A disruption meeting (KSS §5) and its lessons, one per line of `lessons`."""
    today = today or date_type.today()
    problems: dict[str, str] = {}
    _texts(values, DISRUPTION_TEXTS, problems)
    _not_future(values.get("date"), "date", "the date of the meeting", today, problems)
    if values.get("route") not in choices.DISRUPTION_ROUTE_NAMES:
        problems["route"] = "Select what kind of home it was"
    reasons = list(values.get("reasons") or [])
    if not reasons:
        problems["reasons"] = "Select at least one reason for the breakdown"
    elif set(reasons) - set(choices.REASON_NAMES):
        problems["reasons"] = "Select reasons from the list"
    if values.get("sustained") not in choices.SUSTAINED_NAMES:
        problems["sustained"] = "Select whether the relationship can be sustained"
    learned = [line.strip(" -•\t") for line in (lessons or "").splitlines() if line.strip(" -•\t")]
    if not learned:
        problems["lessons"] = "Enter at least one lesson for the service, one per line"
    refuse_if(problems)
    meeting = DisruptionMeeting.objects.create(
        child=child,
        created_by=by,
        date=values["date"],
        route=values["route"],
        reasons=reasons,
        sustained=values["sustained"],
        age=age_on(child.date_of_birth, values["date"]) if child.date_of_birth else None,
        **_clean(values, (*DISRUPTION_TEXTS, "views_family", "views_professionals", "sustained_how")),
    )
    Lesson.objects.bulk_create([Lesson(meeting=meeting, text=text) for text in learned])
    return meeting
