"""Demo data for the return's own records, read off the loaded demo council (EXTENSIONS in
permanence/demo/loader.py). Deterministic for a seed: each child's facts come from a random stream
named by the seed and the child's reference, so they do not depend on the database's ids."""

import random
from collections import defaultdict
from datetime import date, timedelta

from permanence.children.models import Allocation, Child, Episode, LegalOrder
from permanence.children.orders import DEPRIVATION_OF_LIBERTY_ORDER
from permanence.planning.models import Decision
from permanence.timescales.dates import add_years, age_on

from . import models as m
from .cohorts import care_leaver_birthday, looked_after_continuously

BATCH = 2000
ADOPTION_PLACEMENTS = {"A3", "A4", "A5", "A6"}
SW_REASONS = {"MANAGE": 20, "LEFTRL": 30, "ORGRST": 10, "CHCHAN": 15, "ABSENC": 5, "OTHERS": 20}


def extend(*, seed, today, say):
    say(
        "Return facts: motherhood, health outcomes, care leavers, adoption decisions, previous permanence, "
        "missing, deprivation of liberty orders, SW ids"
    )
    children = {
        pk: (ref, sex, dob)
        for pk, ref, sex, dob in Child.objects.values_list("id", "council_reference", "sex", "date_of_birth").iterator(
            chunk_size=20000
        )
    }
    episodes = defaultdict(list)
    for row in (
        Episode.objects.order_by("child_id", "start")
        .values_list("child_id", "start", "end", "reason_new", "legal_status", "placement", "reason_ceased", "carer_id")
        .iterator(chunk_size=20000)
    ):
        episodes[row[0]].append(row[1:])
    adm = {}
    for child, day in Decision.objects.filter(kind="adm_should_be_placed").values_list("child_id", "date"):
        adm.setdefault(child, day)
    matches = dict(Decision.objects.filter(kind="match_approved").values_list("child_id", "date"))
    out = defaultdict(list)
    years = [y for y in range(today.year - 2, today.year + 1) if date(y, 3, 31) <= today]
    for pk in sorted(episodes):
        ref, sex, dob = children[pk]
        rng = random.Random(f"{seed}:returns:{ref}")
        eps = episodes[pk]
        _motherhood(out, rng, pk, sex, dob, eps, today)
        _health(out, rng, pk, dob, eps, years)
        _care_leavers(out, rng, pk, dob, eps, years)
        _adoption(out, rng, pk, dob, eps, adm.get(pk), matches.get(pk))
        _previous_permanence(out, rng, pk, eps)
        _missing(out, rng, pk, dob, eps, today)
        _deprivation_of_liberty(out, rng, pk, dob, eps, today)
    counts = {}
    for model, rows in out.items():
        model.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)  # a second council on top
        counts[model._meta.label] = len(rows)
    counts.update(_social_workers(seed))
    return counts


def _motherhood(out, rng, pk, sex, dob, eps, today):
    if sex != "2" or dob is None:
        return
    mother = age_on(dob, today) >= 16 and rng.random() < 0.04
    baby = add_years(dob, 16) + timedelta(days=rng.randint(30, 300)) if mother else None
    if baby and baby > eps[0][0] - timedelta(days=1) and baby > today - timedelta(days=400):
        mother, baby = False, None  # keep a birth well inside an earlier year
    out[m.Motherhood].append(m.Motherhood(child_id=pk, is_mother=mother, baby_born=baby))


def _as_episodes(eps):
    return [
        {"start": e[0], "end": e[1], "reason_new": e[2], "legal_status": e[3], "placement": e[4], "reason_ceased": e[5]}
        for e in eps
    ]


