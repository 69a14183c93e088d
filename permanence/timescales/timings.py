"""How rules count, in code: each timing is a function (rule, ctx) -> obligations.

The parameters live in the policy packs (policies/*.yaml, format: docs/policy-packs.md);
`rule` is a compiled Rule (policy.py) and `ctx` the CaseContext of one case on one day.
Statutory visits and periodic health reviews are in clocks.py, the court and order timings
in legal_timings.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from .context import CaseContext
from .dates import Offset, birthday, describe, shift
from .obligations import Fact, Obligation, status_of

if TYPE_CHECKING:
    from .policy import Rule

NO_OFFSET = Offset()
Schedule = list[tuple[date, "date | None"]]


def make(
    rule: Rule,
    ctx: CaseContext,
    due: date | None,
    met_on: date | None = None,
    facts: Sequence[Fact] = (),
    occurrence: int = 1,
    explanation: str = "",
    title: str | None = None,
) -> Obligation:
    if title is None:
        title = rule.title if occurrence == 1 or not rule.numbered else f"{rule.title} ({ordinal(occurrence)})"
    return Obligation(
        rule=rule.id,
        title=title,
        due=due,
        status=status_of(due, met_on, ctx.today, rule.due_soon_days, rule.kind),
        source=rule.source,
        child_id=ctx.case.child.id,
        occurrence=occurrence,
        met_on=met_on,
        facts=tuple(facts),
        explanation=explanation,
        kind=rule.kind,
        reason=rule.reason,
        shown_as=rule.shown_as,
    )


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def label(params: dict[str, Any], key: str) -> str:
    name: str = params.get(f"{key}_label") or str(params[key]).partition(":")[0].replace("_", " ")
    return name


# --- reviews ------------------------------------------------------------------------------
def review_due_dates(ctx: CaseContext, params: dict[str, Any], key: str) -> Schedule:
    """(due, held) for each review counted from the anchor, then the next one not yet held.

    The first counts from the anchor (entering care, authority to place, placement for
    adoption), the second from the first actually held, later ones from the previous held: a
    late review moves the next. Kept on the context: several rules count from the same reviews.
    """
    cache_key = f"reviews:{key}"
    cached: Schedule | None = ctx._cache.get(cache_key)
    if cached is not None:
        return cached
    anchor = ctx.fact(params.get("from", "entered_care"))
    schedule: Schedule = []
    if anchor is not None:
        due = params["first"].apply(anchor)
        for number, held in enumerate((r for r in ctx.reviews_in_period() if r >= anchor), 1):
            schedule.append((due, held))
            due = (params["second"] if number == 1 else params["then"]).apply(held)
        schedule.append((due, None))
    ctx._cache[cache_key] = schedule
    return schedule


def review_schedule(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    params = rule.params
    out: list[Obligation] = []
    previous: date | None = None
    anchor_label = params.get("from_label", "becoming looked after")
    for number, (due, held) in enumerate(review_due_dates(ctx, params, rule.id), 1):
        if previous is None:
            anchor = ctx.fact(params.get("from", "entered_care"))
            facts: list[Fact] = [(anchor_label, anchor)]
            why = f"within {describe(params['first'])} of {anchor_label}"
        else:
            facts = [("previous review held", previous)]
            gap = params["second"] if number == 2 else params["then"]
            why = f"within {describe(gap)} of the previous review actually held"
        out.append(make(rule, ctx, due, held, facts, number, why))
        previous = held
    return out


def at_each_review(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """Something each review must do (Birmingham: twin-track planning considered at the first and
    every subsequent review): met when recorded on the review's own date. A review that did not
    is overdue until the next review is held, which is then the one that can still do it: an
    omission long past is not counted again at every later review."""
    assert rule.review_params is not None
    out = []
    names = _names(rule.params["satisfied_by"])
    schedule = review_due_dates(ctx, rule.review_params, "cla-review")
    for number, (due, held) in enumerate(schedule, 1):
        day = held or due
        met_on = held if held and any(ctx.fact(name, held) == held for name in names) else None
        latest = number >= len(schedule) - 1  # the last review held, or the next one due
        if met_on is None and not latest:
            continue
        facts: list[Fact] = [(f"review {number} " + ("held" if held else "due"), day)]
        out.append(make(rule, ctx, day, met_on, facts, number, f"at looked-after review {number}"))
    return out


# --- one-off deadlines --------------------------------------------------------------------
def _names(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _satisfied_from(ctx: CaseContext, params: dict[str, Any], trigger: date | None) -> date | None:
    where = params.get("satisfied_from", "trigger")
    if where == "trigger":
        return trigger
    if where == "period_start":
        return ctx.period_start
    if where == "previous_period_end":
        return ctx.previous_end
    return None  # any time


def first_met(ctx: CaseContext, names: str | list[str], after: date | None) -> date | None:
    dates = [ctx.fact(name, after) for name in _names(names)]
    found = [d for d in dates if d is not None]
    return min(found) if found else None


def deadline(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """Something due a set time after a trigger (or at a numbered review), met by a later fact."""
    params = rule.params
    facts: list[Fact]
    if "at_review" in params:
        assert rule.review_params is not None
        schedule = review_due_dates(ctx, rule.review_params, "cla-review")
        n = params["at_review"]
        if len(schedule) < n:
            return []
        due, held = schedule[n - 1]
        trigger = ctx.period_start
        facts = [("entered care", trigger), (f"review {n} " + ("held" if held else "due"), held or due)]
        due = held or due
        why = f"by looked-after review {n}" + ("" if held else " (counted from its due date until it is held)")
        if "offset" in params:
            due = shift(due, params["offset"])
            why = f"{describe(params['offset'])} after looked-after review {n}"
    else:
        trigger = ctx.fact(params["trigger"])
        if trigger is None:
            return []
        due = shift(trigger, params.get("offset", NO_OFFSET))
        facts = [(label(params, "trigger"), trigger)]
        why = f"{describe(params.get('offset', NO_OFFSET))} after {facts[0][0]}"
    age = params.get("not_before_age")
    dob = ctx.case.child.dob
    if age is not None and dob is not None and birthday(dob, age) > due:
        due = birthday(dob, age)
        facts.append((f"{ordinal(age)} birthday", due))
        why += f", and not before the child's {ordinal(age)} birthday"
    met_on = first_met(ctx, params["satisfied_by"], _satisfied_from(ctx, params, trigger))
    if met_on:
        facts.append(("met by", met_on))
    return [make(rule, ctx, due, met_on, facts, explanation=params.get("explain", why))]


def before_event(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """Something that must happen before an event (Camden: the ADM's decision before final
    evidence is filed). Due on the event's date once it has happened, or on the date it is
    expected (a court timetable) until then; with neither, it has no date yet."""
    params = rule.params
    trigger = ctx.fact(params["trigger"]) if "trigger" in params else ctx.period_start
    if "trigger" in params and trigger is None:
        return []
    happened = [d for d in (ctx.fact(name) for name in _names(params["before"])) if d is not None]
    expected = [d for d in (ctx.fact(name) for name in _names(params.get("expected", []))) if d is not None]
    facts: list[Fact] = []
    if trigger is not None and "trigger" in params:
        facts.append((label(params, "trigger"), trigger))
    event = params.get("before_label", "the event")
    if happened:
        due: date | None = min(happened)
        facts.append((event, due))
        why = f"before {event} ({due:%d/%m/%Y})"
    elif expected:
        due = min(expected)
        facts.append((f"{event} expected", due))
        why = f"before {event}, expected on {due:%d/%m/%Y}"
    else:
        due = None
        why = f"before {event}, which has no date yet"
    met_on = first_met(ctx, params["satisfied_by"], _satisfied_from(ctx, params, trigger))
    if met_on:
        facts.append(("met by", met_on))
    return [make(rule, ctx, due, met_on, facts, explanation=why)]


# --- repeating ----------------------------------------------------------------------------
def recurring(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """A repeating item counted from the last time it was done (a tracking meeting, a panel review)."""
    params = rule.params
    anchor = ctx.fact(params["anchor"])
    if anchor is None:
        return []
    events = [d for d in ctx.events(params["events"]) if d >= anchor]
    due, last = shift(anchor, params["first"]), None
    for event in events:
        last = event
        due = shift(event, params["every"])
    facts: list[Fact] = [(label(params, "anchor"), anchor)]
    if last:
        facts.append(("last done", last))
    why = (
        f"within {describe(params['first'])} of {facts[0][0]}"
        if last is None
        else f"every {describe(params['every'])}, counted from the last time it was done"
    )
    return [make(rule, ctx, due, None, facts, len(events) + 1, why)]
