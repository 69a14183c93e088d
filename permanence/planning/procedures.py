"""The procedural steps a permanence plan asks for, as the practice documents set them, and the
records of what carers were told and what parents contributed. Pure: no Django.

Each step is a dated record the timescales engine reads as `step:<key>` (policy packs say when
it is due). Citations are the documents' titles (../shared/seeds/README.md). A step set by law
cites the law; a step only a council's own procedure asks for is shown as practice guidance here,
and as that council's local rule where its pack (camden.yaml) has a rule for it: the planning
page shows the running pack's citation when the pack times the step (selectors.procedures_for).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import options

CAMDEN = "Camden, Permanence practice guidance for social workers"
CAMDEN_PRACTICE = f"Practice guidance: {CAMDEN}, section 6"
CPR_DUTY = "Adoption Agencies Regulations 2005, reg 17 (the child's permanence report)"
FFA_APPROVAL_DUTY = (
    "Care Planning, Placement and Case Review (England) Regulations 2010, reg 25A (temporary approval of "
    "prospective adopters as foster carers); Children Act 1989 s22C(9A), (9B)"
)
PART_6 = "Permanence: considerations arising from key principles (procedures manual, Part 6)"
KSS = "DfE, Knowledge and Skills Statement: Achieving Permanence"
FFA_DUTY = "Children Act 1989 s22C(9A), (9B) (inserted by the Children and Families Act 2014 s2)"

# What the engine sees besides the steps below: a briefing given, its acknowledgement, and a
# parent's contribution (step:carer_briefing, step:carer_briefing_acknowledged, step:parent_contribution).
CARER_BRIEFING = "carer_briefing"
CARER_BRIEFING_ACKNOWLEDGED = "carer_briefing_acknowledged"
PARENT_CONTRIBUTION = "parent_contribution"


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    source: str
    when: str  # in words: when the plan asks for it
    options: frozenset[str] = frozenset()  # the plan (primary) that asks for it; empty: see `unborn`
    unborn: bool = False  # asked for an unborn child, whatever the plan


STEPS: tuple[Step, ...] = (
    Step(
        "cpr_completed",
        "Child's Permanence Report completed",
        CPR_DUTY,
        "when the plan is adoption",
        frozenset({options.ADOPTION}),
    ),
    Step(
        "raa_referral",
        "Referred to the regional adoption agency for family finding",
        CAMDEN_PRACTICE,
        "when the plan is adoption",
        frozenset({options.ADOPTION}),
    ),
    Step(
        "ffa_temporary_approval",
        "Prospective adopters approved temporarily as the child's foster carers (fostering for adoption)",
        FFA_APPROVAL_DUTY,
        "when the plan is adoption and the child is to live with prospective adopters before the placement order",
        frozenset({options.ADOPTION}),
    ),
    Step(
        "form_e_completed",
        "Form E (the child's profile) completed",
        CAMDEN_PRACTICE,
        "when the plan is long-term fostering",
        frozenset({options.LONG_TERM_FOSTERING}),
    ),
    Step(
        "fostering_referral",
        "Referred to the Family, Friends and Fostering service",
        CAMDEN_PRACTICE,
        "when the plan is long-term fostering",
        frozenset({options.LONG_TERM_FOSTERING}),
    ),
    Step(
        "pre_birth_assessment",
        "Pre-birth assessment completed",
        f"{KSS}, section 1",
        "for an unborn child",
        unborn=True,
    ),
)
BY_KEY = {step.key: step for step in STEPS}
STEP_CHOICES = [(step.key, step.title) for step in STEPS]

CONTRIBUTION_WAYS = [
    ("meeting", "At a planning meeting or review"),
    ("family_group_conference", "At a family group conference"),
    ("written", "In writing"),
    ("conversation", "In conversation with the social worker"),
    ("other", "Another way"),
]


def steps_for(*, primary: str | None, parallel: str | None = None, unborn: bool = False) -> tuple[Step, ...]:
    """The steps this plan asks for: those of its plan (primary or parallel: a twin-track plan
    for adoption needs its Child's Permanence Report too) and, for an unborn child, the pre-birth
    assessment."""
    plans = {primary, parallel} - {None, ""}
    return tuple(s for s in STEPS if (s.options & plans) or (s.unborn and unborn))


Problems = dict[str, list[str]]


def _future(day: date | None, today: date, field: str, what: str, problems: Problems) -> None:
    if day is not None and day > today:
        problems.setdefault(field, []).append(f"{what} cannot be in the future.")


def step_problems(*, kind: str, day: date | None, today: date, born: date | None, expected: date | None) -> Problems:
    """What is wrong with recording a step: an unknown kind, a missing or future date, a pre-birth
    assessment for a child already born before it."""
    problems: Problems = {}
    if kind not in BY_KEY:
        problems["kind"] = ["Choose which step was taken."]
    if day is None:
        problems["date"] = ["Enter the date the step was taken."]
    _future(day, today, "date", "The date", problems)
    if kind == "pre_birth_assessment":
        if born is None and expected is None:
            problems.setdefault("kind", []).append("A pre-birth assessment is for an unborn child.")
        elif day is not None and born is not None and day > born:
            problems.setdefault("date", []).append(
                f"A pre-birth assessment is completed before the birth ({born:%d/%m/%Y})."
            )
    return problems


def briefing_problems(
    *,
    carers: str,
    shared_on: date | None,
    known_risks: str,
    anticipated_needs: str,
    acknowledged_on: date | None,
    today: date,
) -> Problems:
    """What was shared with prospective carers (Part 6: known and foreseeable risks, anticipated
    needs): who, when, something actually shared, and an acknowledgement no earlier than that."""
    problems: Problems = {}
    if not carers.strip():
        problems["carers"] = ["Enter who the information was shared with."]
    if shared_on is None:
        problems["shared_on"] = ["Enter the date it was shared."]
    _future(shared_on, today, "shared_on", "The date it was shared", problems)
    if not known_risks.strip() and not anticipated_needs.strip():
        problems["known_risks"] = ["Record the known or foreseeable risks, or the needs the child is expected to have."]
    if acknowledged_on is not None:
        _future(acknowledged_on, today, "acknowledged_on", "The acknowledgement", problems)
        if shared_on is not None and acknowledged_on < shared_on:
            problems.setdefault("acknowledged_on", []).append(
                "The carers cannot acknowledge information before it was shared."
            )
    return problems


def contribution_problems(*, parent: str, day: date | None, way: str, contribution: str, today: date) -> Problems:
    """A parent's contribution to planning (Part 6): who, when, how, and what they contributed."""
    problems: Problems = {}
    if not parent.strip():
        problems["parent"] = ["Enter which parent contributed."]
    if day is None:
        problems["date"] = ["Enter the date of the contribution."]
    _future(day, today, "date", "The date", problems)
    if way not in dict(CONTRIBUTION_WAYS):
        problems["way"] = ["Choose how the parent contributed."]
    if not contribution.strip():
        problems["contribution"] = ["Record what the parent contributed to the plan, in their words where possible."]
    return problems


# The rules of the shipped packs that watch each step (the workspace shows their due dates).
CLOCK_RULES = {
    "camden-cpr": "cpr_completed",
    "camden-raa-referral": "raa_referral",
    "camden-form-e": "form_e_completed",
    "camden-fostering-referral": "fostering_referral",
    "pre-birth-assessment": "pre_birth_assessment",
    "ffa-considered": "ffa_considered",
    "carer-briefing": CARER_BRIEFING,
    "parents-contribution": PARENT_CONTRIBUTION,
}
