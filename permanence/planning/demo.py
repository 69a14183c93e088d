"""Demo council: the steps its plans asked for (Camden section 6), what carers were told before a
match, and parents' contributions, dated from the plans and decisions already loaded. Some are
left undone on purpose, so the clock has drift to show. Deterministic: no randomness, dates from
the record."""

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


def extend(*, seed, today, say):
    plans = PermanencePlan.objects.filter(superseded_on__isnull=True).filter(
        Q(primary_option__in=("adoption", "long_term_fostering")) | Q(parallel_option="adoption")
    )
    steps, contributions = [], []
    for child_id, primary, recorded in plans.values_list("child_id", "primary_option", "recorded").order_by("child_id"):
        if child_id % 7 == 3:  # left undone: the clock shows these as drift
            continue
        for option, kind, days in AFTER_PLAN:
            day = recorded + timedelta(days=days + child_id % 5)
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
    for child_id, day in Decision.objects.filter(kind="match_approved").values_list("child_id", "date"):
        shared = day - timedelta(days=21)
        briefings.append(
            CarerBriefing(
                child_id=child_id,
                carers="The prospective carers",
                shared_on=shared,
                known_risks="Exposure to domestic abuse before coming into care.",
                anticipated_needs="Help with school transitions; life story work as they grow up.",
                support="Adoption support assessment offered; a named worker for the first year.",
                acknowledged_on=None if child_id % 6 == 1 else shared + timedelta(days=5),
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
