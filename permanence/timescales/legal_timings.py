"""Timings of courts, orders and approvals, and of things a record itself sets a date for."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from .context import CaseContext
from .dates import birthday, describe, shift
from .obligations import Fact, Obligation
from .timings import make, ordinal

if TYPE_CHECKING:
    from .policy import Rule


def proceedings_limit(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """Care proceedings to finish within 26 weeks of issue, moved by each extension (s32(5)-(7))."""
    out, cap = [], rule.params.get("extension_max_weeks", 8)
    for number, proceedings in enumerate(ctx.case.proceedings, 1):
        if proceedings.issued is None or proceedings.issued > ctx.today:
            continue
        counted = [min(weeks, cap) for weeks in proceedings.extensions]
        due = shift(proceedings.issued, {"weeks": rule.params["weeks"] + sum(counted)})
        facts: list[Fact] = [
            ("issued", proceedings.issued),
            ("extensions granted", len(counted)),
            ("extension weeks counted", sum(counted)),
        ]
        if any(weeks > cap for weeks in proceedings.extensions):
            facts.append(("note", f"an extension over {cap} weeks counts as {cap}"))
        why = f"{rule.params['weeks']} weeks from issue" + (
            f" plus {sum(counted)} weeks of extensions" if counted else ""
        )
        concluded = proceedings.concluded if proceedings.concluded and proceedings.concluded <= ctx.today else None
        out.append(make(rule, ctx, due, concluded, facts, number, why))
    return out


def temporary_approval(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """A connected person's temporary approval: 16 weeks, once extendable by 8 (regs 24-25)."""
    episode = ctx.current
    if episode is None or episode.carer is None or not episode.carer.connected_person:
        return []
    carer = episode.carer
    start = carer.temporary_approval_start or ctx.placement_start()
    if start is None:
        return []
    weeks = rule.params["weeks"] + (rule.params["extension_weeks"] if carer.temporary_approval_extended else 0)
    due = shift(start, {"weeks": weeks})
    facts: list[Fact] = [("placed with connected person", start), ("extended", carer.temporary_approval_extended)]
    met_on = carer.fully_approved if carer.fully_approved and carer.fully_approved <= ctx.today else None
    if met_on:
        facts.append(("fully approved", met_on))
    elif carer.temporary_approval_ended and carer.temporary_approval_ended <= ctx.today:
        met_on = carer.temporary_approval_ended
        facts.append(("temporary approval ended", met_on))
    why = f"{weeks} weeks from the placement starting; then the placement ends or the carer is fully approved"
    return [make(rule, ctx, due, met_on, facts, explanation=why)]


def order_end(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """When an order ends by law: a set term, extendable up to a limit, never past an age."""
    params, out, dob = rule.params, [], ctx.case.child.dob
    orders = [o for o in ctx.case.orders if o.type == params["order"] and o.made <= ctx.today]
    for number, order in enumerate(orders, 1):
        ends = order.extended_to or shift(order.made, params["term"])
        ends = min(ends, shift(order.made, params["limit"]))
        facts: list[Fact] = [("made", order.made)]
        if order.extended_to:
            facts.append(("extended to", order.extended_to))
        if dob is not None and "max_age" in params:
            ends = min(ends, birthday(dob, params["max_age"]))
            facts.append(("date of birth", dob))
        why = f"{describe(params['term'])} from being made unless extended; never beyond {describe(params['limit'])}"
        ended = order.ended if order.ended and order.ended <= ctx.today else None
        out.append(make(rule, ctx, ends, ended, facts, number, why))
    return out


def age_milestone(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """Something that happens at an age, such as spend-time provisions ending at 16."""
    dob = ctx.case.child.dob
    if dob is None:
        return []
    due = birthday(dob, rule.params["age"])
    met_on = due if rule.params.get("automatic") and due <= ctx.today else None
    why = f"at the child's {ordinal(rule.params['age'])} birthday"
    return [make(rule, ctx, due, met_on, [("date of birth", dob)], explanation=why)]


def meeting_actions(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """Each action a clinic, tracking meeting or panel set: due on its date, met when done."""
    prefix = rule.params.get("prefix", "Action")
    out = []
    for number, action in enumerate((a for a in ctx.case.actions if a.set_on <= ctx.today), 1):
        done = action.done_on if action.done_on and action.done_on <= ctx.today else None
        found = make(rule, ctx, action.due, done, (("set", action.set_on),), number, "the date the meeting set")
        out.append(replace(found, title=f"{prefix}: {action.description}"))
    return out


def return_interview(rule: Rule, ctx: CaseContext) -> list[Obligation]:
    """A return interview after each missing episode of the period, within a set time of return."""
    hours = rule.params["hours"]
    out = []
    start = ctx.period_start
    episodes = [m for m in ctx.case.missing if m.returned and start and start <= m.returned <= ctx.today]
    for number, missing in enumerate(episodes, 1):
        assert missing.returned is not None
        due = missing.returned + timedelta(days=hours // 24)
        done = missing.return_interview if missing.return_interview and missing.return_interview <= ctx.today else None
        facts: list[Fact] = [("went missing", missing.started), ("returned", missing.returned)]
        if done is None and missing.interview_declined:
            done = missing.returned  # offered on the return, and declined: the offer meets the duty
            facts.append(("return interview declined", True))
        out.append(make(rule, ctx, due, done, facts, number, f"within {hours} hours of the child's return"))
    return out
