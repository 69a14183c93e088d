"""An immutable snapshot of one case: the facts the engine reads, and nothing else.

Built from the database by the app (permanence/children/snapshots.py) or from a CASE.json
file by `from_dict` (format: docs/case-file.md). No Django here.
"""

from dataclasses import dataclass
from datetime import date

from permanence.codes.legal_status import LEGAL_STATUS
from permanence.codes.placement import PLACEMENT
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.codes.reason_new import REASON_NEW

ORDER_TYPES = frozenset({
    "interim_care_order", "care_order", "placement_order", "special_guardianship_order",
    "child_arrangements_order_live_with", "child_arrangements_order_spend_time", "supervision_order",
    "emergency_protection_order", "police_protection", "section_20", "remand", "adoption_order",
})


class CaseFileError(ValueError):
    """A problem in a case file, naming the field: `episodes[0].start: ...`."""

    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


@dataclass(frozen=True, slots=True)
class ChildFacts:
    id: str
    dob: date | None = None
    expected_dob: date | None = None


@dataclass(frozen=True, slots=True)
class CarerFacts:
    connected_person: bool = False
    temporary_approval_start: date | None = None
    temporary_approval_extended: bool = False
    fully_approved: date | None = None


@dataclass(frozen=True, slots=True)
class EpisodeFacts:
    start: date
    end: date | None
    legal_status: str
    placement: str
    reason_new: str
    reason_ceased: str | None = None
    carer: CarerFacts | None = None


@dataclass(frozen=True, slots=True)
class ProceedingsFacts:
    issued: date | None = None
    extensions: tuple = ()  # weeks granted, one int per extension
    concluded: date | None = None
    pre_proceedings_start: date | None = None
    final_evidence_filed: date | None = None


@dataclass(frozen=True, slots=True)
class OrderFacts:
    type: str
    made: date
    ended: date | None = None
    extended_to: date | None = None


@dataclass(frozen=True, slots=True)
class PlanFacts:
    recorded: date | None = None
    primary: str | None = None
    parallel: str | None = None


@dataclass(frozen=True, slots=True)
class Dated:
    """A decision or meeting of some kind on a date."""

    kind: str
    date: date


@dataclass(frozen=True, slots=True)
class SiblingFacts:
    """Brothers and sisters: spells placed apart while both looked after, assessments, contact plans."""

    apart: tuple = ()  # (sibling id, from, to or None), oldest first
    assessments: tuple = ()  # dates of sibling assessments that cover the child, oldest first
    contact_plans: tuple = ()  # dates sibling contact plans for the child were agreed, oldest first


@dataclass(frozen=True, slots=True)
class ActionFacts:
    """An action a meeting set: what, for when, and when it was done."""

    description: str
    set_on: date
    due: date
    done_on: date | None = None


@dataclass(frozen=True, slots=True)
class CaseSnapshot:
    child: ChildFacts
    episodes: tuple = ()  # EpisodeFacts, oldest first
    reviews: tuple = ()  # dates, oldest first
    proceedings: tuple = ()  # ProceedingsFacts
    orders: tuple = ()  # OrderFacts
    plan: PlanFacts | None = None
    decisions: tuple = ()  # Dated
    meetings: tuple = ()  # Dated
    visits: tuple = ()  # dates, oldest first
    siblings: SiblingFacts | None = None
    actions: tuple = ()  # ActionFacts, by due date

    @classmethod
    def from_dict(cls, data):
        return _parse_case(data)


# --- parsing a CASE.json -------------------------------------------------------------------

def _date(value, field, required=False):
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


def _object(value, field):
    if not isinstance(value, dict):
        raise CaseFileError(field, "must be an object")
    return value


def _list(value, field):
    if value is None:
        return []
    if not isinstance(value, list):
        raise CaseFileError(field, "must be a list")
    return value


def _code(value, field, codes, required=True):
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


def _episode(raw, field):
    raw = _object(raw, field)
    carer = raw.get("carer")
    carer_facts = None
    if carer is not None:
        carer = _object(carer, f"{field}.carer")
        carer_facts = CarerFacts(
            connected_person=bool(carer.get("connected_person", False)),
            temporary_approval_start=_date(carer.get("temporary_approval_start"), f"{field}.carer.temporary_approval_start"),
            temporary_approval_extended=bool(carer.get("temporary_approval_extended", False)),
            fully_approved=_date(carer.get("fully_approved"), f"{field}.carer.fully_approved"),
        )
    episode = EpisodeFacts(
        start=_date(raw.get("start"), f"{field}.start", required=True),
        end=_date(raw.get("end"), f"{field}.end"),
        legal_status=_code(raw.get("legal_status"), f"{field}.legal_status", LEGAL_STATUS),
        placement=_code(raw.get("placement"), f"{field}.placement", PLACEMENT),
        reason_new=_code(raw.get("reason_new", "S"), f"{field}.reason_new", REASON_NEW),
        reason_ceased=_code(raw.get("reason_ceased"), f"{field}.reason_ceased", REASON_CEASED, required=False),
        carer=carer_facts,
    )
    if episode.end and episode.end < episode.start:
        raise CaseFileError(f"{field}.end", "is before the episode's start")
    return episode


