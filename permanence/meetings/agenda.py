"""The monthly permanence tracking meeting's agenda, built from the record (Camden §5).

A child is on the agenda, with every reason in words, when since the last meeting:
- an obligation is overdue, or due within 14 days of the meeting (at risk);
- they were referred to the permanence planning clinic;
- their permanence plan changed;
- their care proceedings have passed 20 weeks (before the 26-week limit bites).
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Q

from permanence.children.models import Proceedings
from permanence.obligations.selectors import obligations_for_children
from permanence.planning.models import PermanencePlan
from permanence.planning.options import OPTION_NAMES
from permanence.timescales.obligations import DUE_SOON, OVERDUE
from permanence.tracking.trackers import population

from .choices import PROCEEDINGS_AGENDA_WEEKS
from .models import Referral

AT_RISK_DAYS = 14


def _d(value):
    return f"{value.day} {value:%B %Y}"


def build(*, since, until, today):
    reasons = defaultdict(list)
    horizon = until + timedelta(days=AT_RISK_DAYS)
    for child_id, found in obligations_for_children(population("permanence", today), today=today).items():
        for o in found:
            if o.status == OVERDUE:
                reasons[child_id].append(f"Overdue: {o.title} (due {_d(o.due)})")
            elif o.status == DUE_SOON or (o.open and o.due and o.due <= horizon):
                reasons[child_id].append(f"At risk: {o.title} (due {_d(o.due)})")
    for referral in Referral.objects.filter(date__gt=since, date__lte=until).order_by("date"):
        reasons[referral.child_id].append(f"Referred to the permanence planning clinic on {_d(referral.date)}")
    changed = PermanencePlan.objects.filter(superseded_on__gt=since, superseded_on__lte=until).order_by("superseded_on")
    current = {
        p.child_id: p
        for p in PermanencePlan.objects.filter(child_id__in=changed.values("child_id"), superseded_on__isnull=True)
    }
    for old in changed:
        new = current.get(old.child_id)
        to = f" to {OPTION_NAMES[new.primary_option].lower()}" if new else ""
        reasons[old.child_id].append(
            f"Plan changed from {OPTION_NAMES[old.primary_option].lower()}{to} on {_d(old.superseded_on)}"
        )
    week_20 = until - timedelta(weeks=PROCEEDINGS_AGENDA_WEEKS)
    for child_id, issued in Proceedings.objects.filter(
        Q(concluded__isnull=True) | Q(concluded__gt=until), issued__lte=week_20
    ).values_list("child_id", "issued"):
        week = (until - issued).days // 7 + 1
        reasons[child_id].append(f"Care proceedings in week {week} (issued {_d(issued)})")
    return dict(reasons)
