"""What the engine returns: obligations with a status, the facts behind them and a citation.

Every obligation carries the kind of its rule (kinds.py): a duty or a local rule can be
overdue; a practice prompt never is. A prompt that is not yet done has the status `prompt`,
which no count of overdue or due-soon work includes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .kinds import DUTY, KIND_NAMES, PROMPT_KIND

MET = "met"
UPCOMING = "upcoming"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
PROMPT = "prompt"
NOT_APPLICABLE = "not_applicable"
STATUSES = (OVERDUE, DUE_SOON, UPCOMING, PROMPT, MET, NOT_APPLICABLE)
STATUS_NAMES = {
    OVERDUE: "Overdue",
    DUE_SOON: "Due soon",
    UPCOMING: "Upcoming",
    PROMPT: "Suggested",
    MET: "Met",
    NOT_APPLICABLE: "Not applicable",
}
OPEN = frozenset({OVERDUE, DUE_SOON, UPCOMING})

Fact = tuple[str, Any]


@dataclass(frozen=True, slots=True)
class Obligation:
    rule: str
    title: str
    due: date | None
    status: str
    source: str
    child_id: str = ""
    occurrence: int = 1
    met_on: date | None = None
    facts: tuple[Fact, ...] = field(default=())  # (label, value) pairs the due date was computed from
    explanation: str = ""
    kind: str = DUTY  # duty, local_rule or prompt (kinds.py)
    reason: str = ""  # for a practice prompt: why the product suggests it
    shown_as: str = ""  # shown instead of the kind's name: "Meeting action" (Rule.shown_as); counted by `kind`

    @property
    def met_late(self) -> bool:
        """Done after its due date (a practice prompt is never late: it has no due date in law)."""
        return self.kind != PROMPT_KIND and self.met_on is not None and self.due is not None and self.met_on > self.due

    @property
    def open(self) -> bool:
        """Something still to do that counts: overdue, due soon or upcoming (never a prompt)."""
        return self.status in OPEN

    @property
    def is_prompt(self) -> bool:
        return self.kind == PROMPT_KIND

    @property
    def kind_name(self) -> str:
        """The kind in words; an action a meeting agreed says so rather than "Local rule"."""
        return self.shown_as or KIND_NAMES[self.kind]

    @property
    def status_name(self) -> str:
        if self.status == MET and self.met_late:
            return "Met late"
        return STATUS_NAMES[self.status]

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "kind": self.kind,
            "title": self.title,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "source": self.source,
            "reason": self.reason,
            "child": self.child_id,
            "occurrence": self.occurrence,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "met_late": self.met_late,
            "explanation": self.explanation,
            "facts": {label: (value.isoformat() if isinstance(value, date) else value) for label, value in self.facts},
        }


def status_of(due: date | None, met_on: date | None, today: date, due_soon_days: int, kind: str = DUTY) -> str:
    """Met once the fact is recorded (even late); a prompt is only ever suggested; otherwise by
    how close the due date is."""
    if met_on is not None and met_on <= today:
        return MET
    if kind == PROMPT_KIND:
        return PROMPT
    if due is None:
        return UPCOMING
    days_left = (due - today).days
    if days_left < 0:
        return OVERDUE
    if days_left <= due_soon_days:
        return DUE_SOON
    return UPCOMING
