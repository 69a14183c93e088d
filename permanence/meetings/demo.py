"""Demo clinics, a tracking meeting, panels and actions, written through the services.

A council's meeting business does not grow with the number of children on the record, so this
writes a bounded amount (a few dozen rows) whatever the size of the demo council; the monthly
tracking meeting, whose agenda covers every child looked after, is built only for councils of up
to 5,000 children (the benchmark's national council would put tens of thousands on one agenda).
Deterministic for a seed.
"""

import random
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.children.models import Allocation, Child, Episode, Review
from permanence.planning.models import Decision, Meeting, PermanencePlan

from . import choices, services
from .models import Action, AgendaItem, ClinicItem, IRODecisionsReport, PanelItem, Referral

TRACKING_MEETING_MAX_CHILDREN = 5000

REFERRAL_REASONS = {
    "adoption": "Adoption is being considered alongside a return home; the parenting assessment is due next month.",
    "long_term_fostering": "Return home has been ruled out; long-term fostering with the current carers is being considered.",
    "kinship": "A paternal aunt has come forward; a connected person's assessment is needed before the next review.",
    "special_guardianship": "The carers have asked about special guardianship and want advice on support.",
}
DISCUSSIONS = [
    (
        "The review is overdue because the IRO was on leave.",
        "Hold the review within two weeks.",
        "Book the looked-after review",
    ),
    (
        "The connected person's assessment has not started.",
        "Allocate an assessing social worker this week.",
        "Allocate the connected person's assessment",
    ),
    (
        "Care proceedings are past week 20 and the final hearing is not yet listed.",
        "Legal to ask the court for a final hearing date; parallel plan to be evidenced.",
        "Ask legal to seek a final hearing date",
    ),
    (
        "The permanence plan was agreed but family finding has not started.",
        "Refer to the regional adoption agency.",
        "Refer to the regional adoption agency for family finding",
    ),
]


PAST_PANEL = (
    (
        "adoption_plan",
        "adoption",
        "Adoption is the plan that meets the child's need for permanence.",
        "Parenting assessments were negative and no family member could care safely; the child needs a family "
        "for life, and adoption gives the security a care order cannot.",
    ),
    (
        "ltf_match",
        "long_term_fostering",
        "The match with the current carers as long-term foster carers is recommended.",
        "The child is settled and wants to stay; the carers have met the child's needs for over a year and "
        "are committed to the child into adulthood.",
    ),
    (
        "plan_after_review",
        "kinship",
        "The kinship plan is endorsed; special guardianship support to be assessed.",
        "The aunt's assessment is positive and the child is thriving in her care.",
    ),
)


# What children said to their reviews, in the IRO's words (varied, as real ones are).
CHILD_VIEWS = (
    "Spoke to the IRO before the review: happy where they live and wants to stay.",
    "Attended part of the review; wants more time with their brother.",
    "Shared views through their social worker: wants to know more about their plan.",
    "Too young to give views; the carer described how settled they are.",
    "Wrote their views down: likes school, worried about moving again.",
    "Did not want to take part this time; the IRO will visit before the next review.",
    "Used an advocate, who said they want to keep seeing their mum every month.",
)


def _try(write, **values):
    """The record `write(**values)` makes, or None when the service refuses it (the demo skips it)."""
    try:
        return write(**values)
    except ValidationError:
        return None


