"""Clocks that run from the last time something was done: statutory visits and health reviews.

Both say "at intervals of not more than ..." with the interval changing as the child's
situation does: weekly until the first review and then every four weeks (CPPCR reg 28(4));
six-weekly for the first year of a placement and then three-monthly (reg 28(2)); six-monthly
before the fifth birthday and then yearly (reg 7). The next one is due one interval after the
last. When a longer interval starts before that date, the longer interval counts from the same
last visit: after the first review the weekly visits become four-weekly, not a visit a week
after the review.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from .context import CaseContext
from .dates import Offset, birthday, describe
from .obligations import Fact, Obligation
from .timings import label, make

if TYPE_CHECKING:
    from .policy import Rule

WEEK = Offset(weeks=1)
Phase = tuple[date, "Offset | None", str]  # from this day, this interval (None: no more duty), in words


def next_due(last: date, phases: list[Phase]) -> tuple[date | None, str]:
    """The day the next one is due after `last`, given phases in date order (each one's interval
    applies from its day)."""
    current = [p for p in phases if p[0] <= last]
    _start, interval, words = current[-1] if current else phases[0]
    if interval is None:
        return None, words
    due = interval.apply(last)
    for day, later, later_words in phases:
        if last < day <= due:
            if later is None:
                return None, later_words
            due, words = max(due, later.apply(last)), later_words
    return due, words


def _later_interval(ctx: CaseContext, later: dict[str, Any]) -> tuple[Offset, str]:
    """After the first year of a placement (CPPCR reg 28(2)(c)): three-monthly where it is
    intended to last until 18, six-monthly in a long-term foster placement where the child has
    agreed, otherwise still six-weekly."""
    if "six_monthly_agreed" in later and ctx.intended_until_18() and ctx.six_monthly_visits_agreed():
        return later["six_monthly_agreed"], "the child agreed to six-monthly visits in a long-term placement"
    if "until_18" in later and ctx.intended_until_18():
        return later["until_18"], "the placement is intended to last until 18"
    return later["every"], "after its first year, the placement is not intended to last until 18"


def visits(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """The next statutory visit for the child's situation (which situation: periods.py)."""
    params = rule.params
    anchor = ctx.fact(params["anchor"])
    if anchor is None:
        return []
    anchor_label = label(params, "anchor")
    done = [v for v in ctx.events("visits") if v >= anchor]
    facts: list[Fact] = [(anchor_label, anchor)]
    phases: list[Phase] = []
    if params.get("weekly_until_first_review"):
        phases.append((anchor, WEEK, "at least once a week until the first review"))
        first_review = next((r for r in ctx.reviews_in_period() if r >= anchor), None)
        if first_review is not None:
            facts.append(("first review held", first_review))
            after = params.get("every")
            words = f"every {describe(after)} after the first review" if after else "as decided at the review"
            phases.append((first_review, after, words))
    else:
        phases.append((anchor, params["every"], f"every {describe(params['every'])}"))
    later = params.get("later")
    if later:
        switch = later["after"].apply(anchor)
        interval, why = _later_interval(ctx, later)
        phases.append((switch, interval, f"every {describe(interval)}: {why}"))
    if not done:
        first = params.get("first", WEEK)
        due: date | None = first.apply(anchor)
        words = f"within {describe(first)} of {anchor_label}"
    else:
        facts.append(("last visit", done[-1]))
        due, words = next_due(done[-1], sorted(phases, key=lambda p: p[0]))
        if due is None:
            return []
        words = f"{words}, counted from the last visit"
    return [make(rule, ctx, due, None, facts, len(done) + 1, words)]


def interval_by_age(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """A repeating review whose interval depends on the child's age (health reviews, CPPCR reg 7):
    counted from the last one in the period; the first one is another rule's."""
    params = rule.params
    dob = ctx.case.child.dob
    done = ctx.events(params["events"])
    if not done or dob is None:
        return []
    phases: list[Phase] = [(date.min, params["every"], f"every {describe(params['every'])}")]
    for step in params.get("from_age", []):
        phases.append(
            (
                birthday(dob, step["age"]),
                step["every"],
                f"every {describe(step['every'])} from the {step['age']}th birthday",
            )
        )
    due, words = next_due(done[-1], sorted(phases, key=lambda p: p[0]))
    facts: list[Fact] = [(f"last {params.get('events_label', 'one')}", done[-1]), ("date of birth", dob)]
    return [make(rule, ctx, due, None, facts, len(done) + 1, f"{words}, counted from the last one")]
