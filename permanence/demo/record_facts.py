"""The demo council's dated facts of care, read off the loaded episodes (EXTENSIONS in loader.py):
health assessments, dental checks, personal education plans, care plans, needs assessments and
pathway plans, temporary approval of connected persons and long-term foster placements.

As a real council's would look: most on time, some late, a few missing; every row passes the
same pure rules (permanence.children.rules) a page, the API and the 903 import use, so the demo
never holds a record the product would refuse. Deterministic for a seed.
"""

import random
from collections import defaultdict
from datetime import timedelta

from permanence.children import rules
from permanence.children.carers import CONNECTED_PERSON
from permanence.children.models import (
    Child,
    DentalCheck,
    EducationPlan,
    Episode,
    HealthAssessment,
    LongTermFosterConfirmation,
    Review,
    StatutoryPlan,
    TemporaryApproval,
)
from permanence.codes.placement import LONG_TERM_FOSTER
from permanence.timescales.dates import age_on, birthday

BATCH = 2000
ON_TIME = 0.85  # most statutory work is on time (calibration: most reviews within timescale)
LATE = 0.11  # some late; the rest not yet recorded
STILL_OUTSTANDING_DAYS = 120  # what fell due longer ago than this was done, late


def _periods(episodes, today):
    """Continuous periods of care: [(start, end or None)], from a child's episodes in order."""
    periods = []
    for start, end, *_ in episodes:
        if periods and periods[-1][1] == start:
            periods[-1] = (periods[-1][0], end)
        else:
            periods.append((start, end))
    return [(start, end if end is None or end <= today else today) for start, end in periods]


def _when(rng, due, today, *, early=7, late_by=(10, 60)):
    """The day a task due on `due` was done: usually just before it, sometimes late, sometimes not
    yet. What fell due long ago was done in the end, late: a real record has no health assessment
    missing for years, only this season's few still outstanding."""
    roll = rng.random()
    if roll < ON_TIME:
        day = due - timedelta(days=rng.randint(0, early))
    elif roll < ON_TIME + LATE:
        day = due + timedelta(days=rng.randint(*late_by))
    elif (today - due).days > STILL_OUTSTANDING_DAYS:
        day = due + timedelta(days=late_by[1] + due.toordinal() % 60)
    else:
        return None
    return day if day <= today else None


def _health(out, rng, pk, dob, periods, today):
    for start, end in periods:
        until = end or today
        first = _when(rng, start + timedelta(days=28), today)  # reg 7: before the first review (20 working days)
        if first is None or first > until:
            continue
        out[HealthAssessment].append(
            HealthAssessment(child_id=pk, kind=HealthAssessment.INITIAL, date=first, by="Dr A. Paediatrician")
        )
        last = first
        while True:
            months = 6 if dob and age_on(dob, last) < 5 else 12
            due = last + timedelta(days=round(months * 30.4))
            if due > until:
                break
            done = _when(rng, due, today)
            if done is None or done > until:
                break
            out[HealthAssessment].append(
                HealthAssessment(
                    child_id=pk, kind=HealthAssessment.REVIEW, date=done, by="Looked-after children's nurse"
                )
            )
            last = done
        day = first + timedelta(days=rng.randint(30, 120))
        while day <= until:
            if rng.random() < 0.8:
                out[DentalCheck].append(DentalCheck(child_id=pk, date=day))
            day += timedelta(days=rng.randint(330, 420))


def _education(out, rng, pk, dob, periods, today):
    if dob is None:
        return
    for start, end in periods:
        until = end or today
        day = start + timedelta(days=rng.randint(10, 25))
        while day <= until:
            if 3 <= age_on(dob, day) < 18:
                done = _when(rng, day, today, early=3)
                if done is not None and start <= done <= until:
                    out[EducationPlan].append(EducationPlan(child_id=pk, date=done, school="Thornbury schools"))
            day += timedelta(days=rng.randint(110, 130))  # once a term