def extend(*, seed, today, say):
    rng = random.Random(f"meetings-{seed}")
    chair = (
        User.objects.filter(username="service.manager").first()
        or User.objects.filter(role=roles.SERVICE_MANAGER).first()
    )
    adm = User.objects.filter(username="adm").first() or User.objects.filter(role=roles.ADM).first()
    if chair is None:
        return {}
    workers = {
        a.child_id: a.worker
        for a in Allocation.objects.filter(role=Allocation.SOCIAL_WORKER, end__isnull=True).select_related("worker")
    }
    looked_after = set(
        Episode.objects.filter(Q(end__isnull=True) | Q(end__gt=today), start__lte=today).values_list(
            "child_id", flat=True
        )
    )
    plans = {
        p.child_id: p.primary_option
        for p in PermanencePlan.objects.filter(superseded_on__isnull=True, child_id__in=looked_after).order_by(
            "child_id"
        )
    }
    # The social worker's own caseload comes first, so the demo login sees meetings on their children.
    mine = {a for a, w in workers.items() if w.username == "social.worker"}
    candidates = sorted(
        (c for c in plans if plans[c] in REFERRAL_REASONS and c in workers), key=lambda c: (c not in mine, c)
    )

    # Referrals to the clinic: three seen at last week's clinic, the rest waiting.
    referrals = []
    for n, child_id in enumerate(candidates[:8]):
        child = Child.objects.get(pk=child_id)
        made = _try(
            services.referral_create,
            child=child,
            by=workers[child_id],
            date=today - timedelta(days=10 + 3 * n),
            reason=REFERRAL_REASONS[plans[child_id]],
        )
        if made:
            referrals.append(made)
    clinic_day = today - timedelta(days=(today.weekday() - 2) % 7 or 7)  # the last Wednesday before today
    clinic = _try(services.clinic_create, date=clinic_day, chair=chair)
    if clinic:
        for n, referral in enumerate(r for r in referrals if r.date <= clinic_day):
            if n == 3:
                break
            item = services.clinic_list(clinic=clinic, referral=referral)
            option = plans[referral.child_id]
            services.clinic_item_record(
                item=item,
                iro_or_chair_present=n != 1,
                worker_or_manager_present=True,
                attendees="Family, Friends and Fostering duty manager",
                options_discussed=[option, "return_home"],
                agreed_plan=option,
                notes="Twin-track planning to continue until the final hearing.",
            )
            services.action_create(
                child=referral.child,
                description="Update the care plan with the agreed permanence plan",
                owner=workers[referral.child_id],
                due=clinic_day + timedelta(days=14),
                forum="clinic",
                set_on=clinic_day,
                by=chair,
                clinic_item=item,
            )

    # Last month's tracking meeting, with an agenda built from the record and some of it discussed.
    if Child.objects.count() <= TRACKING_MEETING_MAX_CHILDREN:
        meeting = _try(
            services.tracking_meeting_create,
            date=today - timedelta(days=28),
            chair=chair,
            attendees="IRO service manager, CLA service manager, CLA team managers, Family, Friends and Fostering manager",
        )
        if meeting:
            items = list(meeting.items.order_by("child_id"))
            items.sort(key=lambda i: i.child_id not in mine)
            for n, item in enumerate(items[:8]):
                discussion, decision, action = DISCUSSIONS[n % len(DISCUSSIONS)]
                services.agenda_item_record(item=item, discussion=discussion, decision=decision)
                owner = workers.get(item.child_id) or chair
                services.action_create(
                    child=item.child,
                    description=action,
                    owner=owner,
                    due=meeting.date + timedelta(days=rng.choice([7, 14, 21, 42])),
                    forum="tracking_meeting",
                    set_on=meeting.date,
                    by=chair,
                    agenda_item=item,
                )

    # The panel: chaired by the demo's panel member, with a vice chair, a social worker, two
    # independent members and the agency adviser. A panel a fortnight ago (its minutes recorded; the
    # ADM decided one adoption plan) and the next one.
    people = list(User.objects.filter(role=roles.PANEL_MEMBER, is_active=True).order_by("pk"))
    panel_chair = next((p for p in people if p.username == "panel.member"), people[0] if people else None)
    others = [p for p in people if p != panel_chair]
    seats = list(
        zip(
            others,
            (
                choices.VICE_CHAIR,
                choices.SOCIAL_WORKER,
                choices.INDEPENDENT,
                choices.INDEPENDENT,
                choices.AGENCY_ADVISER,
            ),
            strict=False,
        )
    )
    past = coming = None
    if panel_chair is not None:
        past = _try(services.panel_create, date=today - timedelta(days=14), chair=panel_chair, members=seats)
        coming = _try(services.panel_create, date=today + timedelta(days=14), chair=panel_chair, members=seats)
    by_option = {}
    decided = set(Decision.objects.filter(kind="adm_should_be_placed").values_list("child_id", flat=True))
    for child_id, option in plans.items():
        # An adoption plan goes before the panel and the ADM once: not for a child already decided.
        if option == "adoption" and child_id in decided:
            continue
        by_option.setdefault(option, []).append(child_id)
    if past:
        heard = list(past.members.all())
        for matter, option, recommendation, reasons in PAST_PANEL:
            if not by_option.get(option):
                continue
            child = Child.objects.get(pk=by_option[option][0])
            item = _try(
                services.panel_item_add,
                panel=past,
                child=child,
                matter=matter,
                papers="Options analysis; child's permanence report; IRO's view",
                today=past.date,
            )
            if item is None:
                continue
            minutes = _try(
                services.panel_minutes_record,
                item=item,
                by=panel_chair,
                present=heard,
                outcome="recommended",
                recommendation=recommendation,
                recommended_option=option,
                reasons=reasons,
                recorded_on=past.date + timedelta(days=2),
                today=today,
            )
            if minutes and item.needs_adm and adm and item.matter == "adoption_plan":
                if not services.earlier_should_be_placed(item):
                    _try(
                        services.adm_decide,
                        item=item,
                        outcome="agreed",
                        date=past.date + timedelta(days=5),
                        by=adm,
                        reasons="I agree with the panel: adoption meets the child's lifelong needs.",
                        minutes_considered=True,
                        today=today,
                    )
    if coming and by_option.get("adoption"):
        child = Child.objects.get(pk=by_option["adoption"][-1])
        _try(
            services.panel_item_add,
            panel=coming,
            child=child,
            matter="adoption_plan",
            papers="Options analysis (draft)",
            today=today,
        )
    return {
        "meetings.Referral": Referral.objects.count(),
        "meetings.ClinicItem": ClinicItem.objects.count(),
        "meetings.AgendaItem": AgendaItem.objects.count(),
        "meetings.PanelItem": PanelItem.objects.count(),
        "meetings.Action": Action.objects.count(),
    }