def _health(out, rng, pk, dob, eps, years):
    """OC2 for children looked after continuously for 12 months at 31 March, as the DfE counts them
    (and 4 or more for the SDQ)."""
    episodes = _as_episodes(eps)
    for year in years:
        end = date(year, 3, 31)
        if not looked_after_continuously(episodes, year):
            continue
        age = age_on(dob, end)
        sdq = 4 <= age <= 17
        score = str(min(40, max(0, round(rng.gauss(14, 6))))) if sdq and rng.random() < 0.85 else ""
        reason = "" if score or not sdq else ("SDQ1" if age >= 17 else rng.choice(("SDQ2", "SDQ3", "SDQ4")))
        yes = lambda share: "1" if rng.random() < share else "0"  # noqa: E731
        misuse = yes(0.04) if age >= 10 else "0"
        received = yes(0.6) if misuse == "1" else ""
        out[m.HealthOutcome].append(
            m.HealthOutcome(
                child_id=pk,
                year=year,
                sdq_score=score,
                sdq_reason=reason,
                convicted=yes(0.03) if age >= 10 else "",
                health_check=yes(0.88) if age < 5 else "",
                immunisations=yes(0.85),
                teeth_check=yes(0.80),
                health_assessment=yes(0.90),
                substance_misuse=misuse,
                intervention_received=received,
                intervention_offered=yes(0.5) if received == "0" else "",
            )
        )


# OC3 codes (the DfE's SSDA903 guidance): in touch, activity, accommodation (suffix 1 suitable, 2 not).
IN_TOUCH = {"YES": 88, "NO": 5, "REFU": 4, "NREQ": 3}
ACTIVITY = {"F1": 8, "P1": 1, "F2": 22, "P2": 4, "F4": 5, "P4": 1, "F5": 12, "P5": 7, "G4": 8, "G5": 28, "G6": 4}
ACCOMMODATION_17 = {"B1": 12, "C1": 10, "D1": 40, "E1": 12, "K1": 3, "U1": 10, "V2": 2, "X2": 2, "Y1": 9}
ACCOMMODATION_18 = {**ACCOMMODATION_17, "Z1": 14, "T1": 4, "W2": 1, "S2": 1}


def _care_leavers(out, rng, pk, dob, eps, years):
    """OC3: a care leaver's situation around their 17th to 21st birthday, for each year ended."""
    episodes = _as_episodes(eps)
    for year in years:
        age = care_leaver_birthday(episodes, dob, year)
        if age is None:
            continue
        in_touch = _pick(rng, IN_TOUCH)
        if in_touch == "YES":
            activity = _pick(rng, ACTIVITY)
            accommodation = _pick(rng, ACCOMMODATION_17 if age == 17 else ACCOMMODATION_18)
        else:  # not in touch, refused contact or no longer needing services: not known
            activity = accommodation = "0"
        out[m.CareLeaverContact].append(
            m.CareLeaverContact(
                child_id=pk, year=year, in_touch=in_touch, activity=activity, accommodation=accommodation
            )
        )


def _pick(rng, weights):
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


def _deprivation_of_liberty(out, rng, pk, dob, eps, today):
    """A few young people in children's homes (K2) are deprived of their liberty there by an order of
    the High Court: the order runs while they live there (the DfE's rules 709 and 710 expect K2)."""
    for i, (start, end, *_rest) in enumerate(eps):
        placement = eps[i][4]
        if placement != "K2" or age_on(dob, start) < 12 or rng.random() > 0.12:
            continue
        last = (end - timedelta(days=1)) if end else today
        if (last - start).days < 30:
            continue
        made = start + timedelta(days=rng.randint(0, min(40, (last - start).days - 20)))
        ended = last if end else None
        if rng.random() < 0.3 and (last - made).days > 120:
            ended = made + timedelta(days=rng.randint(90, (last - made).days))
        out[LegalOrder].append(
            LegalOrder(
                child_id=pk,
                order_type=DEPRIVATION_OF_LIBERTY_ORDER,
                made=made,
                ended=ended,
                court="High Court (Family Division)",
            )
        )


