"""Demo council: the steps its plans asked for (Camden section 6), what carers were told before a
match, and parents' contributions, dated from the plans and decisions already loaded. Some are
left undone on purpose, so the clock has drift to show. Deterministic: no randomness, dates from
the record, and keyed by the child's date of birth rather than their id, which differs when the demo
is loaded through the case-system feed."""

from datetime import timedelta

from django.db.models import Q

from .models import CarerBriefing, Decision, ParentContribution, PermanencePlan, PlanStep

# (plan, step, days after the plan was recorded)
AFTER_PLAN = (
    ("adoption", "raa_referral", 10),
    ("adoption", "cpr_completed", 35),
    ("long_term_fostering", "fostering_referral", 9),
    ("long_term_fostering", "form_e_completed", 38),
)


def _key(born):
    """A number that is the same for a child however the demo was loaded."""
    return born.toordinal() if born else 0


def extend(*, seed, today, say):
    plans = PermanencePlan.objects.filter(superseded_on__isnull=True).filter(
        Q(primary_option__in=("adoption", "long_term_fostering")) | Q(parallel_option="adoption")
    )
    steps, contributions = [], []
    rows = plans.values_list("child_id", "child__date_of_birth", "primary_option", "recorded").order_by("child_id")
    for child_id, born, primary, recorded in rows:
        key = _key(born)
        if key % 7 == 3:  # left undone: the clock shows these as drift
            continue
        for option, kind, days in AFTER_PLAN:
            day = recorded + timedelta(days=days + key % 5)
            if option == primary and day <= today:
                steps.append(PlanStep(child_id=child_id, kind=kind, date=day, note="Recorded for the demo council."))
        day = recorded - timedelta(days=7)
        contributions.append(
            ParentContribution(
                child_id=child_id,
                parent="Mother",
                date=day,
                way="meeting",
                contribution="Asked that her child keeps photographs and hears from her once a year.",
                support="An advocate came with her to the meeting.",
            )
        )
    briefings = []
    matches = Decision.objects.filter(kind="match_approved").values_list("child_id", "child__date_of_birth", "date")
    for child_id, born, day in matches:
        shared = day - timedelta(days=21)
        briefings.append(
            CarerBriefing(
                child_id=child_id,
                carers="The prospective carers",
                shared_on=shared,
                known_risks="Exposure to domestic abuse before coming into care.",
                anticipated_needs="Help with school transitions; life story work as they grow up.",
                support="Adoption support assessment offered; a named worker for the first year.",
                acknowledged_on=None if _key(born) % 6 == 1 else shared + timedelta(days=5),
            )
        )
    PlanStep.objects.bulk_create(steps, batch_size=2000)
    ParentContribution.objects.bulk_create(contributions, batch_size=2000)
    CarerBriefing.objects.bulk_create(briefings, batch_size=2000)
    say(
        f"  {len(steps):,} plan steps, {len(briefings):,} carer briefings, {len(contributions):,} parents' contributions"
    )
    return {
        "planning.PlanStep": len(steps),
        "planning.CarerBriefing": len(briefings),
        "planning.ParentContribution": len(contributions),
    }
