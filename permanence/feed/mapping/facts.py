"""What mapping a person's rows produces: the facts (keyed by the SSD row each comes from), and
what the rows point at (workers, teams). Pure: no Django."""

from collections import Counter
from dataclasses import dataclass, field

from .values import Reader

SOCIAL_WORKER, IRO = "social_worker", "iro"


@dataclass
class Fact:
    """One record the feed keeps in the product, keyed by the SSD row it comes from."""

    kind: str  # episode, review, visit, allocation, order, proceedings, permanence
    key: str  # the SSD row id (unique within its kind for the extract)
    values: dict  # the record's field values; `_`-prefixed entries are references resolved on writing
    table: str
    row: str


@dataclass
class PersonFacts:
    person: str
    child: dict = field(default_factory=dict)
    facts: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    ignored: Counter = field(default_factory=Counter)  # rows read but not used, by reason

    def of(self, kind):
        return [f for f in self.facts if f.kind == kind]


@dataclass(frozen=True)
class Lookups:
    """What every person's rows may point at: workers, teams, and how a role is named."""

    professionals: dict  # professional id -> row values
    departments: dict  # team id -> row values
    role_of: object  # callable: involvement role text -> SOCIAL_WORKER, IRO or None


def default_role_of(text):
    """The product role an involvement's role stands for (the council can name its own words)."""
    lowered = (text or "").strip().lower()
    if lowered in ("iro", "independent reviewing officer") or "independent reviewing" in lowered:
        return IRO
    if any(words in lowered for words in ("social worker", "allocated case worker", "allocated worker")):
        return SOCIAL_WORKER
    return None


def readers(rows, table, person, problems):
    """A Reader for each of the person's rows of `table`."""
    for line, values in rows.get(table, ()):
        yield Reader(table, line, values, person, problems)