def _proceedings(raw, field):
    raw = _object(raw, field)
    extensions = []
    for i, ext in enumerate(_list(raw.get("extensions"), f"{field}.extensions")):
        ext = _object(ext, f"{field}.extensions[{i}]")
        weeks = ext.get("weeks", 8)
        if not isinstance(weeks, int) or isinstance(weeks, bool) or weeks <= 0:
            raise CaseFileError(f"{field}.extensions[{i}].weeks", f"{weeks!r} is not a positive whole number of weeks")
        extensions.append(weeks)
    return ProceedingsFacts(
        issued=_date(raw.get("issued"), f"{field}.issued"),
        extensions=tuple(extensions),
        concluded=_date(raw.get("concluded"), f"{field}.concluded"),
        pre_proceedings_start=_date(raw.get("pre_proceedings_start"), f"{field}.pre_proceedings_start"),
        final_evidence_filed=_date(raw.get("final_evidence_filed"), f"{field}.final_evidence_filed"),
    )


def _order(raw, field):
    raw = _object(raw, field)
    kind = raw.get("type")
    if not isinstance(kind, str) or kind not in ORDER_TYPES:
        raise CaseFileError(f"{field}.type", f"{kind!r} is not an order type; expected one of {', '.join(sorted(ORDER_TYPES))}")
    return OrderFacts(
        type=kind,
        made=_date(raw.get("made"), f"{field}.made", required=True),
        ended=_date(raw.get("ended"), f"{field}.ended"),
        extended_to=_date(raw.get("extended_to"), f"{field}.extended_to"),
    )


def _dated_list(raw, field, date_key="date"):
    items = []
    for i, item in enumerate(_list(raw, field)):
        item = _object(item, f"{field}[{i}]")
        kind = item.get("kind")
        if not isinstance(kind, str) or not kind:
            raise CaseFileError(f"{field}[{i}].kind", "is required (for example 'plan_agreed')")
        items.append(Dated(kind, _date(item.get(date_key), f"{field}[{i}].{date_key}", required=True)))
    return tuple(sorted(items, key=lambda d: d.date))


def _dates(raw, field):
    out = []
    for i, item in enumerate(_list(raw, field)):
        item = _object(item, f"{field}[{i}]")
        out.append(_date(item.get("date"), f"{field}[{i}].date", required=True))
    return tuple(sorted(out))


def _siblings(raw, field):
    raw = _object(raw, field)
    apart = []
    for i, spell in enumerate(_list(raw.get("apart"), f"{field}.apart")):
        spell = _object(spell, f"{field}.apart[{i}]")
        start = _date(spell.get("from"), f"{field}.apart[{i}].from", required=True)
        end = _date(spell.get("to"), f"{field}.apart[{i}].to")
        if end is not None and end < start:
            raise CaseFileError(f"{field}.apart[{i}].to", "is before `from`")
        apart.append((str(spell.get("sibling", "")), start, end))
    return SiblingFacts(
        apart=tuple(sorted(apart, key=lambda a: a[1])),
        assessments=_dates(raw.get("assessments"), f"{field}.assessments"),
        contact_plans=_dates(raw.get("contact_plans"), f"{field}.contact_plans"),
    )


def _actions(raw, field):
    out = []
    for i, item in enumerate(_list(raw, field)):
        item = _object(item, f"{field}[{i}]")
        description = item.get("description")
        if not isinstance(description, str) or not description.strip():
            raise CaseFileError(f"{field}[{i}].description", "is required (what the meeting asked to be done)")
        set_on = _date(item.get("set"), f"{field}[{i}].set", required=True)
        due = _date(item.get("due"), f"{field}[{i}].due", required=True)
        if due < set_on:
            raise CaseFileError(f"{field}[{i}].due", "is before the date the action was set")
        out.append(ActionFacts(description.strip(), set_on, due, _date(item.get("done"), f"{field}[{i}].done")))
    return tuple(sorted(out, key=lambda a: a.due))


def _parse_case(data):
    data = _object(data, "case")
    child = _object(data.get("child"), "child")
    child_id = child.get("id")
    if child_id in (None, ""):
        raise CaseFileError("child.id", "is required")
    child_facts = ChildFacts(str(child_id), _date(child.get("dob"), "child.dob"), _date(child.get("expected_dob"), "child.expected_dob"))
    if child_facts.dob is None and child_facts.expected_dob is None:
        raise CaseFileError("child.dob", "is required (or child.expected_dob for an unborn child)")
    episodes = tuple(
        sorted((_episode(e, f"episodes[{i}]") for i, e in enumerate(_list(data.get("episodes"), "episodes"))), key=lambda e: e.start)
    )
    raw_proceedings = data.get("proceedings")
    if isinstance(raw_proceedings, dict):
        proceedings = (_proceedings(raw_proceedings, "proceedings"),)
    else:
        proceedings = tuple(_proceedings(p, f"proceedings[{i}]") for i, p in enumerate(_list(raw_proceedings, "proceedings")))
    plan = None
    if data.get("plan") is not None:
        raw_plan = _object(data["plan"], "plan")
        plan = PlanFacts(_date(raw_plan.get("recorded"), "plan.recorded"), raw_plan.get("primary"), raw_plan.get("parallel"))
    return CaseSnapshot(
        child=child_facts,
        episodes=episodes,
        reviews=_dates(data.get("reviews"), "reviews"),
        proceedings=proceedings,
        orders=tuple(_order(o, f"orders[{i}]") for i, o in enumerate(_list(data.get("orders"), "orders"))),
        plan=plan,
        decisions=_dated_list(data.get("decisions"), "decisions"),
        meetings=_dated_list(data.get("meetings"), "meetings"),
        visits=_dates(data.get("visits"), "visits"),
        siblings=_siblings(data["siblings"], "siblings") if data.get("siblings") is not None else None,
        actions=_actions(data.get("actions"), "actions"),
    )
