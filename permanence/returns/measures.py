"""The adoption scorecard (A1, A2, A10), timeliness and stability measures, read from episodes,
reviews, plans and proceedings. The definitions are written out beside each measure so a
performance analyst can check the figures by hand.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from permanence.children.models import Allocation, Child, Episode, Proceedings, Review
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.planning.models import PermanencePlan

from . import models as m
from .export import collection_year

A1_THRESHOLD = 426
A2_THRESHOLD = 121
ADOPTION_PLACEMENTS = {"A3", "A4", "A5", "A6"}
NEW_PLACEMENT = {"S", "P", "B"}  # a new period of care, or a change of carer (T and U keep the carer)
ROUTES = {
    "Adoption": {"E11", "E12"}, "Special guardianship order": {"E45", "E46", "E47", "E48"},
    "Child arrangements order": {"E41"}, "Returned home": {"E4A", "E4B"},
}


@dataclass
class Measure:
    code: str
    title: str
    headline: str
    definition: str
    rows: list = field(default_factory=list)  # [(label, value)] for the table and the chart
    unit: str = ""
    threshold: float | None = None


def periods_of_care(episodes):
    """Episodes (sorted) grouped into periods of care: a new period starts after a gap."""
    periods = []
    for e in episodes:
        if periods and periods[-1][-1]["end"] is not None and e["start"] <= periods[-1][-1]["end"]:
            periods[-1].append(e)
        elif periods and periods[-1][-1]["end"] is None:
            periods[-1].append(e)
        else:
            periods.append([e])
    return periods


def _mean(values):
    values = list(values)
    return round(sum(values) / len(values)) if values else None


def _pct(part, whole):
    return round(100 * part / whole, 1) if whole else None


def team_children(team, on):
    """Children whose social worker on `on` (or most recently before) was in `team`."""
    latest = {}
    for child, team_id, start in Allocation.objects.filter(role=Allocation.SOCIAL_WORKER, start__lte=on) \
            .order_by("start").values_list("child_id", "team_id", "start").iterator(chunk_size=20000):
        latest[child] = team_id
    return {c for c, t in latest.items() if t == team}


def load(year, team=None):
    start, end = collection_year(year)
    wanted = team_children(team, end) if team else None
    episodes = defaultdict(list)
    for row in Episode.objects.filter(start__lte=end).order_by("child_id", "start").values(
            "child_id", "start", "end", "reason_new", "legal_status", "placement", "reason_ceased", "carer_id") \
            .iterator(chunk_size=20000):
        if wanted is None or row["child_id"] in wanted:
            episodes[row["child_id"]].append(row)
    return start, end, wanted, episodes


def compute(*, year, team=None):
    start, end, wanted, episodes = load(year, team)
    dobs = dict(Child.objects.filter(id__in=list(episodes)).values_list("id", "date_of_birth")) \
        if len(episodes) < 900 else dict(Child.objects.values_list("id", "date_of_birth"))
    return [
        *_scorecard(year, episodes),
        _time_to_permanence(start, end, episodes),
        _plan_by_second_review(start, end, episodes),
        _three_placements(start, end, episodes),
        _long_term_stability(end, episodes, dobs),
        _proceedings(start, end, wanted),
        _exits(start, end, episodes),
        _reviews_on_time(start, end, episodes),
        _participation(start, end, episodes, dobs),
    ]


def adoptions(episodes, first, last):
    """[(child, entered care, moved in with adopters, moved in with them as foster carers)] for
    children adopted between `first` and `last`."""
    found = []
    for child, eps in episodes.items():
        for period in periods_of_care(eps):
            final = period[-1]
            if not (final["reason_ceased"] in ("E11", "E12") and final["end"] and first <= final["end"] <= last):
                continue
            placed = next((e for e in period if e["placement"] in ADOPTION_PLACEMENTS), None)
            if placed is None:
                continue
            with_carers = next((e["start"] for e in period if e["carer_id"] and e["carer_id"] == placed["carer_id"]),
                               placed["start"])
            found.append((child, period[0]["start"], placed["start"], with_carers))
    return found


def _scorecard(year, episodes):
    first = collection_year(year - 2)[0]
    last = collection_year(year)[1]
    adopted = adoptions(episodes, first, last)
    a1 = _mean((placed - entry).days for _, entry, placed, _ in adopted)
    a10 = _mean((carers - entry).days for _, entry, _, carers in adopted)
    matches = dict(m.AdoptionDetail.objects.filter(child_id__in=[a[0] for a in adopted])
                   .values_list("child_id", "date_match"))
    authority = {}
    for child, *_ in adopted:
        e1 = next((e["start"] for e in episodes[child] if e["legal_status"] == "E1"), None)
        if e1 and matches.get(child):
            authority[child] = (matches[child] - e1).days
    a2 = _mean(authority.values())
    span = f"adopted 1 April {first.year} to 31 March {last.year}"

    def within(value, limit):
        return "no adoptions" if value is None else f"{value} days ({'within' if value <= limit else 'over'} {limit})"

    def by_year(values):
        rows = []
        for y in range(year - 2, year + 1):
            s, e = collection_year(y)
            rows.append((f"{s.year}-{str(e.year)[2:]}", _mean(values(s, e))))
        return rows

    return [
        Measure("A1", "Entering care to moving in with the adoptive family", within(a1, A1_THRESHOLD),
                f"Average days from the start of the period of care to the first adoptive placement (A3-A6), "
                f"children {span}; threshold {A1_THRESHOLD} days.",
                by_year(lambda s, e: ((p - n).days for _, n, p, _ in adoptions(episodes, s, e))), "days", A1_THRESHOLD),
        Measure("A2", "Court authority to place to the match with adopters", within(a2, A2_THRESHOLD),
                f"Average days from the placement order (first E1 episode) to the match (AD1 DATE_MATCH), children "
                f"{span}; threshold {A2_THRESHOLD} days.",
                [(f"{len(authority)} children", a2)], "days", A2_THRESHOLD),
        Measure("A10", "Entering care to moving in with the adoptive family, adjusted for foster carer adoptions",
                within(a10, A1_THRESHOLD),
                f"As A1, but a child adopted by their foster carers counts from the day they moved in with "
                f"them; children {span}; threshold {A1_THRESHOLD} days.",
                by_year(lambda s, e: ((c - n).days for _, n, _, c in adoptions(episodes, s, e))), "days", A1_THRESHOLD),
    ]


def _ceased_periods(start, end, episodes):
    for child, eps in episodes.items():
        for period in periods_of_care(eps):
            final = period[-1]
            if final["end"] and start <= final["end"] <= end and final["reason_ceased"] not in ("", "X1"):
                yield child, period


def _time_to_permanence(start, end, episodes):
    days = defaultdict(list)
    for _, period in _ceased_periods(start, end, episodes):
        for route, codes in ROUTES.items():
            if period[-1]["reason_ceased"] in codes:
                days[route].append((period[-1]["end"] - period[0]["start"]).days)
    rows = [(f"{route} ({len(days[route])} {'child' if len(days[route]) == 1 else 'children'})", _mean(days[route]))
            for route in ROUTES]
    known = [r for r in rows if r[1] is not None]
    headline = ", ".join(f"{label.split(' (')[0]} {value} days" for label, value in known) or "no children left care"
    return Measure("TP", "Entering care to permanence, by route", headline,
                   "Average days from the start of the period of care to leaving care, for children who left care "
                   "in the year by adoption, special guardianship, a child arrangements order or returning home.",
                   rows, "days")


def _plan_by_second_review(start, end, episodes):
    reviews = defaultdict(list)
    for child, day in Review.objects.filter(date__lte=end).order_by("date").values_list("child_id", "date") \
            .iterator(chunk_size=20000):
        if child in episodes:
            reviews[child].append(day)
    plans = defaultdict(list)
    for child, day in PermanencePlan.objects.values_list("child_id", "recorded").iterator(chunk_size=20000):
        if child in episodes:
            plans[child].append(day)
    due, met = 0, 0
    for child, eps in episodes.items():
        for period in periods_of_care(eps):
            entered = period[0]["start"]
            held = [d for d in reviews[child] if d >= entered and (period[-1]["end"] is None or d <= period[-1]["end"])]
            if len(held) >= 2 and start <= held[1] <= end:
                due += 1
                met += any(entered - timedelta(days=365) <= p <= held[1] for p in plans[child])
    pct = _pct(met, due)
    return Measure("PP", "Permanence plan by the second review", f"{pct}% ({met} of {due})" if due else "no second reviews",
                   "Children whose second review in the period of care was held in the year: how many had a "
                   "permanence plan recorded by that review (Care Planning Regulations 2010, reg 36).",
                   [("Plan by the second review", met), ("No plan by the second review", due - met)], "children")


def looked_after_on(eps, day):
    return any(e["start"] <= day and (e["end"] is None or e["end"] > day) for e in eps)


def _three_placements(start, end, episodes):
    counts = Counter()
    for child, eps in episodes.items():
        in_year = [e for e in eps if e["start"] <= end and (e["end"] is None or e["end"] >= start)]
        if not in_year or not looked_after_on(eps, end):
            continue
        placements = 1 + sum(1 for e in in_year[1:] if e["reason_new"] in NEW_PLACEMENT)
        counts[min(placements, 3)] += 1
    total = sum(counts.values())
    return Measure("S1", "Three or more placements in the year", f"{_pct(counts[3], total)}% of {total} children"
                   if total else "no children", "Children looked after on 31 March: placements in the year (the "
                   "first episode in the year, then each new episode that changed the carer: RNE S, P or B). "
                   "England 2022-23: 10%.",
                   [("1 placement", counts[1]), ("2 placements", counts[2]), ("3 or more", counts[3])], "children")


def _long_term_stability(end, episodes, dobs):
    cohort, stable = 0, 0
    for child, eps in episodes.items():
        dob = dobs.get(child)
        if dob is None or not looked_after_on(eps, end) or (end - dob).days >= 16 * 365.25:
            continue
        period = periods_of_care(eps)[-1]
        if (end - period[0]["start"]).days < 913:  # 2.5 years
            continue
        cohort += 1
        since = period[-1]["start"]
        for e in reversed(period[:-1]):
            if e["carer_id"] and e["carer_id"] == period[-1]["carer_id"]:
                since = e["start"]
            else:
                break
        carer_since = since if period[-1]["placement"] not in ADOPTION_PLACEMENTS else period[-1]["start"]
        stable += (end - carer_since).days >= 730 or period[-1]["placement"] in ADOPTION_PLACEMENTS
    return Measure("S2", "Long-term stability of under-16s", f"{_pct(stable, cohort)}% of {cohort} children"
                   if cohort else "no children",
                   "Children under 16 on 31 March, looked after for 2.5 years or more: how many have lived with the "
                   "same carer for 2 years or more, or are placed for adoption. England 2024: 68%.",
                   [("Same carer 2 years or more", stable), ("Not", cohort - stable)], "children")


def _proceedings(start, end, wanted):
    rows = Proceedings.objects.filter(concluded__range=(start, end), issued__isnull=False)
    weeks = [(c - i).days / 7 for child, i, c in rows.values_list("child_id", "issued", "concluded")
             if wanted is None or child in wanted]
    bands = Counter("up to 26 weeks" if w <= 26 else "27 to 39 weeks" if w <= 39 else "40 weeks or more" for w in weeks)
    mean = round(sum(weeks) / len(weeks), 1) if weeks else None
    return Measure("CP", "Care proceedings duration", f"{mean} weeks on average ({len(weeks)} cases)" if weeks
                   else "no proceedings concluded", "Care proceedings concluded in the year: weeks from issue to the "
                   "final order (the 26-week limit, Children Act 1989 s32(1)(a)). England Q3 2024-25: 39 weeks.",
                   [(band, bands[band]) for band in ("up to 26 weeks", "27 to 39 weeks", "40 weeks or more")], "cases")


def _exits(start, end, episodes):
    reasons = Counter(period[-1]["reason_ceased"] for _, period in _ceased_periods(start, end, episodes))
    rows = [(f"{code} {REASON_CEASED.meaning(code)}", n) for code, n in sorted(reasons.items(), key=lambda r: -r[1])]
    total = sum(reasons.values())
    return Measure("EX", "Children leaving care, by reason", f"{total} children left care", "Periods of care that "
                   "ended in the year, by the reason the last episode ceased (REC).", rows, "children")


def _reviews_on_time(start, end, episodes):
    held = defaultdict(list)
    for child, day in Review.objects.filter(date__lte=end).order_by("date").values_list("child_id", "date") \
            .iterator(chunk_size=20000):
        if child in episodes:
            held[child].append(day)
    on_time = late = 0
    for child, eps in episodes.items():
        for period in periods_of_care(eps):
            entered = period[0]["start"]
            previous = None
            for n, day in enumerate(d for d in held[child] if d >= entered):
                if day < start or day > end:
                    previous = day
                    continue
                limit = entered + timedelta(days=28) if n == 0 else \
                    previous + timedelta(days=92 if n == 1 else 183)
                on_time += day <= limit
                late += day > limit
                previous = day
    total = on_time + late
    return Measure("RV", "Reviews held on time", f"{_pct(on_time, total)}% of {total} reviews" if total else "no reviews",
                   "Reviews in the year held by the date due: the first within 20 working days of entering care "
                   "(counted as 28 days), the second within 3 months, then every 6 months (Care Planning "
                   "Regulations 2010, reg 33).", [("On time", on_time), ("Late", late)], "reviews")


def _participation(start, end, episodes, dobs):
    codes = Counter(pn for child, pn in Review.objects.filter(date__range=(start, end))
                    .values_list("child_id", "participation") if child in episodes and pn and pn != "PN0")
    took_part = sum(n for pn, n in codes.items() if pn != "PN7")
    total = sum(codes.values())
    return Measure("PN", "Children taking part in their reviews", f"{_pct(took_part, total)}% of {total} reviews"
                   if total else "no reviews", "Reviews in the year of children aged 4 and over, by how the child "
                   "took part (PN1-PN6 took part; PN7 did not).", [(pn, codes[pn]) for pn in sorted(codes)], "reviews")


def default_year(today=None):
    today = today or date.today()
    return today.year if today.month > 3 else today.year - 1
