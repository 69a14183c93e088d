"""What the engine returns: obligations with a status, the facts behind them and a citation."""

from dataclasses import dataclass, field
from datetime import date

MET = "met"
UPCOMING = "upcoming"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
NOT_APPLICABLE = "not_applicable"
STATUSES = (OVERDUE, DUE_SOON, UPCOMING, MET, NOT_APPLICABLE)
STATUS_NAMES = {
    OVERDUE: "Overdue",
    DUE_SOON: "Due soon",
    UPCOMING: "Upcoming",
    MET: "Met",
    NOT_APPLICABLE: "Not applicable",
}


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
    facts: tuple = field(default=())  # (label, value) pairs the due date was computed from
    explanation: str = ""

    @property
    def met_late(self):
        return self.met_on is not None and self.due is not None and self.met_on > self.due

    @property
    def open(self):
        return self.status in (OVERDUE, DUE_SOON, UPCOMING)

    def as_dict(self):
        return {
            "rule": self.rule,
            "title": self.title,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "source": self.source,
            "child": self.child_id,
            "occurrence": self.occurrence,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "met_late": self.met_late,
            "explanation": self.explanation,
            "facts": {label: (value.isoformat() if isinstance(value, date) else value) for label, value in self.facts},
        }


def status_of(due, met_on, today, due_soon_days):
    """Met once the fact is recorded (even late); otherwise by how close the due date is."""
    if met_on is not None and met_on <= today:
        return MET
    if due is None:
        return UPCOMING
    days_left = (due - today).days
    if days_left < 0:
        return OVERDUE
    if days_left <= due_soon_days:
        return DUE_SOON
    return UPCOMING
