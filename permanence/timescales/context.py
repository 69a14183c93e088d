"""One case seen on one day: the facts the rules read by name, derived once and kept.

The engine answers "as of" a day: episodes that start later and events recorded after the day
are not yet known; an episode that a later one continues (a move, a change of legal status) was
still open on the day, while a recorded end of care after the day is known ahead. Nothing is due on or after the child's 18th birthday, when care ends by law:
the period of care is cut there.

Rules in policy packs name facts as strings: `entered_care`, `review:2`, `decision:plan_agreed`,
`meeting:clinic_referral`, `health_assessment` ... FACTS below says what each name means.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from permanence.codes.placement import ADOPTION, LONG_TERM_FOSTER

from .dates import age_on, birthday
from .periods import (
    SITUATION_HOLDS,
    TEMPORARY_APPROVAL,
    Episodes,
    is_short_break,
    latest_period,
    placement_start_index,
    run_start,
    visit_situation,
)
from .snapshot import CaseSnapshot, EpisodeFacts

LEAVING_CARE_WEEKS = 13  # CPPCR reg 40(1): 13 weeks looked after since the 14th birthday


class CaseContext:
    """One case seen on one day. Derived values are computed lazily and kept."""

    __slots__ = (
        "_cache",
        "case",
        "current",
        "eighteenth",
        "looked_after",
        "period",
        "period_end",
        "period_start",
        "placement",
        "previous_end",
        "today",
    )

    def __init__(self, case: CaseSnapshot, today: date) -> None:
        self.case, self.today = case, today
        dob = case.child.dob
        self.eighteenth = birthday(dob, 18) if dob else None
        later_starts = {e.start for e in case.episodes if e.start > today}
        started = tuple(_as_of(e, today, later_starts) for e in case.episodes if e.start <= today)
        period = latest_period(started)
        if period and self.eighteenth is not None and period[0].start >= self.eighteenth:
            period = ()
        self.period: Episodes = period
        self.period_start: date | None = period[0].start if period else None
        end = None if not period or (is_short_break(period[-1]) and period[-1].legal_status == "V3") else period[-1].end
        if self.eighteenth is not None and period and (end is None or end > self.eighteenth):
            end = self.eighteenth
        self.period_end: date | None = end
        before = started[: len(started) - len(period)]
        self.previous_end: date | None = max((e.end for e in before if e.end), default=None)
        self.looked_after = bool(period) and (end is None or end > today)
        self.current: EpisodeFacts | None = period[-1] if self.looked_after else None
        self.placement: Episodes = period[placement_start_index(period) :] if self.looked_after else ()
        self._cache: dict[str, Any] = {}

    # --- who the child is, on this day ----------------------------------------------------
    @property
    def age(self) -> int | None:
        dob = self.case.child.dob
        return age_on(dob, self.today) if dob else None

    @property
    def short_breaks(self) -> bool:
        return self.current is not None and is_short_break(self.current)

    @property
    def placed_for_adoption(self) -> bool:
        return self.current is not None and self.current.placement in ADOPTION

    def placement_start(self) -> date | None:
        return self.placement[0].start if self.placement else None

    def visit_situation(self) -> str | None:
        if not self.placement:
            return None
        if "situation" not in self._cache:
            self._cache["situation"] = visit_situation(self.placement, self.today)
        found: str = self._cache["situation"]
        return found

    def situation_start(self) -> date | None:
        """When the current visit situation began (the anchor its visits count from)."""
        situation = self.visit_situation()
        if situation is None:
            return None
        if situation in SITUATION_HOLDS:
            return run_start(self.placement, SITUATION_HOLDS[situation])
        if situation == TEMPORARY_APPROVAL and self.current and self.current.carer:
            start = self.placement_start()
            approval = self.current.carer.temporary_approval_start
            return max(d for d in (start, approval) if d is not None) if start or approval else None
        if situation == "short_breaks":
            return self.period_start
        return self.placement_start()

    def intended_until_18(self) -> bool:
        """CPPCR reg 28(2)(c)(i): the placement is intended to last until the child is 18 (a
        long-term foster placement is: SSDA903 U1 or U4, or confirmed as one)."""
        return any(
            e.intended_until_18
            or e.placement in LONG_TERM_FOSTER
            or (e.long_term_confirmed is not None and e.long_term_confirmed <= self.today)
            for e in self.placement
        )

    def six_monthly_visits_agreed(self) -> date | None:
        agreed = [e.six_monthly_visits_agreed for e in self.placement if e.six_monthly_visits_agreed]
        agreed = [d for d in agreed if d <= self.today]
        return min(agreed) if agreed else None

    # --- the events of the period, as known on the day ---------------------------------------
    def in_period(self, dates: Iterable[date]) -> tuple[date, ...]:
        start, end = self.period_start, self.period_end
        if start is None:
            return ()
        return tuple(d for d in dates if start <= d <= self.today and (end is None or d <= end))

    def reviews_in_period(self) -> tuple[date, ...]:
        if "reviews" not in self._cache:
            self._cache["reviews"] = self.in_period(self.case.reviews)
        found: tuple[date, ...] = self._cache["reviews"]
        return found

    def events(self, name: str) -> tuple[date, ...]:
        """All dates of a repeated fact in the period, oldest first: `visits`, `reviews`,
        `health_assessments`, `meeting:X`, `decision:X`."""
        if name == "reviews":
            return self.reviews_in_period()
        if name in RECORDS:
            return self.in_period(getattr(self.case, name))
        kind, _, arg = name.partition(":")
        if kind in ("meeting", "decision", "step"):
            items = {"meeting": self.case.meetings, "decision": self.case.decisions, "step": self.case.steps}[kind]
            return self.in_period(item.date for item in items if item.kind == arg)
        raise KeyError(f"unknown events {name!r}")

    def fact(self, name: str, after: date | None = None) -> date | None:
        """The date of a named fact, or None. With `after`, the first occurrence on or after it."""
        kind, _, arg = name.partition(":")
        resolver = FACTS.get(kind)
        if resolver is None:
            raise KeyError(f"unknown fact {name!r}")
        return resolver(self, arg, after)

    # --- leaving care (CPPCR Part 7) --------------------------------------------------------
    def eligible_from(self) -> date | None:
        """The day the child became an eligible child (Children Act 1989 Sch 2 para 19B, CPPCR
        reg 40): aged 16 or 17, looked after for 13 weeks in all since the 14th birthday, not on
        short breaks. None if not eligible on this day."""
        if "eligible" in self._cache:
            found: date | None = self._cache["eligible"]
            return found
        self._cache["eligible"] = result = self._eligible_from()
        return result

    def _eligible_from(self) -> date | None:
        dob = self.case.child.dob
        if dob is None or not self.looked_after or self.short_breaks or self.period_start is None:
            return None
        fourteenth, sixteenth = birthday(dob, 14), birthday(dob, 16)
        before = 0
        for e in self.case.episodes:
            if e.start >= self.period_start or is_short_break(e):
                continue
            start, end = max(e.start, fourteenth), min(e.end or self.period_start, self.period_start)
            before += max(0, (end - start).days)
        counted_from = max(self.period_start, fourteenth)
        needed = max(0, 7 * LEAVING_CARE_WEEKS - before)
        eligible = max(sixteenth, counted_from + timedelta(days=needed))
        if eligible > self.today or (self.period_end is not None and eligible >= self.period_end):
            return None
        return eligible


def _as_of(episode: EpisodeFacts, today: date, later_starts: set[date]) -> EpisodeFacts:
    """The episode as it stood on the day. One that ends after the day where a later episode
    starts (a move or a change of legal status, not yet known) was simply open then; an end of
    care recorded ahead (no episode follows on) is known."""
    if episode.end is None or episode.end <= today or episode.end not in later_starts:
        return episode
    return replace(episode, end=None, reason_ceased=None)


RECORDS = ("visits", "health_assessments", "care_plans", "education_plans", "needs_assessments", "pathway_plans")

Resolver = Callable[[CaseContext, str, "date | None"], "date | None"]


def _first_on_or_after(dates: Iterable[date], after: date | None, today: date) -> date | None:
    for d in sorted(dates):
        if d > today:
            return None
        if after is None or d >= after:
            return d
    return None


def _review(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    reviews = ctx.reviews_in_period()
    n = int(arg or 1)
    return reviews[n - 1] if len(reviews) >= n else None


def _dated(field: str) -> Resolver:
    def resolve(ctx: CaseContext, arg: str, after: date | None) -> date | None:
        items = getattr(ctx.case, field)
        return _first_on_or_after((d.date for d in items if d.kind == arg), after, ctx.today)

    return resolve


def _record(field: str) -> Resolver:
    def resolve(ctx: CaseContext, arg: str, after: date | None) -> date | None:
        return _first_on_or_after(getattr(ctx.case, field), after, ctx.today)

    return resolve


def _plan_recorded(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    plan = ctx.case.plan
    return plan.recorded if plan and plan.recorded and plan.recorded <= ctx.today else None


def _proceedings(field: str, known_ahead: bool = False) -> Resolver:
    def resolve(ctx: CaseContext, arg: str, after: date | None) -> date | None:
        values = [getattr(p, field) for p in ctx.case.proceedings if getattr(p, field)]
        if known_ahead:  # a date set in the court's timetable is known before it comes
            return _first_on_or_after(values, after, date.max)
        return _first_on_or_after(values, after, ctx.today)

    return resolve


def _order_made(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    return _first_on_or_after((o.made for o in ctx.case.orders if o.type == arg), after, ctx.today)


def _placement_order_made(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    made = [o.made for o in ctx.case.orders if o.type == "placement_order" and o.made <= ctx.today]
    made += [e.start for e in ctx.period if e.legal_status in ("E1", "D1")]
    return min(made) if made else None


def _authority_to_place(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    """When the agency first had authority to place for adoption (Adoption and Children Act 2002
    s18: a placement order, or consent under s19), counting only authority still in force today."""
    today, spells = ctx.today, []
    adoption = ctx.case.adoption
    if adoption and adoption.authority_to_place:
        spells.append((adoption.authority_to_place, adoption.authority_ended))
    spells += [(o.made, o.ended) for o in ctx.case.orders if o.type == "placement_order"]
    in_force = [start for start, end in spells if start <= today and (end is None or end > today)]
    ended = any(end is not None and end <= today for _, end in spells)
    if not ended:  # an episode under a placement order, where no order or consent says it ended
        in_force += [e.start for e in ctx.period if e.legal_status in ("E1", "D1") and e.start <= today]
    in_force = [d for d in in_force if ctx.period_start is None or d >= ctx.period_start]
    return min(in_force) if in_force else None


def _placed_for_adoption(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    if not ctx.placed_for_adoption:
        return None
    return run_start(ctx.placement, lambda e: e.placement in ADOPTION)


def _adoption_placement(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    starts = (e.start for e in ctx.period if e.placement in ADOPTION)
    return _first_on_or_after(starts, after, ctx.today)


def _turning_in_care(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    """The day the child, looked after, reaches age `arg` (or entered care, if already older)."""
    dob = ctx.case.child.dob
    if dob is None or ctx.period_start is None:
        return None
    birthday_day = birthday(dob, int(arg))
    if ctx.period_end is not None and birthday_day >= ctx.period_end:
        return None
    return max(birthday_day, ctx.period_start)


def _alternative_care_considered(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    """When permanent care away from the parents was first considered."""
    found = [d.date for d in ctx.case.decisions if d.kind == "adoption_considered" and d.date <= ctx.today]
    plan = ctx.case.plan
    if plan and plan.recorded and plan.recorded <= ctx.today and {plan.primary, plan.parallel} & ALTERNATIVE_CARE:
        found.append(plan.recorded)
    return min(found) if found else None


def _adoption_considered(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    """When adoption was first under consideration: a decision saying so, or a plan for adoption."""
    found = [d.date for d in ctx.case.decisions if d.kind == "adoption_considered" and d.date <= ctx.today]
    plan = ctx.case.plan
    if plan and plan.recorded and plan.recorded <= ctx.today and "adoption" in (plan.primary, plan.parallel):
        found.append(plan.recorded)
    return min(found) if found else None


def _siblings_placed_apart(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    """Since when the child has been placed apart from a brother or sister also looked after, today."""
    siblings = ctx.case.siblings
    if siblings is None:
        return None
    open_spells = [start for _, start, end in siblings.apart if start <= ctx.today and (end is None or end > ctx.today)]
    return min(open_spells) if open_spells else None


def _latest_sibling_record(field: str) -> Resolver:
    """The latest sibling assessment (or contact plan) recorded on or before today, whenever it was."""

    def resolve(ctx: CaseContext, arg: str, after: date | None) -> date | None:
        siblings = ctx.case.siblings
        dates = [d for d in getattr(siblings, field) if d <= ctx.today] if siblings else []
        return max(dates) if dates else None

    return resolve


def _eligible(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    return ctx.eligible_from()


def _previous_period_end(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    return ctx.previous_end


def _expected_birth(ctx: CaseContext, arg: str, after: date | None) -> date | None:
    """An unborn child's expected date of birth (known ahead), until the birth is recorded."""
    child = ctx.case.child
    return child.expected_dob if child.dob is None else None


