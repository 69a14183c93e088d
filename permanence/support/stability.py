"""Early warning that a home is under strain: transparent indicators, each a count against a threshold.

Pure: no Django. `selectors.stability_facts_for` reads the record in bulk into StabilityFacts;
the thresholds, titles and citations come from the policy pack's `stability:` section
(docs/policy-packs.md). Each indicator says what it counted and why it fired. There is no
score: a person reads "3 missing episodes in the last 3 months" and decides what it means.
"""

from dataclasses import dataclass

from permanence.codes.reason_new import PLACEMENT_CHANGES
from permanence.codes.reason_place_change import REASON_PLACE_CHANGE, UNPLANNED
from permanence.timescales.dates import Offset, describe

from .choices import (
    ALLEGATION,
    AWAY,
    CANCELLED,
    CARER_REQUEST,
    EVENT_KIND_NAMES,
    EXCLUSION,
    MISSED,
    MISSING,
    SCHOOL_MOVE,
    WHO_NAMES,
)


@dataclass(frozen=True, slots=True)
class StabilityFacts:
    """What the indicators read about one child. Each tuple oldest first."""

    episodes: tuple = ()  # (start, end or None, reason_new, reason_place_change or "")
    events: tuple = ()  # (kind, date): choices.EVENT_KINDS
    sessions: tuple = ()  # (date, outcome, who, with whom): contact sessions
    actions: tuple = ()  # (description, due, done_on or None): support plan actions


@dataclass(frozen=True, slots=True)
class Threshold:
    id: str
    title: str
    source: str
    at_least: int
    window: Offset | None  # None: counts what is open today (overdue actions)


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    title: str
    source: str
    fired: bool
    count: int
    at_least: int
    since: object  # the first day counted, or None
    reason: str  # in words: what was counted and against what threshold
    evidence: tuple = ()  # (date, what) for each thing counted, newest first


def window_start(today, window):
    """The first day inside the window: an event exactly 12 months before today still counts."""
    back = Offset(years=-window.years, months=-window.months, weeks=-window.weeks, days=-window.days)
    return back.apply(today)


def _in(day, since, today):
    return day is not None and since <= day <= today


def _placement_moves(facts, since, today):
    return [
        (s, "Moved to a new placement")
        for s, e, rne, rpc in facts.episodes
        if rne in PLACEMENT_CHANGES and _in(s, since, today)
    ]


def _unplanned_endings(facts, since, today):
    return [
        (e, f"Placement ended: {REASON_PLACE_CHANGE.meaning(rpc)}")
        for s, e, rne, rpc in facts.episodes
        if rpc in UNPLANNED and _in(e, since, today)
    ]


def _events(*kinds):
    def count(facts, since, today):
        return [(d, EVENT_KIND_NAMES[k]) for k, d in facts.events if k in kinds and _in(d, since, today)]

    return count


def _contact_cancelled(facts, since, today):
    out = []
    for day, outcome, who, with_whom in facts.sessions:
        if outcome not in MISSED or not _in(day, since, today):
            continue
        who_words = WHO_NAMES[who].lower() if who else ""
        if outcome == CANCELLED:
            out.append((day, f"Contact with {with_whom} cancelled" + (f" by {who_words}" if who else "")))
        else:
            out.append(
                (day, f"Contact with {with_whom} did not happen" + (f": {who_words} did not attend" if who else ""))
            )
    return out


def _actions_overdue(facts, since, today):
    return [
        (due, f"Support plan action overdue: {description}")
        for description, due, done in facts.actions
        if done is None and due < today
    ]


COUNTS = {
    "placement_moves": _placement_moves,
    "unplanned_endings": _unplanned_endings,
    "missing_episodes": _events(MISSING, AWAY),
    "carer_requests": _events(CARER_REQUEST),
    "allegations": _events(ALLEGATION),
    "school_moves": _events(SCHOOL_MOVE, EXCLUSION),
    "contact_cancelled": _contact_cancelled,
    "support_actions_overdue": _actions_overdue,
}
WINDOWLESS = frozenset({"support_actions_overdue"})


def _reason(threshold, count, since):
    """'Contact sessions cancelled or not attended: 3 in the last 3 months (since 23 August 2026); the threshold is 3.'"""
    span = f" in the last {describe(threshold.window)} (since {since.day} {since:%B %Y})" if threshold.window else ""
    return f"{threshold.title}: {count}{span}; the threshold is {threshold.at_least}."


def indicators(facts, thresholds, today):
    """Every indicator of the pack for one child on `today`, fired or not, in the pack's order."""
    out = []
    for threshold in thresholds:
        since = window_start(today, threshold.window) if threshold.window else None
        counted = COUNTS[threshold.id](facts, since, today)
        counted.sort(key=lambda item: item[0], reverse=True)
        out.append(
            Indicator(
                id=threshold.id,
                title=threshold.title,
                source=threshold.source,
                fired=len(counted) >= threshold.at_least,
                count=len(counted),
                at_least=threshold.at_least,
                since=since,
                reason=_reason(threshold, len(counted), since),
                evidence=tuple(counted),
            )
        )
    return out


def fired(facts, thresholds, today):
    return [i for i in indicators(facts, thresholds, today) if i.fired]


def compile_thresholds(section, where="stability"):
    """Thresholds from a pack's `stability:` mapping; ValueError naming the key for anything wrong."""
    if not isinstance(section, dict):
        raise ValueError(f"{where}: must be a mapping of indicator id to its threshold")
    out = []
    for key, raw in section.items():
        here = f"{where}.{key}"
        if key not in COUNTS:
            raise ValueError(f"{here}: unknown indicator; expected one of {', '.join(COUNTS)}")
        if raw is None or (isinstance(raw, dict) and raw.get("enabled") is False):
            continue  # a council may switch an inherited indicator off with `enabled: false`
        if not isinstance(raw, dict):
            raise ValueError(f"{here}: must be a mapping with title, source, at_least and window")
        for name in ("title", "source"):
            if not isinstance(raw.get(name), str) or not raw[name].strip():
                raise ValueError(f"{here}.{name}: is required")
        at_least = raw.get("at_least")
        if not isinstance(at_least, int) or isinstance(at_least, bool) or at_least < 1:
            raise ValueError(f"{here}.at_least: {at_least!r} is not a whole number of 1 or more")
        window = None
        if key not in WINDOWLESS:
            if "window" not in raw:
                raise ValueError(f"{here}.window: is required, for example {{months: 12}}")
            try:
                window = Offset.of(raw["window"])
            except ValueError as error:
                raise ValueError(f"{here}.window: {error}") from None
            if window.working_days or window == Offset():
                raise ValueError(f"{here}.window: use years, months, weeks or days (not working days), more than zero")
        out.append(
            Threshold(
                id=key, title=raw["title"].strip(), source=raw["source"].strip(), at_least=at_least, window=window
            )
        )
    return tuple(out)
