"""Facts derived once per case and date, that the rules read by name.

Rules in policy packs name facts as strings: `entered_care`, `review:2`, `decision:plan_agreed`,
`meeting:clinic_referral`, `plan_recorded` ... This module says what each name means.
"""

from permanence.codes.placement import ADOPTION

from .dates import add_years, age_on


class CaseContext:
    """One case seen on one day. Derived values are computed lazily and kept."""

    __slots__ = ("case", "today", "period", "period_start", "period_end", "current", "_cache")

    def __init__(self, case, today):
        self.case, self.today = case, today
        self.period = latest_period(case.episodes)
        self.period_start = self.period[0].start if self.period else None
        self.period_end = self.period[-1].end if self.period else None
        self.current = self.period[-1] if self.period and self.looked_after else None
        self._cache = {}

    @property
    def looked_after(self):
        return bool(self.period) and (self.period_end is None or self.period_end > self.today)

    @property
    def age(self):
        dob = self.case.child.dob
        return age_on(dob, self.today) if dob else None

    def reviews_in_period(self):
        if "reviews" not in self._cache:
            start, end = self.period_start, self.period_end
            self._cache["reviews"] = tuple(
                d for d in self.case.reviews if start is not None and d >= start and (end is None or d <= end)
            )
        return self._cache["reviews"]

    def placement_start(self):
        """When the current placement began: a change of legal status only (RNE L) keeps it."""
        if not self.period:
            return None
        start = None
        for episode in reversed(self.period):
            start = episode.start
            if episode.reason_new != "L":
                break
        return start

    def events(self, name):
        """All dates of a repeated fact, oldest first: `visits`, `reviews`, `meeting:X`, `decision:X`."""
        if name == "visits":
            return self.case.visits
        if name == "reviews":
            return self.reviews_in_period()
        kind, _, arg = name.partition(":")
        if kind in ("meeting", "decision"):
            items = self.case.meetings if kind == "meeting" else self.case.decisions
            return tuple(item.date for item in items if item.kind == arg)
        raise KeyError(f"unknown events {name!r}")

    def fact(self, name, after=None):
        """The date of a named fact, or None. With `after`, the first occurrence on or after it."""
        kind, _, arg = name.partition(":")
        resolver = FACTS.get(kind)
        if resolver is None:
            raise KeyError(f"unknown fact {name!r}")
        return resolver(self, arg, after)


def latest_period(episodes):
    """The latest period of care: episodes chained end-to-start (the next starts the day the last ends)."""
    if not episodes:
        return ()
    period = [episodes[-1]]
    for episode in reversed(episodes[:-1]):
        if episode.end is not None and episode.end == period[0].start:
            period.insert(0, episode)
        else:
            break
    return tuple(period)


def _first_on_or_after(dates, after):
    for d in dates:
        if after is None or d >= after:
            return d
    return None


def _entered_care(ctx, arg, after):
    return ctx.period_start


def _review(ctx, arg, after):
    reviews = ctx.reviews_in_period()
    n = int(arg or 1)
    return reviews[n - 1] if len(reviews) >= n else None


def _decision(ctx, arg, after):
    return _first_on_or_after((d.date for d in ctx.case.decisions if d.kind == arg), after)


def _meeting(ctx, arg, after):
    return _first_on_or_after((m.date for m in ctx.case.meetings if m.kind == arg), after)


def _plan_recorded(ctx, arg, after):
    plan = ctx.case.plan
    return plan.recorded if plan else None


def _proceedings(field):
    def resolve(ctx, arg, after):
        values = [getattr(p, field) for p in ctx.case.proceedings if getattr(p, field)]
        return _first_on_or_after(sorted(values), after)
    return resolve


def _order_made(ctx, arg, after):
    return _first_on_or_after(sorted(o.made for o in ctx.case.orders if o.type == arg), after)


def _placement_order_made(ctx, arg, after):
    made = [o.made for o in ctx.case.orders if o.type == "placement_order"]
    made += [e.start for e in ctx.period if e.legal_status == "E1"]
    return min(made) if made else None


def _adoption_placement(ctx, arg, after):
    return _first_on_or_after((e.start for e in ctx.period if e.placement in ADOPTION), after)


def _turning_in_care(ctx, arg, after):
    """The day the child, looked after, reaches age `arg` (or entered care if already older)."""
    dob = ctx.case.child.dob
    if dob is None or ctx.period_start is None:
        return None
    birthday = add_years(dob, int(arg))
    if ctx.period_end is not None and birthday >= ctx.period_end:
        return None
    return max(birthday, ctx.period_start)


def _alternative_care_considered(ctx, arg, after):
    """When permanent care away from the parents was first considered (Camden §4)."""
    found = [d.date for d in ctx.case.decisions if d.kind == "adoption_considered"]
    plan = ctx.case.plan
    if plan and plan.recorded and {plan.primary, plan.parallel} & ALTERNATIVE_CARE:
        found.append(plan.recorded)
    return min(found) if found else None


def _siblings_placed_apart(ctx, arg, after):
    """Since when the child has been placed apart from a brother or sister also looked after, today."""
    siblings = ctx.case.siblings
    if siblings is None:
        return None
    open_spells = [start for _, start, end in siblings.apart if start <= ctx.today and (end is None or end > ctx.today)]
    return min(open_spells) if open_spells else None


def _latest_sibling_record(field):
    """The latest sibling assessment (or contact plan) recorded on or before today, whenever it was."""
    def resolve(ctx, arg, after):
        siblings = ctx.case.siblings
        dates = [d for d in getattr(siblings, field)] if siblings else []
        dates = [d for d in dates if d <= ctx.today]
        return max(dates) if dates else None
    return resolve


ALTERNATIVE_CARE = frozenset({"adoption", "long_term_fostering", "special_guardianship", "residential"})


FACTS = {
    "entered_care": _entered_care,
    "placement_start": lambda ctx, arg, after: ctx.placement_start(),
    "review": _review,
    "decision": _decision,
    "meeting": _meeting,
    "plan_recorded": _plan_recorded,
    "proceedings_issued": _proceedings("issued"),
    "proceedings_concluded": _proceedings("concluded"),
    "final_evidence_filed": _proceedings("final_evidence_filed"),
    "order_made": _order_made,
    "placement_order_made": _placement_order_made,
    "adoption_placement": _adoption_placement,
    "turning_in_care": _turning_in_care,
    "alternative_care_considered": _alternative_care_considered,
    "siblings_placed_apart": _siblings_placed_apart,
    "sibling_assessment": _latest_sibling_record("assessments"),
    "sibling_contact_plan": _latest_sibling_record("contact_plans"),
}