def _plans(out, rng, pk, dob, periods, reviews, today):
    for start, end in periods:
        until = end or today
        first = start + timedelta(days=rng.randint(0, 9))  # before the child is placed, or within 10 working days
        if first <= until:
            out[StatutoryPlan].append(StatutoryPlan(child_id=pk, kind=StatutoryPlan.CARE_PLAN, date=first))
        for held in reviews:
            if start < held <= until and rng.random() < 0.9:
                out[StatutoryPlan].append(StatutoryPlan(child_id=pk, kind=StatutoryPlan.CARE_PLAN, date=held))
        if dob is None:
            continue
        # Eligible (CPPCR reg 40): 16 or 17, and looked after 13 weeks since the 14th birthday.
        fourteen, sixteen, eighteen = (birthday(dob, years) for years in (14, 16, 18))
        eligible = max(sixteen, max(start, fourteen) + timedelta(weeks=13))
        if eligible <= until and eligible < eighteen:
            assessed = _when(rng, eligible + timedelta(days=90), today, early=60)
            if assessed and assessed <= until:
                out[StatutoryPlan].append(
                    StatutoryPlan(child_id=pk, kind=StatutoryPlan.NEEDS_ASSESSMENT, date=assessed)
                )
                planned = assessed + timedelta(days=rng.randint(5, 30))
                while planned <= until and planned <= today:
                    out[StatutoryPlan].append(StatutoryPlan(child_id=pk, kind=StatutoryPlan.PATHWAY_PLAN, date=planned))
                    planned += timedelta(days=rng.randint(170, 200))


def _placements(out, rng, pk, episodes, today):
    for start, end, _ls, place, _rec, carer, kind in episodes:
        if carer is None:
            continue
        until = end or today
        if kind == CONNECTED_PERSON:
            values = {"start": start, "extended_to": None, "full_approval": None, "ended": None}
            days = (until - start).days
            if days > 16 * 7:
                if rng.random() < 0.25:  # extended while the assessment finished
                    values["extended_to"] = start + timedelta(weeks=16 + rng.randint(2, 8))
                approved = start + timedelta(weeks=rng.randint(10, 15))
                if values["extended_to"]:
                    approved = values["extended_to"] - timedelta(days=rng.randint(1, 10))
                if approved <= until and rng.random() < 0.9:
                    values["full_approval"] = approved
            if not rules.temporary_approval_problems(values, today=today):
                out[TemporaryApproval].append(TemporaryApproval(child_id=pk, carer_id=carer, **values))
        if place in LONG_TERM_FOSTER and (until - start).days > 60:
            plan = start - timedelta(days=rng.randint(20, 90))
            values = {
                "plan_agreed": plan,
                "carer_agreed": plan + timedelta(days=rng.randint(5, 20)),
                "confirmed_to_carer": start + timedelta(days=rng.randint(0, 10)),
                "confirmed_to_child": start + timedelta(days=rng.randint(0, 14)),
                "confirmed_to_parents": start + timedelta(days=rng.randint(0, 21)) if rng.random() < 0.9 else None,
                "parents_not_told_reason": "",
            }
            if values["confirmed_to_parents"] is None:
                values["parents_not_told_reason"] = "The father's whereabouts are not known."
            if not rules.long_term_problems(values, today=today):
                out[LongTermFosterConfirmation].append(
                    LongTermFosterConfirmation(child_id=pk, carer_id=carer, **values)
                )


def extend(*, seed, today, say):
    say("The record's dated facts: health, PEPs, care and pathway plans, temporary approval, long-term fostering")
    children = dict(Child.objects.values_list("id", "date_of_birth"))
    refs = dict(Child.objects.values_list("id", "council_reference"))
    episodes = defaultdict(list)
    for row in (
        Episode.objects.order_by("child_id", "start")
        .values_list(
            "child_id", "start", "end", "legal_status", "placement", "reason_ceased", "carer_id", "carer__kind"
        )
        .iterator(chunk_size=20000)
    ):
        episodes[row[0]].append(row[1:])
    reviews = defaultdict(list)
    for child_id, held in Review.objects.order_by("date").values_list("child_id", "date").iterator(chunk_size=20000):
        reviews[child_id].append(held)
    out = defaultdict(list)
    for pk in sorted(episodes):
        rng = random.Random(f"{seed}:record:{refs[pk]}")
        dob = children[pk]
        periods = _periods(episodes[pk], today)
        _health(out, rng, pk, dob, periods, today)
        _education(out, rng, pk, dob, periods, today)
        _plans(out, rng, pk, dob, periods, reviews[pk], today)
        _placements(out, rng, pk, episodes[pk], today)
    counts = {}
    for model, rows in out.items():
        checked = [row for row in rows if not _refused(row, children, today)]
        model.objects.bulk_create(checked, batch_size=BATCH)
        counts[model._meta.label] = len(checked)
    return counts


def _refused(row, children, today):
    """The same pure rules as every way in (a dated fact after birth, not in the future)."""
    dob = children.get(row.child_id)
    if isinstance(row, (HealthAssessment, DentalCheck)):
        return bool(rules.health_problems({"date": row.date}, date_of_birth=dob, today=today))
    if isinstance(row, EducationPlan):
        return bool(rules.education_plan_problems({"date": row.date}, date_of_birth=dob, today=today))
    if isinstance(row, StatutoryPlan):
        return bool(rules.statutory_plan_problems({"date": row.date}, date_of_birth=dob, today=today))
    return False
