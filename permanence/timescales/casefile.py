"""Reading a CASE.json into a CaseSnapshot (format: docs/case-file.md).

Every problem names the field (`episodes[0].start: '2026-02-30' is not a date ...`) and the
whole file is refused: a snapshot is built from a file that is right, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from permanence.codes.base import CodeList
from permanence.codes.legal_status import LEGAL_STATUS
from permanence.codes.placement import PLACEMENT
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.codes.reason_new import REASON_NEW

from .snapshot import (
    RECORD_KINDS,
    ActionFacts,
    AdoptionFacts,
    CarerFacts,
    CaseFileError,
    CaseSnapshot,
    ChildFacts,
    Dated,
    EpisodeFacts,
    MissingFacts,
    OrderFacts,
    PlanFacts,
    ProceedingsFacts,
    SiblingFacts,
)

ORDER_TYPES = frozenset(
    {
        "interim_care_order",
        "care_order",
        "placement_order",
        "special_guardianship_order",
        "child_arrangements_order_live_with",
        "child_arrangements_order_spend_time",
        "supervision_order",
        "emergency_protection_order",
        "police_protection",
        "section_20",
        "remand",
        "adoption_order",
    }
)
# What an IRO's decisions report of a review can be recorded as having settled.
IRO_DECISIONS = frozenset({"permanence_plan", "twin_track"})

T = TypeVar("T")


def _date(value: Any, field: str, required: bool = False) -> date | None:
    if value is None:
        if required:
            raise CaseFileError(field, "is required (a date, YYYY-MM-DD)")
        return None
    if not isinstance(value, str):
        raise CaseFileError(field, f"{value!r} is not a date (expected YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CaseFileError(field, f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def _required_date(value: Any, field: str) -> date:
    found = _date(value, field, required=True)
    assert found is not None
    return found


def _object(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise CaseFileError(field, "must be an object")
    return value


def _list(value: Any, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CaseFileError(field, "must be a list")
    return value


def _bool(value: Any, field: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise CaseFileError(field, f"{value!r} is not true or false")
    return value


def _code(value: Any, field: str, codes: CodeList, required: bool = True) -> str | None:
    if value in (None, ""):
        if required:
            raise CaseFileError(field, f"is required (an SSDA903 {codes.field} code)")
        return None
    if not isinstance(value, str):
        raise CaseFileError(field, f"{value!r} is not an SSDA903 {codes.field} code (expected text)")
    problem = codes.check(value)
    if problem:
        raise CaseFileError(field, problem)
    return value


def _required_code(value: Any, field: str, codes: CodeList) -> str:
    found = _code(value, field, codes)
    assert found is not None
    return found


def _text(value: Any, field: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str | int):
        raise CaseFileError(field, f"{value!r} is not text")
    return str(value)


def _items(raw: Any, field: str, parse: Callable[[Mapping[str, Any], str], T]) -> tuple[T, ...]:
    return tuple(parse(_object(item, f"{field}[{i}]"), f"{field}[{i}]") for i, item in enumerate(_list(raw, field)))


def _carer(raw: Mapping[str, Any], field: str) -> CarerFacts:
    return CarerFacts(
        connected_person=_bool(raw.get("connected_person"), f"{field}.connected_person"),
        temporary_approval_start=_date(raw.get("temporary_approval_start"), f"{field}.temporary_approval_start"),
        temporary_approval_extended=_bool(
            raw.get("temporary_approval_extended"), f"{field}.temporary_approval_extended"
        ),
        fully_approved=_date(raw.get("fully_approved"), f"{field}.fully_approved"),
        temporary_approval_ended=_date(raw.get("temporary_approval_ended"), f"{field}.temporary_approval_ended"),
    )


def _episode(raw: Mapping[str, Any], field: str) -> EpisodeFacts:
    carer = raw.get("carer")
    episode = EpisodeFacts(
        start=_required_date(raw.get("start"), f"{field}.start"),
        end=_date(raw.get("end"), f"{field}.end"),
        legal_status=_required_code(raw.get("legal_status"), f"{field}.legal_status", LEGAL_STATUS),
        placement=_required_code(raw.get("placement"), f"{field}.placement", PLACEMENT),
        reason_new=_required_code(raw.get("reason_new", "S"), f"{field}.reason_new", REASON_NEW),
        reason_ceased=_code(raw.get("reason_ceased"), f"{field}.reason_ceased", REASON_CEASED, required=False),
        carer=_carer(_object(carer, f"{field}.carer"), f"{field}.carer") if carer is not None else None,
        home=_text(raw.get("home"), f"{field}.home"),
        intended_until_18=_bool(raw.get("intended_until_18"), f"{field}.intended_until_18"),
        long_term_confirmed=_date(raw.get("long_term_foster_confirmed"), f"{field}.long_term_foster_confirmed"),
        six_monthly_visits_agreed=_date(raw.get("six_monthly_visits_agreed"), f"{field}.six_monthly_visits_agreed"),
        before_assessment=_bool(
            raw.get("placed_with_parent_before_assessment"), f"{field}.placed_with_parent_before_assessment"
        ),
        parent_assessment_completed=_date(
            raw.get("parent_assessment_completed"), f"{field}.parent_assessment_completed"
        ),
    )
    if episode.end and episode.end < episode.start:
        raise CaseFileError(f"{field}.end", "is before the episode's start")
    return episode


def _proceedings(raw: Mapping[str, Any], field: str) -> ProceedingsFacts:
    extensions = []
    for i, ext in enumerate(_list(raw.get("extensions"), f"{field}.extensions")):
        ext = _object(ext, f"{field}.extensions[{i}]")
        weeks = ext.get("weeks", 8)
        if not isinstance(weeks, int) or isinstance(weeks, bool) or weeks <= 0:
            raise CaseFileError(f"{field}.extensions[{i}].weeks", f"{weeks!r} is not a positive whole number of weeks")
        extensions.append(weeks)
    found = ProceedingsFacts(
        issued=_date(raw.get("issued"), f"{field}.issued"),
        extensions=tuple(extensions),
        concluded=_date(raw.get("concluded"), f"{field}.concluded"),
        pre_proceedings_start=_date(raw.get("pre_proceedings_start"), f"{field}.pre_proceedings_start"),
        final_evidence_filed=_date(raw.get("final_evidence_filed"), f"{field}.final_evidence_filed"),
        final_evidence_due=_date(raw.get("final_evidence_due"), f"{field}.final_evidence_due"),
    )
    if found.issued and found.concluded and found.concluded < found.issued:
        raise CaseFileError(f"{field}.concluded", "is before the proceedings were issued")
    return found


def _order(raw: Mapping[str, Any], field: str) -> OrderFacts:
    kind = raw.get("type")
    if not isinstance(kind, str) or kind not in ORDER_TYPES:
        raise CaseFileError(
            f"{field}.type", f"{kind!r} is not an order type; expected one of {', '.join(sorted(ORDER_TYPES))}"
        )
    return OrderFacts(
        type=kind,
        made=_required_date(raw.get("made"), f"{field}.made"),
        ended=_date(raw.get("ended"), f"{field}.ended"),
        extended_to=_date(raw.get("extended_to"), f"{field}.extended_to"),
    )


def _dated(raw: Mapping[str, Any], field: str) -> Dated:
    kind = raw.get("kind")
    if not isinstance(kind, str) or not kind:
        raise CaseFileError(f"{field}.kind", "is required (for example 'plan_agreed')")
    return Dated(kind, _required_date(raw.get("date"), f"{field}.date"))


def _dated_list(raw: Any, field: str) -> tuple[Dated, ...]:
    return tuple(sorted(_items(raw, field, _dated), key=lambda d: d.date))


def _dates(raw: Any, field: str) -> tuple[date, ...]:
    """A list of `{"date": d}` objects, or of plain dates."""
    out = []
    for i, item in enumerate(_list(raw, field)):
        where = f"{field}[{i}]"
        out.append(
            _required_date(item, where)
            if isinstance(item, str)
            else _required_date(_object(item, where).get("date"), f"{where}.date")
        )
    return tuple(sorted(out))


def _reviews(raw: Any, field: str) -> tuple[tuple[date, ...], tuple[Dated, ...]]:
    held, decisions = [], []
    for i, item in enumerate(_list(raw, field)):
        where = f"{field}[{i}]"
        if isinstance(item, str):
            held.append(_required_date(item, where))
            continue
        item = _object(item, where)
        day = _required_date(item.get("date"), f"{where}.date")
        held.append(day)
        for j, kind in enumerate(_list(item.get("iro_decisions"), f"{where}.iro_decisions")):
            if kind not in IRO_DECISIONS:
                raise CaseFileError(
                    f"{where}.iro_decisions[{j}]", f"{kind!r} is not one of {', '.join(sorted(IRO_DECISIONS))}"
                )
            decisions.append(Dated(kind, day))
    return tuple(sorted(held)), tuple(sorted(decisions, key=lambda d: d.date))


def _siblings(raw: Mapping[str, Any], field: str) -> SiblingFacts:
    apart = []
    for i, spell in enumerate(_list(raw.get("apart"), f"{field}.apart")):
        spell = _object(spell, f"{field}.apart[{i}]")
        start = _required_date(spell.get("from"), f"{field}.apart[{i}].from")
        end = _date(spell.get("to"), f"{field}.apart[{i}].to")
        if end is not None and end < start:
            raise CaseFileError(f"{field}.apart[{i}].to", "is before `from`")
        apart.append((str(spell.get("sibling", "")), start, end))
    return SiblingFacts(
        apart=tuple(sorted(apart, key=lambda a: a[1])),
        assessments=_dates(raw.get("assessments"), f"{field}.assessments"),
        contact_plans=_dates(raw.get("contact_plans"), f"{field}.contact_plans"),
    )


def _action(raw: Mapping[str, Any], field: str) -> ActionFacts:
    description = raw.get("description")
    if not isinstance(description, str) or not description.strip():
        raise CaseFileError(f"{field}.description", "is required (what the meeting asked to be done)")
    set_on = _required_date(raw.get("set"), f"{field}.set")
    due = _required_date(raw.get("due"), f"{field}.due")
    if due < set_on:
        raise CaseFileError(f"{field}.due", "is before the date the action was set")
    return ActionFacts(description.strip(), set_on, due, _date(raw.get("done"), f"{field}.done"))


def _missing(raw: Mapping[str, Any], field: str) -> MissingFacts:
    found = MissingFacts(
        started=_required_date(raw.get("from"), f"{field}.from"),
        returned=_date(raw.get("returned"), f"{field}.returned"),
        return_interview=_date(raw.get("return_interview"), f"{field}.return_interview"),
        interview_declined=_bool(raw.get("interview_declined"), f"{field}.interview_declined"),
    )
    if found.returned and found.returned < found.started:
        raise CaseFileError(f"{field}.returned", "is before the child went missing")
    return found


def _adoption(raw: Mapping[str, Any], field: str) -> AdoptionFacts:
    found = AdoptionFacts(
        authority_to_place=_date(raw.get("authority_to_place"), f"{field}.authority_to_place"),
        authority_ended=_date(raw.get("authority_ended"), f"{field}.authority_ended"),
    )
    if found.authority_ended and found.authority_to_place and found.authority_ended < found.authority_to_place:
        raise CaseFileError(f"{field}.authority_ended", "is before `authority_to_place`")
    return found


def _plan(raw: Mapping[str, Any], field: str) -> PlanFacts:
    return PlanFacts(
        _date(raw.get("recorded"), f"{field}.recorded"),
        _text(raw.get("primary"), f"{field}.primary"),
        _text(raw.get("parallel"), f"{field}.parallel"),
    )


def _not_recorded(raw: Any, field: str) -> frozenset[str]:
    kinds = []
    for i, kind in enumerate(_list(raw, field)):
        if kind not in RECORD_KINDS:
            raise CaseFileError(f"{field}[{i}]", f"{kind!r} is not one of {', '.join(RECORD_KINDS)}")
        kinds.append(kind)
    return frozenset(kinds)


def parse_case(data: Any) -> CaseSnapshot:
    data = _object(data, "case")
    child = _object(data.get("child"), "child")
    child_id = child.get("id")
    if child_id in (None, ""):
        raise CaseFileError("child.id", "is required")
    child_facts = ChildFacts(
        str(child_id), _date(child.get("dob"), "child.dob"), _date(child.get("expected_dob"), "child.expected_dob")
    )
    if child_facts.dob is None and child_facts.expected_dob is None:
        raise CaseFileError("child.dob", "is required (or child.expected_dob for an unborn child)")
    raw_proceedings = data.get("proceedings")
    proceedings: tuple[ProceedingsFacts, ...]
    if isinstance(raw_proceedings, dict):
        proceedings = (_proceedings(raw_proceedings, "proceedings"),)
    else:
        proceedings = _items(raw_proceedings, "proceedings", _proceedings)
    reviews, iro_decisions = _reviews(data.get("reviews"), "reviews")
    plan = _plan(_object(data["plan"], "plan"), "plan") if data.get("plan") is not None else None
    adoption = _adoption(_object(data["adoption"], "adoption"), "adoption") if data.get("adoption") else None
    siblings = _siblings(_object(data["siblings"], "siblings"), "siblings") if data.get("siblings") else None
    return CaseSnapshot(
        child=child_facts,
        episodes=tuple(sorted(_items(data.get("episodes"), "episodes", _episode), key=lambda e: e.start)),
        reviews=reviews,
        iro_decisions=iro_decisions,
        proceedings=proceedings,
        orders=_items(data.get("orders"), "orders", _order),
        plan=plan,
        decisions=_dated_list(data.get("decisions"), "decisions"),
        meetings=_dated_list(data.get("meetings"), "meetings"),
        steps=_dated_list(data.get("steps"), "steps"),
        visits=_dates(data.get("visits"), "visits"),
        siblings=siblings,
        actions=tuple(sorted(_items(data.get("actions"), "actions", _action), key=lambda a: a.due)),
        adoption=adoption,
        health_assessments=_dates(data.get("health_assessments"), "health_assessments"),
        care_plans=_dates(data.get("care_plans"), "care_plans"),
        education_plans=_dates(data.get("education_plans"), "education_plans"),
        needs_assessments=_dates(data.get("needs_assessments"), "needs_assessments"),
        pathway_plans=_dates(data.get("pathway_plans"), "pathway_plans"),
        missing=tuple(sorted(_items(data.get("missing"), "missing", _missing), key=lambda m: m.started)),
        unknown=_not_recorded(data.get("not_recorded"), "not_recorded"),
    )
