"""The rule kinds, in code. Their parameters live in the policy packs (policies/*.yaml).

Each kind is a function (rule, ctx) -> list of Obligation. `rule` is a compiled Rule (policy.py)
whose `params` hold the YAML parameters; `ctx` is the CaseContext of one case on one day.
"""

from dataclasses import replace

from .dates import Offset, add_years, describe, shift
from .obligations import Obligation, status_of

NO_OFFSET = Offset()


def make(rule, ctx, due, met_on=None, facts=(), occurrence=1, explanation=""):
    return Obligation(
        rule=rule.id,
        title=rule.title if occurrence == 1 or not rule.numbered else f"{rule.title} ({_ordinal(occurrence)})",
        due=due,
        status=status_of(due, met_on, ctx.today, rule.due_soon_days),
        source=rule.source,
        child_id=ctx.case.child.id,
        occurrence=occurrence,
        met_on=met_on,
        facts=tuple(facts),
        explanation=explanation,
    )


def _ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def review_due_dates(ctx, params):
    """(due, held) for each review of the current period, then the next one not yet held.

    The first counts from entering care, the second from the first review actually held,
    later ones from the previous review actually held: a late review moves the next one.
    Kept on the context: several rules count from the same reviews.
    """
    cached = ctx._cache.get("review_schedule")
    if cached is not None:
        return cached
    start = ctx.period_start
    if start is None:
        return []
    schedule, due = [], params["first"].apply(start)
    for number, held in enumerate(ctx.reviews_in_period(), 1):
        schedule.append((due, held))
        due = (params["second"] if number == 1 else params["then"]).apply(held)
    schedule.append((due, None))
    ctx._cache["review_schedule"] = schedule
    return schedule


def review_schedule(rule, ctx):
    out, previous = [], None
    for number, (due, held) in enumerate(review_due_dates(ctx, rule.params), 1):
        if held is None and not ctx.looked_after:
            break
        if previous is None:
            facts = (("entered care", ctx.period_start),)
            why = f"within {describe(rule.params['first'])} of becoming looked after"
        else:
            facts = (("previous review held", previous),)
            gap = rule.params["second"] if number == 2 else rule.params["then"]
            why = f"within {describe(gap)} of the previous review"
        out.append(make(rule, ctx, due, held, facts, number, why))
        previous = held
    return out


def deadline(rule, ctx):
    """Something due a set time after a trigger (or at a numbered review), met by a later fact."""
    params = rule.params
    if "at_review" in params:
        schedule = review_due_dates(ctx, rule.review_params)
        n = params["at_review"]
        if len(schedule) < n:
            return []
        due, held = schedule[n - 1]
        trigger = ctx.period_start
        facts = [("entered care", trigger), (f"review {n} " + ("held" if held else "due"), held or due)]
        why = f"by looked-after review {n}"
        if "offset" in params:
            due = shift(due, params["offset"])
            why = f"{describe(params['offset'])} after looked-after review {n}"
    else:
        trigger = ctx.fact(params["trigger"])
        if trigger is None:
            return []
        due = shift(trigger, params.get("offset", NO_OFFSET))
        facts = [(params.get("trigger_label", params["trigger"].replace("_", " ")), trigger)]
        why = f"{describe(params.get('offset', NO_OFFSET))} after {facts[0][0]}"
    met_on = _first_met(ctx, params["satisfied_by"], trigger)
    if met_on:
        facts.append(("met by", met_on))
    return [make(rule, ctx, due, met_on, facts, explanation=why)]


def _first_met(ctx, names, after):
    dates = [ctx.fact(name, after) for name in ([names] if isinstance(names, str) else names)]
    dates = [d for d in dates if d is not None]
    return min(dates) if dates else None


def recurring(rule, ctx):
    """A repeating duty counted from the last time it was done: visits, section 20 reviews, tracking."""
    params = rule.params
    anchor = ctx.fact(params["anchor"])
    if anchor is None:
        return []
    events = [d for d in ctx.events(params["events"]) if d >= anchor]
    later = params.get("later")
    switch = shift(anchor, later["after"]) if later else None
    due, last = shift(anchor, params["first"]), None
    for event in events:
        last = event
        interval = later["every"] if switch and event >= switch else params["every"]
        due = shift(event, interval)
    if ctx.period_end is not None and due >= ctx.period_end:
        return []
    facts = [(params.get("anchor_label", params["anchor"].replace("_", " ")), anchor)]
    if last:
        facts.append(("last done", last))
    why = f"within {describe(params['first'])} of {facts[0][0]}" if last is None else "counted from the last time it was done"
    return [make(rule, ctx, due, None, facts, len(events) + 1, why)]