# --- what the reviews record ------------------------------------------------------------------

PLAN_NOT_SETTLED = {"", "return_home", "stay_home"}


def review_records(*, seed, today, say):
    """What a council keeping to its procedures records at each looked-after review of a child in
    care now: the IRO's decisions report of the four-month (second) and latest reviews, with the
    permanence plan in it once there is one; the permanence panel a few weeks after the four-month
    review; twin-track planning considered at every review while return home is still the plan.
    A few recent ones are missing, as in any team's week (an old omission a team would long since
    have put right is not). Bulk writes, linear in the children in care."""
    rng = random.Random(f"review-records-{seed}")
    looked_after = set(
        Episode.objects.filter(Q(end__isnull=True) | Q(end__gt=today), start__lte=today).values_list(
            "child_id", flat=True
        )
    )
    # The current plan's option, and when a plan (this one or one it replaced) was first recorded.
    plans = {}
    rows = PermanencePlan.objects.filter(child_id__in=looked_after).order_by("child_id", "recorded")
    for child_id, recorded, option, superseded in rows.values_list(
        "child_id", "recorded", "primary_option", "superseded_on"
    ):
        first = plans[child_id][0] if child_id in plans else recorded
        plans[child_id] = (first, option if superseded is None else plans.get(child_id, (None, ""))[1])
    # Each child's current period of care: the latest run of episodes chained end to start.
    period_start = {}
    last_end = {}
    episodes = Episode.objects.filter(child_id__in=looked_after).order_by("child_id", "start")
    for child_id, start, end in episodes.values_list("child_id", "start", "end"):
        if child_id not in period_start or last_end[child_id] != start:
            period_start[child_id] = start
        last_end[child_id] = end
    # Children loaded before (a demo loaded on top of another) already have their reviews' records.
    done_before = set(IRODecisionsReport.objects.values_list("review__child_id", flat=True))
    reviews = {}
    for pk, child_id, day, iro_id in (
        Review.objects.filter(child_id__in=looked_after - done_before)
        .order_by("child_id", "date")
        .values_list("pk", "child_id", "date", "iro_id")
    ):
        if day >= period_start[child_id]:
            reviews.setdefault(child_id, []).append((pk, day, iro_id))
    reports, panels, twin_track = [], [], []
    recent = today - timedelta(days=180)

    def done(day, rate):
        return day < recent or rng.random() < rate

    for child_id, held in reviews.items():
        recorded, option = plans.get(child_id, (None, ""))
        chosen = {held[1][0], held[-1][0]} if len(held) >= 2 else set()
        for pk, day, iro_id in held:
            if pk in chosen and done(day, 0.95):
                in_report = recorded is not None and recorded <= day and done(day, 0.93)
                reports.append(
                    IRODecisionsReport(
                        review_id=pk,
                        issued=min(today, day + timedelta(days=rng.randint(2, 15))),
                        plan_outcome="confirmed",
                        child_views=rng.choice(CHILD_VIEWS),
                        decisions="The care plan was reviewed and agreed."
                        + (" The permanence plan is recorded in these decisions." if in_report else ""),
                        permanence_plan_recorded=in_report,
                        iro_id=iro_id,
                    )
                )
            if option in PLAN_NOT_SETTLED and done(day, 0.93):
                twin_track.append(
                    Decision(
                        child_id=child_id,
                        kind="twin_track_considered",
                        forum="review",
                        date=day,
                        decided_by="IRO",
                        rationale="Twin-track planning considered at the looked-after review.",
                    )
                )
        if len(held) >= 2 and done(held[1][1], 0.92):
            panel = held[1][1] + timedelta(days=rng.randint(10, 35))
            if panel <= today:
                panels.append(
                    Meeting(
                        child_id=child_id,
                        kind="permanence_panel",
                        date=panel,
                        notes="The panel considered the plan after the four-month review.",
                    )
                )
    IRODecisionsReport.objects.bulk_create(reports, batch_size=2000)
    Decision.objects.bulk_create(twin_track, batch_size=2000)
    Meeting.objects.bulk_create(panels, batch_size=2000)
    say(f"  {len(reports):,} decisions reports, {len(panels):,} panels, {len(twin_track):,} twin-track decisions")
    return {
        "meetings.IRODecisionsReport": len(reports),
        "planning.Meeting (panel)": len(panels),
        "planning.Decision (twin track)": len(twin_track),
    }
