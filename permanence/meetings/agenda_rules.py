"""The rules that put a child on the monthly tracking meeting's agenda, and its order by risk.

Rules are data: each says in words why a child is on the agenda and where the rule comes from,
and the service manager reads them on the meeting's page. The agenda is ordered by the most
serious rule a child meets (the lower the rank, the more serious), then by how long that has
been so (the oldest first), then by name. Only duties overdue by more than four weeks count
here: a duty a few days late, local rules and practice prompts are on the drift dashboard.
Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from permanence.codes.documents import CAMDEN, PRACTICE_GUIDANCE


@dataclass(frozen=True)
class AgendaRule:
    key: str
    rank: int
    title: str
    words: str
    source: str
    discuss: bool = True  # False: for noting (listed in the pack, not discussed one by one)


PROCEEDINGS_PAST_26 = "proceedings_past_26"
NO_PLAN_AFTER_SECOND_REVIEW = "no_plan_after_second_review"
DUTY_OVERDUE = "duty_overdue"
PLACEMENT_AT_RISK = "placement_at_risk"
PROCEEDINGS_NEAR_26 = "proceedings_near_26"
PLAN_CHANGED = "plan_changed"
NEW_TO_LIST = "new_to_list"

# Proceedings come to the meeting from this week, before the 26-week limit bites.
PROCEEDINGS_NEAR_WEEK = 20
PROCEEDINGS_LIMIT_WEEKS = 26
# A duty overdue by more than this is drift for the meeting; a duty a few days late is the team
# manager's, on the drift dashboard.
DUTY_OVERDUE_DAYS = 28
# The tracking meeting itself is Camden's procedure: offered to every council as practice guidance,
# never given as the law (docs/policy-packs.md, "Citations outside the rules").
CAMDEN_PRACTICE = f"{PRACTICE_GUIDANCE}: {CAMDEN}, section 5"
# Moves in the last 12 months that put a placement at risk (the DfE's stability indicator: 3 or more).
MOVES_AT_RISK = 3

RULES = (
    AgendaRule(
        PROCEEDINGS_PAST_26,
        1,
        "Care proceedings past 26 weeks",
        "Care proceedings issued more than 26 weeks before the meeting and not concluded.",
        "Children Act 1989 s32(1)(a), as amended by the Children and Families Act 2014 s14 (the 26-week limit)",
    ),
    AgendaRule(
        NO_PLAN_AFTER_SECOND_REVIEW,
        2,
        "No permanence plan after the second review",
        "Looked after, the second review of this period of care has been held, and no permanence plan is recorded.",
        "Care Planning, Placement and Case Review (England) Regulations 2010 reg 36 (the permanence plan is "
        "considered at the second review)",
    ),
    AgendaRule(
        DUTY_OVERDUE,
        3,
        "A duty overdue by more than four weeks",
        f"A duty from statute, regulations or statutory guidance was due more than {DUTY_OVERDUE_DAYS} days "
        "before the meeting and is not met.",
        "The duties of the council's policy pack, each with its own citation",
    ),
    AgendaRule(
        PLACEMENT_AT_RISK,
        4,
        "Placement at risk",
        f"{MOVES_AT_RISK} or more placement moves in the 12 months before the meeting.",
        "Children looked after in England (SSDA903), placement stability indicator: 3 or more placements in the year",
    ),
    AgendaRule(
        PROCEEDINGS_NEAR_26,
        5,
        "Care proceedings near 26 weeks",
        f"Care proceedings in week {PROCEEDINGS_NEAR_WEEK} to 26 at the meeting.",
        "Children Act 1989 s32(1)(a) (the 26-week limit). "
        f"{CAMDEN_PRACTICE} (proceedings are tracked before the 26-week limit)",
    ),
    AgendaRule(
        PLAN_CHANGED,
        6,
        "Permanence plan changed",
        "The permanence plan changed since the last meeting.",
        f"{CAMDEN_PRACTICE} (plan changes come to the tracking meeting)",
        discuss=False,
    ),
    AgendaRule(
        NEW_TO_LIST,
        7,
        "New to the list",
        "Started to be looked after, or referred to the permanence planning clinic, since the last meeting.",
        f"{CAMDEN_PRACTICE} (new children join the tracking list)",
        discuss=False,
    ),
)
BY_KEY = {rule.key: rule for rule in RULES}


@dataclass(frozen=True)
class Reason:
    """One reason a child is on the agenda: the rule, the words for this child, and since when."""

    rule: str
    text: str
    since: date | None = None


def risk(reasons: list[Reason]) -> tuple[int, date]:
    """The agenda order of a child: the rank of their most serious rule, then the oldest date of it."""
    if not reasons:
        return (99, date.max)
    rank = min(BY_KEY[r.rule].rank for r in reasons)
    oldest = min((r.since for r in reasons if BY_KEY[r.rule].rank == rank and r.since), default=date.max)
    return (rank, oldest)


def in_risk_order(reasons: list[Reason]) -> list[Reason]:
    """A child's reasons, the most serious first, each oldest first."""
    return sorted(reasons, key=lambda r: (BY_KEY[r.rule].rank, r.since or date.max, r.text))


def proceedings_week(issued: date, on: date) -> int:
    """The week of proceedings on a day: week 1 starts the day they were issued."""
    return (on - issued).days // 7 + 1


def proceedings_rule(issued: date, on: date) -> str | None:
    """Past 26 weeks, near them (week 20 to 26), or neither."""
    weeks_elapsed = (on - issued).days / 7
    if weeks_elapsed > PROCEEDINGS_LIMIT_WEEKS:
        return PROCEEDINGS_PAST_26
    if proceedings_week(issued, on) >= PROCEEDINGS_NEAR_WEEK:
        return PROCEEDINGS_NEAR_26
    return None
