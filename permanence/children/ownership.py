"""Who owns which fact: the product, when it is the council's case record, or the council's case
system, when the product runs beside it and the facts arrive every night from the Standard
Safeguarding Dataset (SSD).

One question for every way in (pages, forms, the JSON API, the admin site): "may this fact be
edited here?" Beside a case system the facts the feed brings are read-only here and shown as
"from the case system, as at <time of the last sync>"; the product's own records (plans,
decisions, options analyses, meetings, panels, matches, the child's views, contact and support
plans) stay editable and stay attached to the child across syncs.

The setting is PERMANENCE_CASE_RECORD: "product" (the default: staff record every fact here) or
"case_system" (beside Mosaic, LiquidLogic, Eclipse, CareDirector or Azeus). The time of the last
sync comes from the feed, which registers a provider (`register_as_at`): this module sits in the
record layer and never imports a feature.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

PRODUCT = "product"
CASE_SYSTEM = "case_system"
MODES = (PRODUCT, CASE_SYSTEM)

# Facts a council's case system holds and its SSD carries: read-only here beside a case system.
# The rule: what the SSD carries is the case system's; what it does not carry, the product records.
CASE_SYSTEM_FACTS = {
    "child": ("The child's details", "name, date of birth, sex, ethnicity, UPN, disability, UASC status"),
    "family_group": ("Family groups", "which children the case system groups as one family (brothers and sisters)"),
    "allocation": ("Allocations", "the allocated social worker, team and IRO, with history"),
    "episode": ("Episodes of care", "becoming looked after, moves, changes of legal status, leaving care"),
    "order": ("Legal statuses and orders", "made, varied, extended, discharged"),
    "pre_proceedings": (
        "Pre-proceedings",
        "the decision to enter pre-proceedings, the letter, the meetings, the outcome",
    ),
    "review": ("Looked-after reviews", "reviews held and the child's participation"),
    "visit": ("Statutory visits", "visits to the child and whether they were seen alone"),
    "health": ("Health assessments", "health assessments and dental checks"),
    "care_plan": ("Care plan dates", "when each care plan was in force"),
    "care_leaver": ("Care leaver facts", "eligibility, in touch, accommodation, activity, pathway plan review"),
    "missing": ("Missing episodes", "missing or away from placement, and return interviews"),
    "permanence_dates": (
        "Permanence dates",
        "ADM decision, placement order, matched, placed for adoption, decision reversed, siblings together or apart",
    ),
}
# The product's own records: editable in both modes. Beside a case system these include what the
# SSD does not carry (the family network's adults, care proceedings in court, the carer a placement
# is with and its legal details), so that nobody keys a fact twice and nothing goes unrecorded.
PRODUCT_FACTS = {
    "family": ("The family network", "parents, relatives, friends and connected persons, and parental responsibility"),
    "proceedings": ("Care proceedings", "issue, hearings, extensions, final evidence, conclusion and final order"),
    "placement": ("Placement details", "the carer a placement is with, temporary approval, long-term confirmation"),
    "education": ("Education", "personal education plans"),
    "plan": ("Permanence plans", "plans and their stages"),
    "decision": ("Decisions", "decisions with forum and rationale"),
    "options_analysis": ("Options analyses", "options compared and the recommendation"),
    "meeting": ("Meetings", "clinics, tracking meetings and their actions"),
    "panel": ("Panels", "permanence panels and the ADM's decisions on their recommendations"),
    "match": ("Family finding", "family finding, links and matches"),
    "carer": ("The carer register", "carers and homes, approvals and their terms"),
    "child_views": ("The child's views", "views and wishes, and the My plan letter"),
    "contact_plan": ("Contact plans", "contact plans and sessions"),
    "support_plan": ("Support plans", "transition and support plans, disruption meetings"),
    "sibling_assessment": ("Sibling assessments", "assessments and decisions about brothers and sisters"),
}
FACTS = CASE_SYSTEM_FACTS | PRODUCT_FACTS
# Fields of a product record that hold a case-system fact: beside a case system the feed writes
# them and nobody else may (a Proceedings record carries its pre-proceedings dates).
CASE_SYSTEM_FIELDS = {
    "proceedings": {
        "pre_proceedings_start": "pre_proceedings",
        "letter_before_proceedings": "pre_proceedings",
        "pre_proceedings_meeting": "pre_proceedings",
    },
}


@dataclass(frozen=True)
class Source:
    """Where a read-only fact comes from, for the words beside it."""

    name: str  # "the case system", or the council's own name for it ("Mosaic")
    as_at: datetime | None  # the extract time of the last sync that brought it, None before any

    def __str__(self):
        if self.as_at is None:
            return f"from {self.name}, not yet synchronised"
        return f"from {self.name}, as at {_when(self.as_at)}"


_as_at_provider: Callable[[int | None], datetime | None] | None = None


def register_as_at(provider: Callable[[int | None], datetime | None]) -> None:
    """The feed says how fresh the case system's facts are: provider(child_id or None) -> datetime."""
    global _as_at_provider
    _as_at_provider = provider


def mode() -> str:
    value = getattr(settings, "PERMANENCE_CASE_RECORD", PRODUCT)
    if value not in MODES:
        raise ValueError(f"PERMANENCE_CASE_RECORD is {value!r}; it must be one of {', '.join(MODES)}")
    return value


def runs_beside_case_system() -> bool:
    return mode() == CASE_SYSTEM


def _known(fact: str) -> str:
    if fact not in FACTS:
        raise ValueError(f"Unknown kind of fact {fact!r}: one of {', '.join(FACTS)}")
    return fact


def owned_by_case_system(fact: str) -> bool:
    """Whether the case system owns this kind of fact (beside a case system), whatever the mode."""
    return _known(fact) in CASE_SYSTEM_FACTS


def may_edit_here(fact: str) -> bool:
    """May this kind of fact be recorded or changed in the product? Always, when the product is the
    case record; beside a case system, only the product's own records."""
    return not (owned_by_case_system(fact) and runs_beside_case_system())


def fields_kept_elsewhere(fact: str, fields) -> dict[str, str]:
    """{field: message} for the fields among `fields` of a `fact` record that only the case system
    may change here (empty as the case record, or when none of them is the case system's)."""
    if not runs_beside_case_system():
        return {}
    owned = CASE_SYSTEM_FIELDS.get(_known(fact), {})
    return {field: refusal(owned[field]) for field in fields if field in owned}


def source_of(fact: str, *, child_id: int | None = None) -> Source | None:
    """Where a fact comes from, when it is read-only here (None when it is the product's own)."""
    if may_edit_here(fact):
        return None
    as_at = _as_at_provider(child_id) if _as_at_provider is not None else None
    return Source(name=case_system_name(), as_at=as_at)


def source_for_child(child_id: int) -> Source | None:
    """Where this child's case facts come from: None when the product is the case record."""
    if not runs_beside_case_system():
        return None
    as_at = _as_at_provider(child_id) if _as_at_provider is not None else None
    return Source(name=case_system_name(), as_at=as_at)


def case_system_name() -> str:
    return getattr(settings, "PERMANENCE_CASE_SYSTEM_NAME", "") or "the case system"


def refusal(fact: str) -> str:
    """What to tell someone who tries to change a fact the case system owns."""
    name = FACTS[_known(fact)][0]
    return f"{name} are kept in {case_system_name()} and arrive here with each sync: record the change there, not here."


def _when(moment: datetime) -> str:
    from django.utils import timezone

    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"