ALTERNATIVE_CARE = frozenset({"adoption", "long_term_fostering", "special_guardianship", "residential"})


FACTS: dict[str, Resolver] = {
    "entered_care": lambda ctx, arg, after: ctx.period_start,
    "placement_start": lambda ctx, arg, after: ctx.placement_start(),
    "situation_start": lambda ctx, arg, after: ctx.situation_start(),
    "review": _review,
    "decision": _dated("decisions"),
    "meeting": _dated("meetings"),
    "iro_decision": _dated("iro_decisions"),
    "step": _dated("steps"),
    "plan_recorded": _plan_recorded,
    "proceedings_issued": _proceedings("issued"),
    "proceedings_concluded": _proceedings("concluded"),
    "final_evidence_filed": _proceedings("final_evidence_filed"),
    "final_evidence_due": _proceedings("final_evidence_due", known_ahead=True),
    "order_made": _order_made,
    "placement_order_made": _placement_order_made,
    "authority_to_place": _authority_to_place,
    "placed_for_adoption": _placed_for_adoption,
    "adoption_placement": _adoption_placement,
    "turning_in_care": _turning_in_care,
    "eligible": _eligible,
    "alternative_care_considered": _alternative_care_considered,
    "adoption_considered": _adoption_considered,
    "siblings_placed_apart": _siblings_placed_apart,
    "sibling_assessment": _latest_sibling_record("assessments"),
    "sibling_contact_plan": _latest_sibling_record("contact_plans"),
    "health_assessment": _record("health_assessments"),
    "care_plan": _record("care_plans"),
    "education_plan": _record("education_plans"),
    "needs_assessment": _record("needs_assessments"),
    "pathway_plan": _record("pathway_plans"),
    "previous_period_end": _previous_period_end,
    "expected_birth": _expected_birth,
}
