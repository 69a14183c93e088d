"""The monthly permanence tracking meeting's agenda, built from the record by the rules in
`agenda_rules` (which the service manager reads on the meeting's page).

A child is on the agenda, with every reason in words, when at the meeting: their care
proceedings are past or near 26 weeks; they have no permanence plan after the second review;
a duty is overdue by more than four weeks; their placement is at risk; or, since the last meeting, their plan changed or
they are new to the list. Reads in bulk: a fixed number of queries for the whole service.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Q

from permanence.children.models import Episode, Proceedings, Review
from permanence.codes.reason_new import PLACEMENT_CHANGES, STARTED
from permanence.obligations.selectors import obligations_for_children
from permanence.planning.models import PermanencePlan
from permanence.planning.options import OPTION_NAMES
from permanence.timescales.kinds import DUTY
from permanence.timescales.obligations import OVERDUE
from permanence.tracking.trackers import population

from . import agenda_rules as rules
from .agenda_rules import Reason
from .models import Referral


def _d(value):
    return f"{value.day} {value:%B %Y}"


def _looked_after_periods(until):
    """{child id: start of the period of care open on `until`} for children looked after that day."""
    starts, open_on = {}, set()
    for child_id, start, end, reason_new in (
        Episode.objects.filter(start__lte=until)
        .order_by("child_id", "start")
        .values_list("child_id", "start", "end", "reason_new")
    ):
        if reason_new == STARTED or child_id not in starts:
            starts[child_id] = start
        if end is None or end > until:
            open_on.add(child_id)
        else:
            open_on.discard(child_id)
    return {child_id: starts[child_id] for child_id in open_on}


def build(*, since, until, today):
    """{child id: [Reason, ...]} in risk order within each child."""
    reasons = defaultdict(list)
    periods = _looked_after_periods(until)

    for child_id, found in obligations_for_children(population("permanence", today), today=today).items():
        for o in found:
            if o.kind == DUTY and o.status == OVERDUE and o.due and (until - o.due).days > rules.DUTY_OVERDUE_DAYS:
                reasons[child_id].append(Reason(rules.DUTY_OVERDUE, f"Overdue: {o.title} (due {_d(o.due)})", o.due))

    for child_id, issued in Proceedings.objects.filter(
        Q(concluded__isnull=True) | Q(concluded__gt=until), issued__isnull=False, issued__lte=until
    ).values_list("child_id", "issued"):
        rule = rules.proceedings_rule(issued, until)
        if rule:
            week = rules.proceedings_week(issued, until)
            reasons[child_id].append(Reason(rule, f"Care proceedings in week {week} (issued {_d(issued)})", issued))

    reviews = defaultdict(list)
    for child_id, day in Review.objects.filter(child_id__in=list(periods), date__lte=until).values_list(
        "child_id", "date"
    ):
        if day >= periods[child_id]:
            reviews[child_id].append(day)
    planned = set(
        PermanencePlan.objects.filter(child_id__in=list(reviews), recorded__lte=until)
        .filter(Q(superseded_on__isnull=True) | Q(superseded_on__gt=until))
        .values_list("child_id", flat=True)
    )
    for child_id, days in reviews.items():
        if len(days) >= 2 and child_id not in planned:
            second = sorted(days)[1]
            reasons[child_id].append(
                Reason(
                    rules.NO_PLAN_AFTER_SECOND_REVIEW,
                    f"No permanence plan recorded; second review held on {_d(second)}",
                    second,
                )
            )

    year_before = until - timedelta(days=365)
    moves = defaultdict(list)
    for child_id, start in Episode.objects.filter(
        child_id__in=list(periods), start__gt=year_before, start__lte=until, reason_new__in=PLACEMENT_CHANGES
    ).values_list("child_id", "start"):
        moves[child_id].append(start)
    for child_id, days in moves.items():
        if len(days) >= rules.MOVES_AT_RISK:
            reasons[child_id].append(
                Reason(
                    rules.PLACEMENT_AT_RISK,
                    f"{len(days)} placement moves in the last 12 months (the latest on {_d(max(days))})",
                    min(days),
                )
            )

    changed = PermanencePlan.objects.filter(superseded_on__gt=since, superseded_on__lte=until).order_by("superseded_on")
    current = {
        p.child_id: p
        for p in PermanencePlan.objects.filter(child_id__in=changed.values("child_id"), superseded_on__isnull=True)
    }
    for old in changed:
        new = current.get(old.child_id)
        to = f" to {OPTION_NAMES[new.primary_option].lower()}" if new else ""
        reasons[old.child_id].append(
            Reason(
                rules.PLAN_CHANGED,
                f"Plan changed from {OPTION_NAMES[old.primary_option].lower()}{to} on {_d(old.superseded_on)}",
                old.superseded_on,
            )
        )

    for child_id, start in Episode.objects.filter(start__gt=since, start__lte=until, reason_new=STARTED).values_list(
        "child_id", "start"
    ):
        reasons[child_id].append(Reason(rules.NEW_TO_LIST, f"Started to be looked after on {_d(start)}", start))
    for referral in Referral.objects.filter(date__gt=since, date__lte=until).order_by("date"):
        reasons[referral.child_id].append(
            Reason(
                rules.NEW_TO_LIST,
                f"Referred to the permanence planning clinic on {_d(referral.date)}",
                referral.date,
            )
        )
    return {child_id: rules.in_risk_order(found) for child_id, found in reasons.items()}