def _adoption(out, rng, pk, dob, eps, adm_day, match_day):
    """The decision that the child should be placed for adoption (PlacedAdoption) and, for an
    adopted child, the adoption (AD1). Needed wherever there is a placement order or placement."""
    authority = [e for e in eps if e[3] == "E1" or e[4] in ADOPTION_PLACEMENTS]
    if not authority:
        return
    first = authority[0][0]
    period_start = max(e[0] for e in eps if e[0] <= first and e[2] == "S")
    decided = (
        adm_day
        if adm_day and period_start <= adm_day <= first
        else max(period_start, first - timedelta(days=rng.randint(20, 60)))
    )
    last = eps[-1]
    adopted = last[5] in ("E11", "E12")
    ceased, reason = None, ""
    if last[1] is not None and not adopted:
        ceased, reason = last[1], rng.choice(("RD1", "RD2", "RD3", "RD4"))
    out[m.PlacementForAdoptionDecision].append(
        m.PlacementForAdoptionDecision(child_id=pk, decided=decided, ceased=ceased, reason_ceased=reason)
    )
    if not adopted:
        return
    placed = next((e[0] for e in eps if e[4] in ADOPTION_PLACEMENTS), last[0])
    match = match_day if match_day and decided <= match_day <= placed else max(decided, placed - timedelta(days=21))
    by_carers = any(e[4] in ("U5", "U2") for e in eps)
    couple = rng.random() < 0.8
    sexes = rng.choice(("MF", "MF", "MF", "MM", "FF")) if couple else rng.choice(("F1", "M1"))
    # L0 a single adopter; L11 a married couple of different sexes, L12 of the same sex; L2 not married
    status = "L0" if not couple else rng.choice(("L11", "L11", "L2")) if sexes == "MF" else rng.choice(("L12", "L2"))
    out[m.AdoptionDetail].append(
        m.AdoptionDetail(
            child_id=pk,
            date_interest=decided,
            date_match=match,
            foster_care="1" if by_carers else "0",
            number_of_adopters="2" if couple else "1",
            sex_of_adopters=sexes,
            legal_status_of_adopters=status,
        )
    )


def _previous_permanence(out, rng, pk, eps):
    """Asked whenever a period of care starts: mostly no earlier permanence order, or not known."""
    seen = set()
    for start, _, rne, *_ in eps:
        if rne != "S":
            continue
        year = start.year + (1 if start.month > 3 else 0)
        if year in seen:
            continue
        seen.add(year)
        out[m.PreviousPermanence].append(m.PreviousPermanence(child_id=pk, year=year, code="Z1"))


def _missing(out, rng, pk, dob, eps, today):
    for start, end, *_ in eps:
        if age_on(dob, start) < 11 or rng.random() > 0.08:
            continue
        last = (end or today) - timedelta(days=3)
        if last <= start:
            continue
        day = start + timedelta(days=rng.randint(1, (last - start).days))
        back = day + timedelta(days=rng.randint(0, 2))
        kind = rng.choice("MMMA")
        interview, declined = _return_interview(f"{dob}:{day}:{back}", back, today) if kind == "M" else (None, False)
        out[m.MissingEpisode].append(
            m.MissingEpisode(
                child_id=pk, kind=kind, start=day, end=back, return_interview=interview, interview_declined=declined
            )
        )


def _return_interview(key, back, today):
    """A return interview offered within 72 hours of the return (Children who run away or go missing
    from home or care, 2014): mostly held in time, a few declined, a few late. A stream of its own,
    so the rest of the return stays as it was for a seed, keyed by the child's dates (not their id,
    which differs when the demo is loaded through the feed)."""
    rng = random.Random(f"return-interview:{key}")
    roll = rng.random()
    if roll < 0.05:
        return None, True
    day = back + timedelta(days=rng.randint(0, 3) if roll < 0.9 else rng.randint(4, 10))
    return (day, False) if day <= today else (None, False)


def _social_workers(seed):
    """Registration numbers for every allocated social worker, and the reason for each change of social worker."""
    workers = set(Allocation.objects.filter(role=Allocation.SOCIAL_WORKER).values_list("worker_id", flat=True))
    taken = set(m.SocialWorkerRegistration.objects.values_list("user_id", flat=True))
    regs = [m.SocialWorkerRegistration(user_id=pk, number=f"SW{100000 + pk:06d}") for pk in sorted(workers - taken)]
    m.SocialWorkerRegistration.objects.bulk_create(regs, batch_size=BATCH)
    reasons = []
    for pk, child, begun in (
        Allocation.objects.filter(role=Allocation.SOCIAL_WORKER)
        .values_list("id", "child_id", "start")
        .iterator(chunk_size=20000)
    ):
        rng = random.Random(f"{seed}:sw:{child}:{begun}")
        keys = list(SW_REASONS)
        reasons.append(m.AllocationReason(allocation_id=pk, reason=rng.choices(keys, [SW_REASONS[k] for k in keys])[0]))
    m.AllocationReason.objects.bulk_create(reasons, batch_size=BATCH, ignore_conflicts=True)
    return {"returns.SocialWorkerRegistration": len(regs), "returns.AllocationReason": len(reasons)}
