"""Periods of care and everything that hangs off them, as methods of cases.Family. Pure Python.

Children looked after today, children who left care in the last two years, children on the
edge of care (child in need, child protection, pre-proceedings) and unborn children.
"""

import math
from datetime import timedelta

from permanence.timescales.dates import add_months, add_working_days, add_years, age_on

from . import tables as T
from .postcodes import la_of, postcode_for

DAY = timedelta(days=1)
# Placements the standard records without an Ofsted URN (the DfE's rule 222).
NO_URN = {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4"}
ADOPTION_CODES = {"A5", "A6"}
GROUP_REASONS = {"E4A", "E4B", "E45", "E47", "E11", "E12", "E41", "E13", "E3", "E8"}


# Why a plan changed once the court concluded: reasons vary with the plan the child moves to.
PLAN_CHANGE_REASONS = {
    "": (
        "Assessments of the parents concluded; return home is not safe within the child's timescales.",
        "The parenting assessment was negative and the parents did not complete the treatment plan.",
        "Mother's progress did not last after the pre-birth assessment; the court made a final care order.",
    ),
    "adoption": (
        "No family member was assessed as able to care long term; adoption gives the permanence the child needs at this age.",
        "Both parents' assessments were negative and the viability assessments of the grandparents were not positive.",
        "The court endorsed the plan for adoption; the child is young and has no strong attachment to a family carer.",
    ),
    "kinship": (
        "The aunt's special guardianship assessment was positive; the child stays within the family.",
        "The grandparents were assessed positively as connected persons and want to care long term.",
    ),
    "special_guardianship": (
        "The aunt's special guardianship assessment was positive; the child stays within the family.",
        "The foster carers applied for special guardianship and the assessment supports it.",
    ),
    "long_term_fostering": (
        "The child is settled with the carers, who want to care until adulthood; the child does not want adoption.",
        "At twelve, the child's wish is to stay with the current carers and keep contact with the birth family.",
    ),
    "return_home": (
        "Father completed the parenting programme and the reunification assessment is positive.",
        "Mother has been abstinent for nine months and contact has gone well; a phased return home is agreed.",
    ),
}


def _weighted(rng, mapping):
    keys = list(mapping)
    return rng.choices(keys, weights=[mapping[k] for k in keys])[0]


def _band(age):
    for band in T.PLACEMENT_BY_BAND:
        if band[0] <= age <= band[1]:
            return band
    return (16, 17)


class Period:
    def __init__(self):
        self.entry = None
        self.legal = []  # (start, code)
        self.places = []  # (start, code, carer or None, reason previous placement ended)
        self.end = None
        self.reason_ceased = ""
        self.proc = None  # {"pre", "issued", "concluded", "weeks", "final_order"}
        self.adoptive_placement = None


# --- choosing where a child lives and under what legal status ----------------------------


def _placement_code(self, age, uasc):
    rng = self.rng
    if uasc:
        return _weighted(rng, T.UASC_PLACEMENT)
    group = _weighted(rng, T.PLACEMENT_BY_BAND[_band(age)])
    if group == "adoption":
        return "A6" if rng.random() < 0.8 else "A5"
    if group == "parents":
        return "P1"
    if group == "independent":  # P2 and H5 ended on 28 October 2023: supported accommodation is K3
        return "K3" if age >= 16 else "U6"
    if group == "other":  # Z1 ended in 2023 (now Z11-Z14); the demo places these children in foster care
        return "U6"
    if group == "residential":
        if age == 0:
            return "R3"
        if age >= 16:
            return "K3" if rng.random() < 0.25 else "K2"
        return _weighted(rng, {"K2": 85, "K1": 3, "S1": 7, "R1": 5}) if age >= 10 else "K2"
    kin = rng.random() < T.KINSHIP_SHARE_OF_FOSTER
    roll = rng.random()
    if roll < 0.03 and age < 2:
        return "U2" if kin else "U5"
    if roll < 0.40 and age >= 2:
        return "U1" if kin else "U4"
    return "U3" if kin else "U6"


def _legal_status(self, age, uasc, code):
    rng = self.rng
    if uasc:
        return "V2"
    if code in ADOPTION_CODES:
        return "E1"
    if code == "P1":
        return "C2" if rng.random() < 0.6 else "C1"
    if code in ("P2", "K3") and age >= 16:
        return "C2" if rng.random() < 0.65 else "V2"
    roll = rng.random()
    g = T.LEGAL_GENERAL
    if age >= 12 and roll < g["J1_12_plus"]:
        return "J1"
    roll = rng.random()
    if roll < g["L2"]:
        return "L2"
    if roll < g["L2"] + g["C1"]:
        return "C1"
    if roll < g["L2"] + g["C1"] + g["V2"]:
        return "V2"
    if age < 8 and rng.random() < g["E1_under_8"] / (1 - g["L2"] - g["C1"] - g["V2"]):
        return "E1"
    return "C2"


# --- legal timeline and proceedings --------------------------------------------------------


def _duration_weeks(self):
    return max(14, min(80, round(self.rng.gauss(T.PROCEEDINGS_WEEKS_MEAN, T.PROCEEDINGS_WEEKS_SD))))


def _pre_care(self, period, issued, dob):
    """Before an interim care order: accommodated under s20 or an emergency protection order."""
    rng = self.rng
    room = (issued - dob).days
    roll = rng.random()
    if roll < 0.25 and room > 8:
        start = issued - timedelta(days=rng.randint(7, min(90, room)))
        period.legal.append((start, "V2"))
        return start
    if roll < 0.35 and room > 2:
        start = issued - timedelta(days=rng.randint(1, min(8, room)))
        period.legal.append((start, "L2"))
        return start
    return issued


def _legal_path(self, period, ls, horizon, dob, placed=None):
    """Fill period.legal (oldest first) ending in status `ls` at `horizon`; returns False if impossible."""
    rng = self.rng
    span = (horizon - dob).days
    if ls in ("V2", "J1", "L2"):
        if ls == "V2":
            length = min(span, max(1, round(rng.expovariate(1 / 450))))
        elif ls == "J1":
            length = min(span, rng.randint(1, 90))
        else:
            length = min(span, rng.randint(0, 6))
        period.legal.append((horizon - timedelta(days=length), ls))
        return True
    weeks = _duration_weeks(self)
    duration = weeks * 7
    if ls == "C1":
        elapsed = rng.randint(1, max(1, min(duration - 1, span)))
        issued = horizon - timedelta(days=elapsed)
        _pre_care(self, period, issued, dob)
        period.legal.append((issued, "C1"))
        period.proc = {"issued": issued, "concluded": None, "weeks": weeks}
        return True
    # C2 or E1: proceedings have concluded.
    # Leave room for proceedings of at least 14 weeks between birth and the final order.
    if placed is not None:
        gap = min(rng.randint(90, 420), (placed - dob).days - 110)
        if gap < 20:
            return False
        concluded = placed - timedelta(days=gap)
    else:
        since = max(1, round(rng.expovariate(1 / (250 if ls == "E1" else 700))))
        since = min(since, span - 100)
        if since < 1:
            return False
        concluded = horizon - timedelta(days=since)
    room = (concluded - dob).days
    if room < 98:
        return False
    duration = min(duration, room - 1)
    issued = concluded - timedelta(days=duration)
    _pre_care(self, period, issued, dob)
    period.legal.append((issued, "C1"))
    period.legal.append((concluded, ls))
    period.proc = {
        "issued": issued,
        "concluded": concluded,
        "weeks": duration // 7,
        "final_order": "placement_order" if ls == "E1" else "care_order",
    }
    return True


def _proceedings(self, child, period, at_home=False):
    """Care proceedings from the PLO to the final order, with hearings and extensions."""
    rng, proc = self.rng, period.proc
    issued, concluded = proc["issued"], proc.get("concluded")
    proc_id = self.ids.next("proceedings")
    pre = None
    if rng.random() < 0.6:
        pre = issued - timedelta(days=rng.randint(30, 150))
    row = {
        "id": proc_id,
        "child_id": child["id"],
        "pre_proceedings_start": pre,
        "letter_before_proceedings": pre,
        "pre_proceedings_meeting": pre + timedelta(days=rng.randint(7, 21)) if pre else None,
        "issued": issued,
        "court": rng.choice(T.COURTS),
        "case_number": f"TB{issued:%y}C{proc_id:05d}",
        "final_evidence_due": issued + timedelta(weeks=rng.randint(14, 20)),
        "concluded": concluded,
        "final_order": proc.get("final_order", "") if concluded else "",
    }
    self.r.proceedings.append(row)
    today = self.today
    hearings = [("cmh", issued + timedelta(days=rng.randint(10, 18)))]
    end = concluded or issued + timedelta(weeks=proc["weeks"])
    irh = end - timedelta(weeks=rng.randint(3, 6))
    if irh > hearings[0][1]:
        hearings.append(("irh", irh))
    if concluded:
        hearings.append(("final", concluded))
    upcoming = [h for h in hearings if h[1] > today]
    for kind, day in [h for h in hearings if h[1] <= today] + upcoming[:1]:
        self.r.hearings.append({"proceedings_id": proc_id, "kind": kind, "date": day})
    # Extensions of the 26-week limit, 8 weeks at a time; some cases run on without one.
    elapsed = ((concluded or today) - issued).days
    needed = max(0, math.ceil((elapsed - 26 * 7) / 56))
    if (needed and not concluded and rng.random() < T.DRIFT["extension_missing"]) or self._force("proceedings"):
        needed = max(0, needed - 1)
    elif needed and concluded and rng.random() < 0.2:
        needed -= 1
    for n in range(needed):
        granted = issued + timedelta(weeks=24 + 8 * n)
        self.r.extensions.append(
            {
                "proceedings_id": proc_id,
                "granted": granted,
                "weeks": 8,
                "reason": rng.choice(
                    (
                        "Parenting assessment",
                        "Viability assessment of a relative",
                        "Expert psychological assessment",
                        "Court availability",
                    )
                ),
            }
        )
    return row


# --- placements -----------------------------------------------------------------------------


def _carer_for(self, code, since, age):
    if code in ("U1", "U2", "U3"):
        return self.kin_carer(since)
    if code in ("U4", "U6"):
        return self.foster_carer()
    if code in ("U5", "A5", "A6"):
        return self.adopter_carer("ffa_carer" if code in ("U5", "A5") else "adopter", since - timedelta(days=90))
    if code in ("K1", "K2", "R1", "S1"):
        return self.home("childrens_home")
    if code in ("K3", "R3"):
        return self.home("supported_accommodation")
    if code == "P1":
        return self.parent()
    return None


def _interim_code(self, age):
    roll = self.rng.random()
    if age >= 16:
        return "K3" if roll < 0.3 else "U6"
    if age >= 11 and roll < 0.15:
        return "K2"
    if roll < 0.27:
        return "U3"
    return "U6"


def _placements(self, period, code, horizon, dob, uasc, stable=False):
    """period.places: earlier placements (moves drawn by a stability model), then `code`."""
    rng = self.rng
    entry = period.entry
    if code in ADOPTION_CODES and period.adoptive_placement:
        placed = period.adoptive_placement
        if code == "A5":
            ffa_from = max(entry, placed - timedelta(days=rng.randint(60, 300)))
            if ffa_from > entry:
                period.places.append((entry, "U6", self.foster_carer(), ""))
            carer = _carer_for(self, "A5", ffa_from, 0)
            period.places.append((ffa_from, "U5", carer, "CARPL" if ffa_from > entry else ""))
            if placed > ffa_from:
                period.places.append((placed, "A5", carer, "PLACE"))
            return
        period.places.append((entry, _interim_code(self, age_on(dob, entry)), None, ""))
        period.places[-1] = (entry, period.places[-1][1], _carer_for(self, period.places[-1][1], entry, 0), "")
        period.places.append((placed, "A6", _carer_for(self, "A6", placed, 0), "CARPL"))
        return
    years = (horizon - entry).days / 365.25
    rate = 0.0 if stable else _weighted(rng, {0.25: 72, 0.9: 22, 2.8: 6})
    moves = 0
    if years > 0 and (horizon - entry).days > 2:
        # Poisson by inversion: placement moves in the period.
        threshold, p, moves = math.exp(-rate * years), 1.0, -1
        while p > threshold and moves < 8:
            p *= rng.random()
            moves += 1
        moves = max(0, moves)
    days = (
        sorted({entry + timedelta(days=rng.randint(1, (horizon - entry).days - 1)) for _ in range(moves)})
        if moves
        else []
    )
    starts = [entry, *days]
    for i, start in enumerate(starts):
        last = i == len(starts) - 1
        this = code if last else _interim_code(self, age_on(dob, start))
        reason = "" if i == 0 else _weighted(rng, T.REASON_PLACE_CHANGE_MIX)
        carer = _carer_for(self, this, start, age_on(dob, start))
        if last and this in ("U1", "U4") and period.places and rng.random() < 0.5:
            previous = period.places[-1]
            if previous[1] in ("U3", "U6") and (previous[1] == "U3") == (this == "U1"):
                carer, reason = previous[2], "PLACE"  # the same carers, now long-term
        period.places.append((start, this, carer, reason))


# --- episodes --------------------------------------------------------------------------------


def _episodes(self, child, period):
    changes = sorted({d for d, _ in period.legal} | {p[0] for p in period.places})
    legal = sorted(period.legal)
    places = period.places
    episodes, previous = [], None
    for day in changes:
        ls = [code for start, code in legal if start <= day][-1]
        place = [p for p in places if p[0] <= day][-1]
        _, code, carer, reason = place
        # What the standard allows: supported accommodation (K3) from 16; placed with parents
        # (P1) not while accommodated under section 20 (the DfE's rules 371 and 378).
        if code == "K3" and age_on(child["date_of_birth"], day) < 16:
            code = "K2"
        if code == "P1" and ls == "V2":
            code, carer = "U6", self.foster_carer()
        carer_id = carer["id"] if carer else None
        if previous is not None:
            legal_changed = ls != previous["legal_status"]
            carer_changed = carer_id != previous["carer_id"]
            code_changed = code != previous["placement"]
            if not (legal_changed or carer_changed or code_changed):
                continue
            if legal_changed and not (carer_changed or code_changed):
                rne = "L"
            elif not legal_changed:
                rne = "P" if carer_changed else "T"
            else:
                rne = "B" if carer_changed else "U"
            previous["end"], previous["reason_ceased"] = day, "X1"
            if rne != "L":
                previous["reason_place_change"] = reason or "OTHER"
        else:
            rne = "S"
        provider = "PR0" if code == "P1" else (carer["provider"] if carer else "PR1")
        # An unaccompanied child has no home address in England (the DfE's rule 406).
        home = "" if child["uasc"] else postcode_for(f"{self.council.seed}:home:{child['id']}", away_share=0)[0]
        where = (
            carer["postcode"]
            if carer and carer.get("postcode")
            else postcode_for(f"{self.council.seed}:place:{child['id']}")[0]
        )
        if where == home and code != "P1":
            where = postcode_for(f"{self.council.seed}:place:{child['id']}:again", away_share=0)[0]
        # A move to another carer of the same kind, from the same agency and in the same postcode
        # would read in the return as a placement change with nothing changed (the DfE's rule 435):
        # the child moves to a carer elsewhere.
        tries = 0
        while (
            previous is not None
            and rne == "P"
            and tries < 5
            and (code, where, provider) == (previous["placement"], previous["placement_postcode"], previous["provider"])
            and (carer["urn"] if carer and code not in NO_URN else "") == previous["urn"]
        ):
            tries += 1
            carer = _carer_for(self, code, day, age_on(child["date_of_birth"], day)) or carer
            carer_id = carer["id"] if carer else None
            provider = carer["provider"] if carer else provider
            where = carer["postcode"] if carer and carer.get("postcode") else where
        previous = {
            "child_id": child["id"],
            "start": day,
            "end": None,
            "reason_new": rne,
            "legal_status": ls,
            "category_of_need": child["_category"],
            "placement": code,
            "provider": provider,
            "carer_id": carer_id,
            "home_postcode": home,
            "placement_postcode": where,
            "placement_la": la_of(where),
            "urn": carer["urn"] if carer and code not in NO_URN else "",
            "reason_ceased": "",
            "reason_place_change": "",
        }
        episodes.append(previous)
    if period.end is not None:
        episodes[-1]["end"], episodes[-1]["reason_ceased"] = period.end, period.reason_ceased
    self.r.episodes.extend(episodes)
    return episodes


def _orders(self, child, period):
    """Legal orders read off the legal timeline (EPO, s20, ICO, care and placement orders)."""
    rng, out = self.rng, self.r.orders
    court = rng.choice(T.COURTS)
    legal = sorted(period.legal)
    for i, (start, code) in enumerate(legal):
        until = legal[i + 1][0] if i + 1 < len(legal) else period.end
        kind = {
            "L2": "emergency_protection_order",
            "V2": "section_20",
            "C1": "interim_care_order",
            "C2": "care_order",
            "J1": "remand",
        }.get(code)
        if code == "E1":
            out.append(_order(child, "care_order", start, period.end, court))
            kind = "placement_order"
        if kind:
            out.append(_order(child, kind, start, until, court if kind != "section_20" else ""))


def _order(child, kind, made, ended, court="", holder=""):
    return {
        "child_id": child["id"],
        "order_type": kind,
        "made": made,
        "ended": ended,
        "extended_to": None,
        "holder": holder,
        "court": court,
    }


# --- reviews and visits --------------------------------------------------------------------


def _reviews(self, child, start, stop, iro_id, drift=False, placed_for_adoption=None):
    """Reviews as the regulations time them: CPPCR 2010 reg 33, and once the child is placed for
    adoption AAR 2005 reg 36(3) (4 weeks after the placement, then 3 months, then 6)."""
    rng, dob = self.rng, child["date_of_birth"]
    held_dates, dues = [], []
    due = add_working_days(start, 20)
    adoption_reviews = 0
    while due <= stop:
        if placed_for_adoption and due > placed_for_adoption and not adoption_reviews:
            due = min(due, placed_for_adoption + timedelta(weeks=4))
        held = due - timedelta(days=rng.randint(0, 10))
        if rng.random() < 0.08:
            held = due + timedelta(days=rng.randint(1, 25))
        held = min(max(held, start, held_dates[-1] + DAY if held_dates else start), stop)
        held_dates.append(held)
        dues.append(due)
        if placed_for_adoption and held >= placed_for_adoption:
            adoption_reviews += 1
            due = add_months(held, 3 if adoption_reviews == 1 else 6)
            continue
        due = add_months(held, 3 if len(held_dates) == 1 else 6)
    if drift and held_dates and dues[-1] < self.today - 2 * DAY:
        held_dates.pop()
    for held in held_dates:
        young = age_on(dob, held) < 4
        self.r.reviews.append(
            {
                "child_id": child["id"],
                "date": held,
                "iro_id": iro_id,
                "participation": "PN0" if young else _weighted(rng, T.PARTICIPATION_4_PLUS),
            }
        )
    return held_dates


def _visit_after(period, reviews, anchor, held):
    """When a worker keeping to CPPCR 2010 reg 28 (or AAR 2005 reg 36(4)) visits next after
    `held`: weekly until the first review where the child is at home under an interim care order,
    with a connected person on temporary approval or placed for adoption, then four-weekly
    (six-weekly once placed for adoption or approved); three-monthly after a year only in a
    long-term foster placement (U1, U4); otherwise six-weekly."""
    _, code, carer, _ = period.places[-1]
    legal = [c for start, c in sorted(period.legal) if start <= held]
    first_review = next((r for r in reviews if r >= anchor), None)
    weekly = first_review is None or held < first_review
    approving = (
        bool(carer)
        and carer.get("kind") == "connected_person"
        and not (carer.get("full_approval_date") and carer["full_approval_date"] <= held)
    )
    at_home_interim = code == "P1" and legal and legal[-1] == "C1"
    if code in ADOPTION_CODES or at_home_interim or approving:
        after = held + timedelta(weeks=1 if weekly else 6 if code in ADOPTION_CODES else 4)
    elif held >= add_years(anchor, 1) and code in ("U1", "U4"):
        after = add_months(held, 3)
    else:
        after = held + timedelta(weeks=6)
    if code == "P1":  # a care order made while the child lives at home: a visit within a week of it
        orders = [start for start, c in period.legal if c == "C2" and held < start <= after]
        if orders:
            after = min(after, orders[0] + timedelta(days=5))
    return after


def _visits(self, child, anchor, worker_id, drift=False, period=None, reviews=()):
    rng, today = self.rng, self.today
    due, visits, dues = anchor + timedelta(weeks=1), [], []
    while True:
        early = min(6, (due - (visits[-1] if visits else anchor)).days // 3)
        held = max(anchor, due - timedelta(days=rng.randint(0, early)), visits[-1] + DAY if visits else anchor)
        if held > today:
            break
        visits.append(held)
        dues.append(due)
        due = _visit_after(period, reviews, anchor, held)
    if drift and visits and dues[-1] < today - 2 * DAY:
        visits.pop()
    old_enough = age_on(child["date_of_birth"], today) >= 4
    for day in visits[-6:]:
        self.r.visits.append(
            {"child_id": child["id"], "date": day, "by_id": worker_id, "seen_alone": old_enough and rng.random() < 0.85}
        )


# --- allocation, plans, decisions, meetings ------------------------------------------------------


def _allocate(self, child, start, end=None):
    """The allocated social worker (with a change of worker for some) and, if looked after, the IRO."""
    rng, wf, n = self.rng, self.council.workforce, child["_case_number"]
    status = child["_status"]
    if status == "looked_after":
        worker = wf["cic"][min(n // T.CASELOAD, len(wf["cic"]) - 1)]
    elif status == "ceased":
        worker = rng.choice(wf["cic"])
    else:
        worker = wf["fs"][min(n // T.CASELOAD, len(wf["fs"]) - 1)]
    team = wf["team_of"][worker]
    first_start = start
    if ((end or self.today) - start).days > 200 and rng.random() < 0.35:
        changed = self._between(start + timedelta(days=60), (end or self.today) - DAY)
        team_mates = [
            w
            for w in wf["cic" if status != "edge" and status != "unborn" else "fs"]
            if wf["team_of"][w] == team and w != worker
        ] or [worker]
        previous = rng.choice(team_mates)
        self.r.allocations.append(_allocation(child, "social_worker", previous, team, start, changed))
        first_start = changed
    self.r.allocations.append(_allocation(child, "social_worker", worker, team, first_start, end))
    iro = None
    if status in ("looked_after", "ceased"):
        iro = (
            wf["iro"][min(n // T.IRO_CASELOAD, len(wf["iro"]) - 1)]
            if status == "looked_after"
            else rng.choice(wf["iro"])
        )
        self.r.allocations.append(_allocation(child, "iro", iro, wf["team_of"][iro], start, end))
    return worker, iro


def _allocation(child, role, worker, team, start, end):
    return {"child_id": child["id"], "role": role, "worker_id": worker, "team_id": team, "start": start, "end": end}


def _plan(
    self,
    child,
    option,
    recorded,
    by,
    parallel="",
    stage="agreed_at_review",
    forum="review",
    concurrent=False,
    rationale="",
    superseded=None,
):
    self.r.plans.append(
        {
            "child_id": child["id"],
            "primary_option": option,
            "parallel_option": parallel,
            "concurrent": concurrent,
            "stage": stage,
            "recorded": recorded,
            "forum": forum,
            "rationale": rationale,
            "recorded_by_id": by,
            "superseded_on": superseded,
        }
    )


def _decision(self, child, kind, forum, day, by="", rationale=""):
    if day <= self.today:
        self.r.decisions.append(
            {
                "child_id": child["id"],
                "kind": kind,
                "forum": forum,
                "date": day,
                "decided_by": by,
                "rationale": rationale,
                "evidence": "",
                "recorded_by_id": None,
            }
        )


def _meeting(self, child, kind, day, notes=""):
    if day <= self.today:
        self.r.meetings.append({"child_id": child["id"], "kind": kind, "date": day, "notes": notes})


def _final_option(self, child, period, age_now):
    rng = self.rng
    code = period.places[-1][1]
    ls = sorted(period.legal)[-1][1]
    if ls == "E1" or code in ("A5", "A6", "U5", "U2"):
        return "adoption", ""
    if ls == "C1":
        # Twin-track: the parallel plan is always a different route from the primary one.
        if age_now < 5:
            primary = _weighted(rng, {"return_home": 40, "kinship": 30, "adoption": 30})
            return primary, ("kinship" if primary == "adoption" else "adoption")
        primary = _weighted(rng, {"return_home": 50, "kinship": 30, "long_term_fostering": 20})
        return primary, ("kinship" if primary == "long_term_fostering" else "long_term_fostering")
    if code == "P1":
        return "return_home", ""
    if code in ("K3", "P2") or (age_now >= 16 and rng.random() < 0.5):
        return "independence", ""
    if code in ("U1", "U3"):
        return _weighted(rng, {"special_guardianship": 45, "kinship": 35, "long_term_fostering": 20}), ""
    if code in ("K1", "K2", "R1", "S1"):
        return ("residential" if age_now >= 11 else "long_term_fostering"), ""
    if ls in ("V2", "J1", "L2"):
        return _weighted(rng, {"return_home": 60, "long_term_fostering": 25, "kinship": 15}), ""
    return "long_term_fostering", ""


def _planning(self, child, period, reviews, worker, horizon, drift_plan):
    """The permanence plan history, decisions and meetings for one period of care."""
    rng = self.rng
    age_now = age_on(child["date_of_birth"], horizon)
    final, parallel = _final_option(self, child, period, age_now)
    # A drifting case has no plan on record; never a child heading for adoption, whose placement
    # order and adoptive placement need the adoption plan.
    if not reviews or (drift_plan and final != "adoption"):
        return final
    first_day = reviews[0] if rng.random() < 0.7 or len(reviews) < 2 else reviews[1]
    proc = period.proc
    early = "return_home" if proc and final not in ("return_home",) and rng.random() < 0.5 else None
    stage = {
        "adoption": "placed" if period.adoptive_placement else "family_finding",
        "return_home": "exploring",
        "independence": "agreed_at_review",
        "residential": "agreed_at_review",
    }.get(final, "agreed_at_review")
    if proc and not proc.get("concluded"):
        stage = "before_court"
    if early and proc and proc.get("concluded") and proc["concluded"] > first_day:
        change_day = max(
            first_day,
            next(d for d in reviews if d >= proc["concluded"])
            if any(d >= proc["concluded"] for d in reviews)
            else proc["concluded"],
        )
        _plan(self, child, early, first_day, worker, parallel=final, stage="exploring", superseded=change_day)
        _decision(self, child, "plan_agreed", "review", first_day, "IRO", "Plan agreed at the looked-after review.")
        reason = self.rng.choice(
            PLAN_CHANGE_REASONS[final] if final in PLAN_CHANGE_REASONS else PLAN_CHANGE_REASONS[""]
        )
        _plan(self, child, final, change_day, worker, stage=stage, rationale=reason)
        _decision(self, child, "plan_changed", "review", change_day, "IRO", reason)
    else:
        _plan(
            self,
            child,
            final,
            first_day,
            worker,
            parallel=parallel,
            stage=stage,
            concurrent=bool(final == "adoption" and age_now < 2 and rng.random() < 0.3),
        )
        _decision(self, child, "plan_agreed", "review", first_day, "IRO", "Plan agreed at the looked-after review.")
    _meeting(self, child, "permanence_planning_meeting", period.entry + timedelta(days=rng.randint(20, 60)))
    if rng.random() < 0.35:
        _meeting(self, child, "family_group_conference", period.entry + timedelta(days=rng.randint(-30, 40)))
    if proc and final == "adoption":
        considered = proc["issued"] + timedelta(days=rng.randint(20, 60))
        _decision(self, child, "adoption_considered", "permanence_planning_meeting", considered)
        # Children Act 1989 s22C(9A): fostering for adoption considered while adoption is.
        _decision(
            self,
            child,
            "ffa_considered",
            "permanence_planning_meeting",
            considered + timedelta(days=14),
            "Team manager",
            "Fostering for adoption considered with the regional adoption agency.",
        )
        if proc.get("concluded"):
            adm = proc["concluded"] - timedelta(days=rng.randint(21, 70))
            _decision(self, child, "adm_should_be_placed", "adm", max(adm, proc["issued"]), "Agency Decision Maker")
            _meeting(
                self, child, "family_finding_started", max(adm, proc["issued"]) + timedelta(days=rng.randint(1, 20))
            )
    if proc and parallel:
        _decision(
            self,
            child,
            "twin_track_considered",
            "permanence_planning_meeting",
            proc["issued"] + timedelta(days=rng.randint(10, 40)),
        )
    if period.adoptive_placement:
        match = period.adoptive_placement - timedelta(days=rng.randint(14, 40))
        _decision(self, child, "match_approved", "permanence_panel", match, "Permanence panel and ADM")
        _meeting(self, child, "permanence_panel", match, "Match with prospective adopters recommended.")
    if any(code == "V2" for _, code in period.legal):
        _decision(
            self, child, "s20_reviewed", "review", min(horizon, period.entry + timedelta(days=rng.randint(60, 120)))
        )
    if age_now >= 16:
        _meeting(self, child, "pathway_plan", horizon - timedelta(days=rng.randint(10, 150)))
    if proc and not proc.get("concluded"):
        _meeting(self, child, "tracking_meeting", self.today - timedelta(days=rng.randint(1, 40)))
    elif final in ("long_term_fostering", "residential") and rng.random() < 0.15:
        _meeting(self, child, "clinic_referral", horizon - timedelta(days=rng.randint(20, 120)))
    return final


# --- the statuses --------------------------------------------------------------------------


def _force(self, what):
    """The demo social worker's first children always show some drift (so the dashboard has rows)."""
    return getattr(self, "_forced", None) == what


def _period_for(self, child, ls, code, horizon, uasc, stable=False):
    """A period of care ending (or still open) at `horizon` with legal status `ls` and placement `code`."""
    rng, dob = self.rng, child["date_of_birth"]
    period = Period()
    placed = None
    if code in ADOPTION_CODES:
        since = (
            rng.randint(1, 300)
            if horizon == self.today
            else max(70, round(rng.gauss(*T.ADOPTIVE_PLACEMENT_TO_ORDER_DAYS)))
        )
        placed = horizon - timedelta(days=since)
        entry_to_place = max(120, round(rng.gauss(*T.ENTRY_TO_ADOPTIVE_PLACEMENT_DAYS)))
        entry = max(placed - timedelta(days=entry_to_place), dob + timedelta(days=rng.randint(0, 7)))
        if (placed - entry).days < 120:
            code, placed = "U6", None
        else:
            period.adoptive_placement = placed
    if not _legal_path(self, period, ls, horizon, dob, placed=period.adoptive_placement):
        period.legal, period.adoptive_placement = [], None
        code = "U6" if code in ADOPTION_CODES else code
        _legal_path(self, period, "C1", horizon, dob)
    period.legal.sort()
    period.entry = period.legal[0][0]
    if uasc:
        floor = add_years(dob, 14)
        if period.entry < floor:
            period.legal = [(self._between(floor, horizon - DAY), "V2")]
            period.entry = period.legal[0][0]
    _placements(self, period, code, horizon, dob, uasc, stable=stable)
    return period


def _write_period(self, child, period, horizon, *, open_case, drift=()):
    """Episodes, orders, proceedings, reviews, visits, allocation and plans for one period."""
    _episodes(self, child, period)
    _orders(self, child, period)
    if period.proc:
        _proceedings(self, child, period)
    worker, iro = _allocate(self, child, period.entry, None if open_case else period.end)
    stop = self.today if open_case else period.end
    last_place = period.places[-1] if period.places else None
    placed = last_place[0] if last_place and last_place[1] in ADOPTION_CODES else None
    reviews = _reviews(self, child, period.entry, stop, iro, drift="review" in drift, placed_for_adoption=placed)
    if open_case:
        anchor = period.places[-1][0]
        _visits(self, child, anchor, worker, drift="visit" in drift, period=period, reviews=reviews)
    # A plan missing at the second review is drift a team would still be chasing: the second review
    # came in the last six months (a child in care for years without a plan is not a real week).
    second = reviews[1] if len(reviews) >= 2 else (add_months(reviews[0], 3) if reviews else None)
    second_due_passed = second is not None and second < self.today and second >= add_months(self.today, -6)
    return _planning(
        self, child, period, reviews, worker, horizon, drift_plan="plan" in drift and open_case and second_due_passed
    )


def _drift_for(self, child):
    rng = self.rng
    drift = {kind for kind in ("review", "visit", "plan") if rng.random() < T.DRIFT[kind]}
    n = child["_case_number"]
    forced = {1: ("visit",), 6: ("review", "visit"), 11: ("plan", "review")}
    if n in forced:
        drift |= set(forced[n])
        self._forced = "proceedings"
    else:
        self._forced = None
    return drift


def _set_ages(self, children):
    """Dates of birth first, so the family network can be dated from them."""
    rng, today, status = self.rng, self.today, self.spec.status
    if status == "looked_after":
        # Each sibling's age from the national mix; the family enters care together.
        for child in children:
            if self.spec.uasc:
                self._birth(child, _weighted(rng, T.UASC_AGES))
            else:
                low, high = _weighted(rng, T.AGE_BANDS)
                self._birth(child, rng.randint(low, high))
    elif status == "edge":
        for child in children:
            self._birth(child, rng.randint(0, 17))
    elif status == "unborn":
        children[0]["first_name"] = "Baby"
        children[0]["expected_date_of_birth"] = today + timedelta(days=rng.randint(14, 140))
    else:
        _ceased_ages(self, children)


def _ceased_ages(self, children):
    rng, today = self.rng, self.today
    # Siblings leave together for family reasons (return home, SGO, adoption ...), so a
    # family draws those with less weight and the children's mix still matches the figures.
    family_reason = _weighted(
        rng,
        {
            reason: weight / (T.MEAN_FAMILY_SIZE if reason in GROUP_REASONS else 1)
            for reason, weight in T.REASON_CEASED_MIX.items()
        },
    )
    ceased_on = today - timedelta(days=rng.randint(1, 730))
    for i, child in enumerate(children):
        reason = family_reason
        if i > 0 and family_reason not in GROUP_REASONS:
            reason = _weighted(rng, T.REASON_CEASED_MIX)
        ends = ceased_on if reason == family_reason else today - timedelta(days=rng.randint(1, 730))
        if reason == "E15" or (reason in ("E5", "E6", "E17") and len(children) == 1 and rng.random() < 0.3):
            child["uasc"] = True
            child["_category"] = T.UASC_CATEGORY
        low, high = CEASED_SHAPE[reason][2]
        age_at = rng.randint(low, high)
        if age_at == 18:
            child["date_of_birth"] = add_years(ends, -18)
        else:
            self._birth(child, age_at, on=ends)
        if child["uasc"] and age_on(child["date_of_birth"], ends) >= 18:
            child["uasc_ceased"] = ends
        child["_reason"], child["_ends"] = reason, ends


def _looked_after(self, children):
    rng, today, uasc = self.rng, self.today, self.spec.uasc
    # One child's period sets the family's path; a sibling born later gets a path of their own.
    first = rng.choice(children)
    children.sort(key=lambda c: c is not first)
    age = age_on(first["date_of_birth"], today)
    code = _placement_code(self, age, uasc)
    ls = _legal_status(self, age, uasc, code)
    if len(children) > 1 and ls == "J1":
        ls = "C2"
    shared = _period_for(self, first, ls, code, today, uasc)
    together = rng.random() < 0.65
    for i, child in enumerate(children):
        drift = _drift_for(self, child)
        if i == 0:
            period = shared
        else:
            period = _sibling_period(self, child, shared, together)
        _write_period(self, child, period, today, open_case=True, drift=drift)
        if rng.random() < 0.08 and i == 0:
            _earlier_period(self, child, period.entry)


def _sibling_period(self, child, shared, together):
    """A sibling's period: the family's legal path, placed together or apart.

    A sibling born after the family came into care has a path of their own.
    """
    dob = child["date_of_birth"]
    age = age_on(dob, self.today)
    code = _placement_code(self, age, False)
    if code in ADOPTION_CODES:
        code = "U6"
    if dob > shared.entry:
        return _period_for(self, child, _legal_status(self, age, False, code), code, self.today, False)
    period = Period()
    period.entry, period.legal = shared.entry, list(shared.legal)
    period.proc = dict(shared.proc) if shared.proc else None
    shared_code = shared.places[-1][1]
    if together and (shared_code in TOGETHER_CODES or (shared_code in ADOPTION_CODES and age < 10)):
        period.places = list(shared.places)
    else:
        _placements(self, period, code, self.today, dob, False)
    return period


TOGETHER_CODES = {"U1", "U2", "U3", "U4", "U5", "U6", "P1", "Z1"}


def _earlier_period(self, child, next_entry):
    """A short earlier period of care that ended with a return home (a re-entry to care)."""
    rng, dob = self.rng, child["date_of_birth"]
    end = next_entry - timedelta(days=rng.randint(30, 400))
    start = end - timedelta(days=rng.randint(20, 200))
    if start <= dob:
        return
    period = Period()
    period.entry, period.end, period.reason_ceased = start, end, "E4A"
    period.legal = [(start, "V2")]
    period.places = [(start, "U6", self.foster_carer(), "")]
    _episodes(self, child, period)
    _orders(self, child, period)
    _reviews(self, child, start, end, None)
    # The same social worker held the case then (no random draw, so the rest of the family is unchanged);
    # back in care within the same year (1 April to 31 March), the child kept that worker in between.
    later = [a for a in self.r.allocations if a["child_id"] == child["id"] and a["role"] == "social_worker"]
    if later:
        same_year = _return_year(end) == _return_year(next_entry)
        self.r.allocations.append(
            _allocation(
                child,
                "social_worker",
                later[0]["worker_id"],
                later[0]["team_id"],
                start,
                next_entry if same_year else end,
            )
        )


def _return_year(day):
    return day.year + (1 if day.month > 3 else 0)


# --- children who have left care -------------------------------------------------------------

CEASED_SHAPE = {
    # reason: (legal statuses, placements, age range at ceasing)
    "E11": (("E1",), ("A6", "A6", "A6", "A5"), (1, 6)),
    "E12": (("E1",), ("A6",), (1, 6)),
    "E45": (("C1", "C2"), ("U3", "U1"), (0, 12)),
    "E46": (("C2",), ("U4", "U6"), (1, 12)),
    "E47": (("C1", "C2"), ("U6",), (0, 12)),
    "E48": (("C2",), ("U6",), (1, 12)),
    "E41": (("C1",), ("U3", "U6"), (0, 14)),
    "E4A": (("V2", "V2", "C2"), ("U6", "U6", "K2"), (0, 17)),
    "E4B": (("V2",), ("U6", "K2"), (5, 17)),
    "E13": (("V2", "C2"), ("U3", "U6"), (2, 17)),
    "E5": (("C2", "V2"), ("K3", "K3"), (16, 18)),
    "E6": (("V2",), ("K3", "K3"), (16, 18)),
    "E17": (("C2", "V2"), ("U4", "U6", "U1"), (18, 18)),
    "E7": (("C2",), ("K2",), (18, 18)),
    "E3": (("C2", "V2"), ("U6",), (0, 17)),
    "E8": (("V2", "C2"), ("U6", "K2"), (0, 17)),
    "E15": (("V2",), ("K3", "U6"), (16, 17)),
    "E16": (("V2",), ("U6",), (3, 17)),
    "E9": (("V2",), ("K2", "U6"), (15, 17)),
    "E14": (("J1",), ("U6", "K2"), (12, 17)),
}


def _ceased(self, children):
    rng = self.rng
    for child in children:
        reason, ends = child["_reason"], child["_ends"]
        statuses, codes, _ = CEASED_SHAPE[reason]
        age_at = age_on(child["date_of_birth"], ends)
        ls, code = rng.choice(statuses), rng.choice(codes)
        if code in ("U1", "U4") and age_at < 2:
            code = code.replace("1", "3").replace("4", "6")
        period = _period_for(self, child, ls, code, ends, child["uasc"], stable=reason in ("E17",))
        if reason in ("E11", "E12") and period.places[-1][1] not in ADOPTION_CODES:
            reason = "E13"  # too young for the adoption timeline drawn: went to live with relatives
        period.end, period.reason_ceased = ends, reason
        _ceased_orders(self, child, period, reason, ends)
        option = _write_period(self, child, period, ends, open_case=False)
        _achieved(self, child, reason, ends, option)


def _ceased_orders(self, child, period, reason, ends):
    rng = self.rng
    carer = period.places[-1][2]
    holder = carer["name"] if carer else ""
    if reason in ("E11", "E12"):
        self.r.orders.append(_order(child, "adoption_order", ends, None, rng.choice(T.COURTS), holder))
    elif reason in ("E45", "E46", "E47", "E48", "E41"):
        if reason in ("E47", "E48"):
            person = self.people.get("grandparent") if reason == "E47" else None
            name = (
                f"{person['first_name']} {person['last_name']}"
                if person
                else f"{self._pick(T.ADULT_NAMES)} {self._pick(T.LAST_NAMES['White'])}"
            )
            self._carer("special_guardian", name, "PR1", person_id=person and person["id"], approval_date=ends)
            holder = name
        if reason == "E41":
            father = self.people.get("father0") or self.people.get("grandparent")
            holder = f"{father['first_name']} {father['last_name']}" if father else holder
        kind = "child_arrangements_order_live_with" if reason == "E41" else "special_guardianship_order"
        self.r.orders.append(_order(child, kind, ends, None, rng.choice(T.COURTS), holder))
        if period.proc and not period.proc.get("concluded"):
            period.proc["concluded"], period.proc["final_order"] = ends, kind
    elif reason in ("E4A", "E4B") and any(c == "C2" for _, c in period.legal) and rng.random() < 0.4:
        order = _order(child, "supervision_order", ends, None, rng.choice(T.COURTS))
        if add_years(ends, 1) < self.today:
            order["ended"] = add_years(ends, 1)
        self.r.orders.append(order)
    if period.proc and not period.proc.get("concluded"):
        period.proc["concluded"], period.proc["final_order"] = ends, ""


def _achieved(self, child, reason, ends, option):
    achieved = {
        "E11": "adoption",
        "E12": "adoption",
        "E45": "special_guardianship",
        "E46": "special_guardianship",
        "E47": "special_guardianship",
        "E48": "special_guardianship",
        "E41": "child_arrangements_order",
        "E4A": "return_home",
        "E13": "kinship",  # went to live with relatives, without an order
    }.get(reason)
    plans = [p for p in self.r.plans if p["child_id"] == child["id"] and p["superseded_on"] is None]
    if not achieved and plans and plans[-1]["stage"] in ("family_finding", "matched"):
        # Care ended another way: no family is still being looked for a child who is not looked after.
        plans[-1]["superseded_on"] = max(ends, plans[-1]["recorded"])
    if achieved and plans:
        current = plans[-1]
        if current["primary_option"] == achieved:
            current["stage"] = "achieved"
        elif ends >= current["recorded"]:
            current["superseded_on"] = ends
            _plan(
                self,
                child,
                achieved,
                ends,
                current["recorded_by_id"],
                stage="achieved",
                forum="review" if reason == "E13" else "court",
                rationale="Went to live with relatives: the plan is achieved without an order."
                if reason == "E13"
                else "Order made: the plan is achieved.",
            )


# --- the edge of care and unborn children --------------------------------------------------


def _edge(self, children):
    rng, today = self.rng, self.today
    kind = _weighted(rng, {"cin": 45, "pre_proceedings": 40, "proceedings": 15})
    opened = max(max(c["date_of_birth"] for c in children), today - timedelta(days=rng.randint(10, 500)))
    pre = today - timedelta(days=rng.randint(5, 200))
    issued = today - timedelta(days=rng.randint(7, 250))
    for child in children:
        self._forced = None
        worker, _ = _allocate(self, child, opened)
        if kind == "pre_proceedings":
            pre_day = max(pre, child["date_of_birth"])
            self.r.proceedings.append(
                {
                    "id": self.ids.next("proceedings"),
                    "child_id": child["id"],
                    "pre_proceedings_start": pre_day,
                    "letter_before_proceedings": pre_day,
                    "pre_proceedings_meeting": pre_day + timedelta(days=14)
                    if pre_day + timedelta(days=14) <= today
                    else None,
                    "issued": None,
                    "court": "",
                    "case_number": "",
                    "final_evidence_due": None,
                    "concluded": None,
                    "final_order": "",
                }
            )
        elif kind == "proceedings":
            day = max(issued, child["date_of_birth"])
            period = Period()
            period.proc = {"issued": day, "concluded": None, "weeks": _duration_weeks(self)}
            _proceedings(self, child, period)
            self.r.orders.append(_order(child, "supervision_order", day, None, rng.choice(T.COURTS)))
        parallel = "" if kind == "cin" else _weighted(rng, {"kinship": 50, "adoption": 20, "long_term_fostering": 30})
        if kind != "cin" or rng.random() < 0.5:
            _plan(
                self,
                child,
                "stay_home",
                max(opened, today - timedelta(days=rng.randint(1, 120))),
                worker,
                parallel=parallel,
                stage="exploring",
                forum="permanence_planning_meeting",
            )
        if rng.random() < 0.3:
            _meeting(self, child, "family_group_conference", today - timedelta(days=rng.randint(1, 90)))


def _unborn(self, children):
    rng, today = self.rng, self.today
    child = children[0]
    self._forced = None
    worker, _ = _allocate(self, child, today - timedelta(days=rng.randint(10, 90)))
    pre = today - timedelta(days=rng.randint(5, 60))
    self.r.proceedings.append(
        {
            "id": self.ids.next("proceedings"),
            "child_id": child["id"],
            "pre_proceedings_start": pre,
            "letter_before_proceedings": pre,
            "pre_proceedings_meeting": None,
            "issued": None,
            "court": "",
            "case_number": "",
            "final_evidence_due": None,
            "concluded": None,
            "final_order": "",
        }
    )
    _plan(
        self,
        child,
        "stay_home",
        pre,
        worker,
        parallel=_weighted(rng, {"adoption": 50, "kinship": 50}),
        concurrent=rng.random() < 0.2,
        stage="exploring",
        forum="permanence_planning_meeting",
    )
    _meeting(self, child, "permanence_planning_meeting", pre)
