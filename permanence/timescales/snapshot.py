"""An immutable snapshot of one case: the facts the engine reads, and nothing else.

Built from the database by the obligations layer (the snapshot builder) or from a CASE.json
file by `CaseSnapshot.from_dict` (casefile.py; format: docs/case-file.md). No Django here.
Every fact the law distinguishes has a place: the placement (with a parent, under which order,
a connected person on temporary approval, intended to last until 18, confirmed long-term),
authority to place and placement for adoption, short breaks, final evidence, health
assessments, care and education plans, needs assessment and pathway plan, missing episodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

# The kinds of record a source may not hold, and the facts and events read from each.
RECORD_KINDS = {
    "health_assessments": ("health_assessment", "health_assessments"),
    "care_plans": ("care_plan", "care_plans"),
    "education_plans": ("education_plan", "education_plans"),
    "needs_assessments": ("needs_assessment", "needs_assessments"),
    "pathway_plans": ("pathway_plan", "pathway_plans"),
    "missing": (),
}


class CaseFileError(ValueError):
    """A problem in a case file, naming the field: `episodes[0].start: ...`."""

    def __init__(self, field: str, message: str) -> None:
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
    # Temporary approval ended without full approval (CPPCR reg 25: the placement then ends).
    temporary_approval_ended: date | None = None


@dataclass(frozen=True, slots=True)
class EpisodeFacts:
    """One SSDA903 episode, with the facts about the placement the regulations distinguish."""

    start: date
    end: date | None
    legal_status: str
    placement: str
    reason_new: str
    reason_ceased: str | None = None
    carer: CarerFacts | None = None
    # Who or where the child lives (a carer's reference, or a home's URN). When two episodes
    # name the same home, the placement goes on even if its SSDA903 code changed (U6 -> U4).
    home: str | None = None
    # CPPCR reg 28(2)(c)(i): the placement is intended to last until the child is 18.
    intended_until_18: bool = False
    # The date the authority confirmed a long-term foster placement (CPPCR reg 22C); such a
    # placement is intended to last until the child leaves care.
    long_term_confirmed: date | None = None
    # The date a child in a long-term foster placement agreed to be visited six-monthly
    # after its first year (CPPCR reg 28(2)(c), as amended in 2015).
    six_monthly_visits_agreed: date | None = None
    # CPPCR reg 19: placed with a parent before the assessment of the parent was completed,
    # and the date that assessment was completed.
    before_assessment: bool = False
    parent_assessment_completed: date | None = None


@dataclass(frozen=True, slots=True)
class ProceedingsFacts:
    issued: date | None = None
    extensions: tuple[int, ...] = ()  # weeks granted, one per extension
    concluded: date | None = None
    pre_proceedings_start: date | None = None
    final_evidence_filed: date | None = None
    final_evidence_due: date | None = None  # the court timetable's date for final evidence


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
    """A decision, meeting or recorded decision of a review, of some kind, on a date."""

    kind: str
    date: date


@dataclass(frozen=True, slots=True)
class AdoptionFacts:
    """When the agency first had authority to place the child for adoption (a placement order,
    or consent under the Adoption and Children Act 2002 s19), and when that authority ended."""

    authority_to_place: date | None = None
    authority_ended: date | None = None


@dataclass(frozen=True, slots=True)
class MissingFacts:
    """A missing (or away from placement) episode: from, returned, and the return interview."""

    started: date
    returned: date | None = None
    return_interview: date | None = None
    # The child declined the return interview offered: the offer is what the guidance asks for.
    interview_declined: bool = False


@dataclass(frozen=True, slots=True)
class SiblingFacts:
    """Brothers and sisters: spells placed apart while both looked after, assessments, contact plans."""

    apart: tuple[tuple[str, date, date | None], ...] = ()  # (sibling id, from, to or None), oldest first
    assessments: tuple[date, ...] = ()  # sibling assessments that cover the child, oldest first
    contact_plans: tuple[date, ...] = ()  # sibling contact plans agreed for the child, oldest first


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
    episodes: tuple[EpisodeFacts, ...] = ()  # oldest first
    reviews: tuple[date, ...] = ()  # looked-after reviews held, oldest first
    proceedings: tuple[ProceedingsFacts, ...] = ()
    orders: tuple[OrderFacts, ...] = ()
    plan: PlanFacts | None = None
    decisions: tuple[Dated, ...] = ()
    meetings: tuple[Dated, ...] = ()
    visits: tuple[date, ...] = ()  # statutory visits, oldest first
    siblings: SiblingFacts | None = None
    actions: tuple[ActionFacts, ...] = ()  # by due date
    # What the IRO's decisions report of a review recorded (kind `permanence_plan`,
    # `twin_track`), dated with the review.
    iro_decisions: tuple[Dated, ...] = ()
    # Procedural steps the plan asks for, each on the date it was taken: the Child's Permanence
    # Report, referrals, Form E, the pre-birth assessment, what carers were told and when they
    # acknowledged it, a parent's contribution to planning (kinds: planning/procedures.py).
    steps: tuple[Dated, ...] = ()
    adoption: AdoptionFacts | None = None
    health_assessments: tuple[date, ...] = ()  # initial and review health assessments
    care_plans: tuple[date, ...] = ()  # care plans prepared or revised
    education_plans: tuple[date, ...] = ()  # personal education plans (PEP) completed or reviewed
    needs_assessments: tuple[date, ...] = ()  # leaving-care needs assessments completed
    pathway_plans: tuple[date, ...] = ()  # pathway plans prepared or reviewed
    missing: tuple[MissingFacts, ...] = ()
    # Kinds of record the source does not hold at all (a case system that sends no health
    # assessments): a rule that needs one is not worked out, rather than shown overdue for want
    # of a record that could not exist. Empty for a case file: what it leaves out did not happen.
    unknown: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: Any) -> CaseSnapshot:
        from .casefile import parse_case  # here: casefile.py builds snapshots from this module

        return parse_case(data)