def proceedings_limit(rule, ctx):
    """Care proceedings to finish within 26 weeks of issue, moved by each extension (s32(5)-(7))."""
    out, cap = [], rule.params.get("extension_max_weeks", 8)
    for number, proceedings in enumerate(ctx.case.proceedings, 1):
        if proceedings.issued is None:
            continue
        counted = [min(weeks, cap) for weeks in proceedings.extensions]
        due = shift(proceedings.issued, {"weeks": rule.params["weeks"] + sum(counted)})
        facts = [("issued", proceedings.issued), ("extensions granted", len(counted)), ("extension weeks counted", sum(counted))]
        if any(weeks > cap for weeks in proceedings.extensions):
            facts.append(("note", f"an extension over {cap} weeks counts as {cap}"))
        why = f"{rule.params['weeks']} weeks from issue" + (f" plus {sum(counted)} weeks of extensions" if counted else "")
        out.append(make(rule, ctx, due, proceedings.concluded, facts, number, why))
    return out


def temporary_approval(rule, ctx):
    """A connected person's temporary approval: 16 weeks, once extendable by 8 (regs 24-25)."""
    episode = ctx.current
    if episode is None or episode.carer is None or not episode.carer.connected_person:
        return []
    carer = episode.carer
    start = carer.temporary_approval_start or ctx.placement_start()
    weeks = rule.params["weeks"] + (rule.params["extension_weeks"] if carer.temporary_approval_extended else 0)
    due = shift(start, {"weeks": weeks})
    facts = [("placed with connected person", start), ("extended", carer.temporary_approval_extended)]
    met_on = carer.fully_approved
    if met_on:
        facts.append(("fully approved", met_on))
    why = f"{weeks} weeks from the placement starting; then the placement ends or the carer is fully approved"
    return [make(rule, ctx, due, met_on, facts, explanation=why)]


def order_end(rule, ctx):
    """When an order ends by law: a set term, extendable up to a limit, never past an age."""
    params, out, dob = rule.params, [], ctx.case.child.dob
    orders = [o for o in ctx.case.orders if o.type == params["order"]]
    for number, order in enumerate(orders, 1):
        ends = order.extended_to or shift(order.made, params["term"])
        ends = min(ends, shift(order.made, params["limit"]))
        facts = [("made", order.made)]
        if order.extended_to:
            facts.append(("extended to", order.extended_to))
        if dob is not None and "max_age" in params:
            ends = min(ends, add_years(dob, params["max_age"]))
            facts.append(("date of birth", dob))
        why = f"{describe(params['term'])} from being made unless extended; never beyond {describe(params['limit'])}"
        out.append(make(rule, ctx, ends, order.ended, facts, number, why))
    return out


def age_milestone(rule, ctx):
    """Something that happens at an age, such as spend-time provisions ending at 16."""
    dob = ctx.case.child.dob
    if dob is None:
        return []
    due = add_years(dob, rule.params["age"])
    met_on = due if rule.params.get("automatic") and due <= ctx.today else None
    why = f"at the child's {_ordinal(rule.params['age'])} birthday"
    return [make(rule, ctx, due, met_on, [("date of birth", dob)], explanation=why)]


def meeting_actions(rule, ctx):
    """Each action a clinic, tracking meeting or panel set: due on its date, met when done."""
    prefix = rule.params.get("prefix", "Action")
    return [
        replace(make(rule, ctx, action.due, action.done_on, (("set", action.set_on),), number, rule.title),
                title=f"{prefix}: {action.description}")
        for number, action in enumerate(ctx.case.actions, 1)
    ]


KINDS = {
    "review_schedule": review_schedule,
    "deadline": deadline,
    "recurring": recurring,
    "proceedings_limit": proceedings_limit,
    "temporary_approval": temporary_approval,
    "order_end": order_end,
    "age_milestone": age_milestone,
    "meeting_actions": meeting_actions,
}
# The parameters each kind needs; checked when a pack loads.
REQUIRED = {
    "review_schedule": ("first", "second", "then"),
    "deadline": ("satisfied_by",),
    "recurring": ("anchor", "events", "first", "every"),
    "proceedings_limit": ("weeks",),
    "temporary_approval": ("weeks", "extension_weeks"),
    "order_end": ("order", "term", "limit"),
    "age_milestone": ("age",),
    "meeting_actions": (),
}
