"""Demo data for contact, support plans, early warnings and disruption learning.

Registered in permanence.demo.loader.EXTENSIONS. Reads the loaded council in bulk and writes with
bulk_create; the same seed and day give the same records. Enough happens that some indicators fire:
contact repeatedly cancelled, missing episodes, allegations, school moves, overdue support actions,
and two disruption meetings with lessons for the learning report.
"""

import random
from datetime import timedelta

from django.db.models import Q

from permanence.children.models import Child, Episode
from permanence.codes.placement import LONG_TERM_FOSTER, RESIDENTIAL
from permanence.timescales.dates import age_on

from .models import (
    ContactPlan,
    ContactSession,
    DisruptionMeeting,
    Lesson,
    StabilityEvent,
    SupportAction,
    SupportPlan,
    SupportService,
    TransitionPlan,
)

LESSONS = [
    (
        "long_term_fostering",
        ["behaviour", "support"],
        "The carers asked for help with night-time running away; therapy promised at matching never started.",
        [
            "Start therapeutic support before the move, not after it",
            "Give long-term carers a named out-of-hours contact",
        ],
    ),
    (
        "adoption",
        ["needs_not_known", "contact"],
        "The adopters were not told of the child's fear of the birth father; letterbox contact unsettled the child.",
        [
            "Share the full history with adopters before matching panel",
            "Review indirect contact after the first letter",
        ],
    ),
]


# What each child said at the disruption meeting: their own words, never one line for all.
CHILD_VIEWS = (
    "Misses the carers' dog and wants to keep in touch with them.",
    "Says nobody listened when she said she was scared of the contact visits.",
    "Wants to stay at the same school whatever happens next.",
)


def extend(*, seed, today, say):
    rng = random.Random(f"support-{seed}")
    open_now = Q(end__isnull=True) | Q(end__gt=today)
    current = {}
    for child_id, start, placement, carer in (
        Episode.objects.filter(open_now, start__lte=today)
        .order_by("child_id", "start")
        .values_list("child_id", "start", "placement", "carer__name")
    ):
        current[child_id] = (start, placement, carer or "the placement")
    dob = dict(Child.objects.filter(pk__in=current).values_list("pk", "date_of_birth"))
    plans, sessions_for, events, support, transitions = [], [], [], [], []
    for n, child_id in enumerate(sorted(current)):
        start, placement, _home = current[child_id]
        agreed = max(start, today - timedelta(days=300))
        if rng.random() < 0.45:
            lifelong = placement in LONG_TERM_FOSTER | RESIDENTIAL and rng.random() < 0.5
            plans.append(
                ContactPlan(
                    child_id=child_id,
                    with_whom="Mother",
                    relationship="mother",
                    kind="direct",
                    frequency="Every 2 weeks",
                    supervision="supervised",
                    venue="Thornbury family centre",
                    purposes=["identity", "reassurance", "loss"],
                    parties_agreed=rng.random() < 0.8,
                    child_views="Wants to see mum; would like longer visits.",
                    agreed=agreed,
                    review_date=agreed + timedelta(days=180),
                    lifelong_links=lifelong,
                )
            )
            # Every seventh plan: contact repeatedly cancelled in the last three months.
            sessions_for.append(n % 7 == 0)
        roll = rng.random()
        for kind, chance, count in (
            ("missing", 0.06, 2),
            ("allegation", 0.02, 1),
            ("school_move", 0.03, 2),
            ("carer_request", 0.03, 1),
        ):
            if roll < chance:
                events += [
                    StabilityEvent(
                        child_id=child_id, kind=kind, date=today - timedelta(days=7 + 21 * i), detail="Demo record"
                    )
                    for i in range(count)
                ]
            roll -= chance
        if placement in LONG_TERM_FOSTER and rng.random() < 0.6:
            support.append((child_id, "long_term_fostering", agreed, rng.random() < 0.3))
    ContactPlan.objects.bulk_create(plans)
    sessions = []
    for plan, troubled in zip(plans, sessions_for, strict=True):
        day, i = plan.agreed + timedelta(days=14), 0
        while day <= today:
            recent = (today - day).days <= 80
            if troubled and recent:
                outcome, who = ("cancelled", "family") if i % 2 else ("not_attended", "family")
            else:
                r = rng.random()
                outcome, who = (
                    ("happened", "") if r < 0.85 else ("cancelled", rng.choice(["family", "carer", "local_authority"]))
                )
            sessions.append(ContactSession(plan=plan, date=day, outcome=outcome, who=who))
            day, i = day + timedelta(days=14), i + 1
    ContactSession.objects.bulk_create(sessions, batch_size=2000)
    StabilityEvent.objects.bulk_create(events)
    TransitionPlan.objects.bulk_create(transitions)
    made = SupportPlan.objects.bulk_create(
        [
            SupportPlan(
                child_id=child_id,
                route=route,
                start=start,
                review_date=start + timedelta(days=365),
                financial_support="Fostering allowance at the long-term rate.",
                delegated_authority="Day trips, school trips, haircuts, sleepovers with friends checked by the carers.",
                virtual_school="Personal education plan each term; tutoring funded by the pupil premium plus.",
            )
            for child_id, route, start, _ in support
        ]
    )
    SupportService.objects.bulk_create(
        [
            SupportService(
                plan=plan,
                service="Therapeutic parenting group",
                provider="Thornbury CAMHS",
                start=plan.start + timedelta(days=30),
            )
            for plan in made
        ]
    )
    SupportAction.objects.bulk_create(
        [
            SupportAction(
                plan=plan,
                description="Refer to CAMHS for life story therapy",
                owner="Allocated social worker",
                due=today - timedelta(days=10) if overdue else today + timedelta(days=20),
            )
            for plan, (_, _, _, overdue) in zip(made, support, strict=True)
        ]
    )
    disruptions, lessons = [], []
    older = [c for c in sorted(current) if dob.get(c) and (today - dob[c]).days > 5 * 365][: len(LESSONS)]
    # Fewer older children than lessons: the last lessons are not told.
    for n, (child_id, (route, reasons, happened, _)) in enumerate(zip(older, LESSONS, strict=False)):
        day = today - timedelta(days=40)
        disruptions.append(
            DisruptionMeeting(
                child_id=child_id,
                date=day,
                home="Previous carers",
                route=route,
                chair="Independent Reviewing Officer",
                what_happened=happened,
                reasons=reasons,
                reasons_detail=happened,
                views_child=CHILD_VIEWS[n % len(CHILD_VIEWS)],
                views_carers="Sad; felt unsupported.",
                views_family="Blames the local authority.",
                views_professionals="School saw strain for months.",
                sustained="relationship",
                sustained_how="Letters and one visit each holiday.",
                age=age_on(dob[child_id], day),
            )
        )
    DisruptionMeeting.objects.bulk_create(disruptions)
    for meeting, (_, _, _, learned) in zip(disruptions, LESSONS, strict=False):
        lessons += [Lesson(meeting=meeting, text=text) for text in learned]
    Lesson.objects.bulk_create(lessons)
    say(
        f"Contact plans: {len(plans):,}, sessions: {len(sessions):,}, support plans: {len(made):,}, events: {len(events):,}"
    )
    return {
        "support.ContactPlan": len(plans),
        "support.ContactSession": len(sessions),
        "support.StabilityEvent": len(events),
        "support.SupportPlan": len(made),
        "support.TransitionPlan": len(transitions),
        "support.DisruptionMeeting": len(disruptions),
        "support.Lesson": len(lessons),
    }
