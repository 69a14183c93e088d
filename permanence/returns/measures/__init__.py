"""The performance measures the product shows: the adoption scorecard (A1, A2, A10), time to
permanence, the plan by the second review, stability, proceedings, exits, reviews on time and
participation. Read in bulk from recorded facts (episodes, AD1 details, reviews, plans,
proceedings); worked out by pure functions (scorecard.py, care.py) that a performance analyst can
check by hand; each definition is written beside its figure.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from permanence.children.models import Allocation, Child, Episode, Proceedings, Review
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.planning.models import PermanencePlan
from permanence.text import counts

from .. import models as m
from ..cohorts import collection_year
from . import care, scorecard
from .scorecard import A1_THRESHOLD, A2_THRESHOLD

EPISODE_FIELDS = ("start", "end", "reason_new", "legal_status", "placement", "reason_ceased")


@dataclass
class Measure:
    code: str
    title: str
    headline: str
    definition: str
    rows: list = field(default_factory=list)  # [(label, value)] for the table and the chart
    unit: str = ""
    threshold: float | None = None
    note: str = ""  # what the figure leaves out, and why


def _pct(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _children(n):
    return f"{n} {'child' if n == 1 else 'children'}"


def _left_out(n, why):
    return f"{_children(n)} left out: {why}." if n else ""


def team_children(team, on):
    """Children whose social worker on `on` (or most recently before) was in `team`."""
    latest = {}
    for child, team_id, _start in (
        Allocation.objects.filter(role=Allocation.SOCIAL_WORKER, start__lte=on)
        .order_by("start")
        .values_list("child_id", "team_id", "start")
        .iterator(chunk_size=20000)
    ):
        latest[child] = team_id
    return {c for c, t in latest.items() if t == team}


def _by_child(queryset, fields, wanted):
    grouped = defaultdict(list)
    for row in queryset.values_list("child_id", *fields).iterator(chunk_size=20000):
        if wanted is None or row[0] in wanted:
            grouped[row[0]].append(row[1] if len(fields) == 1 else row[1:])
    return grouped


def compute(*, year, team=None):
    start, end = collection_year(year)
    wanted = team_children(team, end) if team else None
    episodes = defaultdict(list)
    for row in (
        Episode.objects.filter(start__lte=end).order_by("child_id", "start").values("child_id", *EPISODE_FIELDS)
    ).iterator(chunk_size=20000):
        if wanted is None or row["child_id"] in wanted:
            episodes[row["child_id"]].append(row)
    births = dict(Child.objects.filter(date_of_birth__isnull=False).values_list("id", "date_of_birth"))
    reviews = _by_child(Review.objects.filter(date__lte=end).order_by("date"), ["date"], wanted)
    return [
        *_scorecard(year, episodes),
        _time_to_permanence(start, end, episodes),
        _plan_by_second_review(start, end, episodes, reviews, wanted),
        _three_placements(start, end, episodes),
        _long_term_stability(end, episodes, births),
        _proceedings(start, end, wanted),
        _exits(start, end, episodes),
        _reviews_on_time(start, end, episodes, reviews),
        _participation(start, end, births, wanted),
    ]


def _within(value, limit):
    return (
        "no adoptions"
        if value is None
        else f"{counts.days(value)} ({'within' if value <= limit else 'over'} {limit:,})"
    )


def _scorecard(year, episodes):
    first, last = collection_year(year - 2)[0], collection_year(year)[1]
    cohort = scorecard.adoptions(episodes, first, last)
    matches = dict(
        m.AdoptionDetail.objects.filter(child_id__in=[a.child for a in cohort.adoptions]).values_list(
            "child_id", "date_match"
        )
    )
    a1 = scorecard.mean_days(scorecard.a1_days(cohort))
    a10 = scorecard.mean_days(scorecard.a10_days(cohort))
    a2_days, a2_left_out = scorecard.a2_days(cohort, matches)
    a2 = scorecard.mean_days(a2_days)
    span = f"adopted 1 April {first.year} to 31 March {last.year}"
    no_start = _left_out(len(cohort.start_not_on_record), "the day their care began is not on record")

    def by_year(days):
        rows = []
        for y in range(year - 2, year + 1):
            s, e = collection_year(y)
            rows.append((f"{s.year}-{str(e.year)[2:]}", scorecard.mean_days(days(scorecard.adoptions(episodes, s, e)))))
        return rows

    return [
        Measure(
            "A1",
            "Entering care to moving in with the adoptive family",
            _within(a1, A1_THRESHOLD),
            "Average days from the day the child entered care (the start of the period of care that ended in "
            "adoption) to the day they moved in with their adoptive family (the first placement for adoption, "
            f"A3-A6), children {span} (DfE adoption scorecard A1); threshold {A1_THRESHOLD} days.",
            by_year(scorecard.a1_days),
            "days",
            A1_THRESHOLD,
            no_start,
        ),
        Measure(
            "A2",
            "Court authority to place to the match with adopters",
            _within(a2, A2_THRESHOLD),
            "Average days from the court's authority to place the child for adoption (a placement order, E1, "
            "or a freeing order, D1) to the decision to match the child with adopters (AD1 DATE_MATCH); a "
            f"match made before the authority counts 0 days. Children {span} (DfE adoption scorecard A2); "
            f"threshold {A2_THRESHOLD} days.",
            [(f"{_children(len(a2_days))} measured", a2)],
            "days",
            A2_THRESHOLD,
            _left_out(a2_left_out, "the court's authority or the match is not on record"),
        ),
        Measure(
            "A10",
            "Entering care to moving in with the adoptive family, adjusted for foster carer adoptions",
            _within(a10, A1_THRESHOLD),
            "As A1, but a child adopted by their foster carers (placed for adoption with current foster carers, "
            "A3 or A5) counts to the day they moved in with those carers: the start of the run of episodes "
            f"that changed only the legal status or kind of placement (RNE L, T, U). Children {span} (DfE "
            f"adoption scorecard A10); threshold {A1_THRESHOLD} days.",
            by_year(scorecard.a10_days),
            "days",
            A1_THRESHOLD,
            no_start,
        ),
    ]


def _time_to_permanence(start, end, episodes):
    days, left_out = care.time_to_permanence(episodes, start, end)
    rows = [(f"{route} ({_children(len(days[route]))})", scorecard.mean_days(days[route])) for route in care.ROUTES]
    known = [r for r in rows if r[1] is not None]
    headline = (
        ", ".join(f"{label.split(' (')[0]} {counts.days(value)}" for label, value in known) or "no children left care"
    )
    return Measure(
        "TP",
        "Entering care to permanence, by route",
        headline,
        "Average days from the start of the period of care to leaving care, for children who left care "
        "in the year by adoption, special guardianship, a child arrangements order or returning home.",
        rows,
        "days",
        note=_left_out(left_out, "the day their care began is not on record"),
    )


def _plan_by_second_review(start, end, episodes, reviews, wanted):
    plans = _by_child(PermanencePlan.objects.all(), ["recorded"], wanted)
    met, due, left_out = care.plan_by_second_review(episodes, reviews, plans, start, end)
    return Measure(
        "PP",
        "Permanence plan by the second review",
        f"{_pct(met, due)}% ({met} of {due})" if due else "no second reviews",
        "Children whose second review in the period of care was held in the year: how many had a "
        "permanence plan recorded by that review (Care Planning, Placement and Case Review (England) "
        "Regulations 2010, reg 36).",
        [("Plan by the second review", met), ("No plan by the second review", due - met)],
        "children",
        note=_left_out(left_out, "the day their care began is not on record"),
    )


def _three_placements(start, end, episodes):
    counts = care.three_placements(episodes, start, end)
    total = sum(counts.values())
    return Measure(
        "S1",
        "Three or more placements in the year",
        f"{_pct(counts[3], total)}% of {total} children" if total else "no children",
        "Children looked after on 31 March: placements in the year (the first episode in the year, then "
        "each new episode that changed the carer: RNE S, P or B). England 2022-23: 10%.",
        [("1 placement", counts[1]), ("2 placements", counts[2]), ("3 or more", counts[3])],
        "children",
    )


def _long_term_stability(end, episodes, births):
    stable, cohort, unknown = care.long_term_stability(episodes, births, end)
    return Measure(
        "S2",
        "Long-term stability of under-16s",
        f"{_pct(stable, cohort)}% of {cohort} children" if cohort else "no children",
        "Children under 16 on 31 March, looked after for 2.5 years or more: how many have lived with the "
        "same carer for 2 years or more (episodes since changed only the legal status or kind of placement, "
        "RNE L, T or U), or are placed for adoption and that placement with the one before it has lasted "
        "2 years or more. England 2024: 68%.",
        [("Same carer 2 years or more", stable), ("Not", cohort - stable)],
        "children",
        note=_left_out(unknown, "their episodes on record do not reach back far enough to tell"),
    )


def _proceedings(start, end, wanted):
    rows = Proceedings.objects.filter(concluded__range=(start, end), issued__isnull=False)
    weeks = care.proceedings_weeks(
        (i, c)
        for child, i, c in rows.values_list("child_id", "issued", "concluded")
        if wanted is None or child in wanted
    )
    bands = {"up to 26 weeks": 0, "27 to 39 weeks": 0, "40 weeks or more": 0}
    for w in weeks:
        bands["up to 26 weeks" if w <= 26 else "27 to 39 weeks" if w <= 39 else "40 weeks or more"] += 1
    mean = round(sum(weeks) / len(weeks), 1) if weeks else None
    return Measure(
        "CP",
        "Care proceedings duration",
        f"{mean} weeks on average ({len(weeks)} cases)" if weeks else "no proceedings concluded",
        "Care proceedings concluded in the year: weeks from issue to the final order (the 26-week limit, "
        "Children Act 1989 s32(1)(a)). England Q3 2024-25: 39 weeks.",
        list(bands.items()),
        "cases",
    )


def _exits(start, end, episodes):
    reasons = care.exits(episodes, start, end)
    rows = [(f"{code} {REASON_CEASED.meaning(code)}", n) for code, n in sorted(reasons.items(), key=lambda r: -r[1])]
    return Measure(
        "EX",
        "Children leaving care, by reason",
        f"{sum(reasons.values())} children left care",
        "Periods of care that ended in the year, by the reason the last episode ceased (REC).",
        rows,
        "children",
    )


def _reviews_on_time(start, end, episodes, reviews):
    on_time, late, left_out = care.reviews_on_time(episodes, reviews, start, end)
    total = on_time + late
    return Measure(
        "RV",
        "Reviews held on time",
        f"{_pct(on_time, total)}% of {total} reviews" if total else "no reviews",
        "Reviews in the year held by the date due: the first within 20 working days of entering care, the "
        "second within 3 months of the first, then within 6 months of the one before (Care Planning, "
        "Placement and Case Review (England) Regulations 2010, reg 33).",
        [("On time", on_time), ("Late", late)],
        "reviews",
        note=_left_out(
            left_out, "the day their care began is not on record, so the first review's due date is not known"
        ),
    )


def _participation(start, end, births, wanted):
    rows = Review.objects.filter(date__range=(start, end)).values_list("child_id", "date", "participation")
    codes = care.participation(((c, d, p) for c, d, p in rows if wanted is None or c in wanted), births)
    took_part = sum(n for pn, n in codes.items() if pn != "PN7")
    total = sum(codes.values())
    return Measure(
        "PN",
        "Children taking part in their reviews",
        f"{_pct(took_part, total)}% of {total} reviews" if total else "no reviews",
        "Reviews in the year of children aged 4 and over, by how the child took part (PN1-PN6 took part; PN7 did not).",
        [(pn, codes[pn]) for pn in sorted(codes)],
        "reviews",
    )


def default_year(today=None):
    today = today or date.today()
    return today.year if today.month > 3 else today.year - 1
