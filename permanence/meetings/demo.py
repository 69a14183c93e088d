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
from permanence.children.models import Allocation, Child, Episode
from permanence.planning.models import PermanencePlan

from . import services
from .models import Action, AgendaItem, ClinicItem, PanelItem, Referral

TRACKING_MEETING_MAX_CHILDREN = 5000

REFERRAL_REASONS = {
    "adoption": "Adoption is being considered alongside a return home; the parenting assessment is due next month.",
    "long_term_fostering": "Return home has been ruled out; long-term fostering with the current carers is being considered.",
    "kinship": "A paternal aunt has come forward; a connected person's assessment is needed before the next review.",
    "special_guardianship": "The carers have asked about special guardianship and want advice on support.",
}
DISCUSSIONS = [
    ("The review is overdue because the IRO was on leave.", "Hold the review within two weeks.",
     "Book the looked-after review"),
    ("The connected person's assessment has not started.", "Allocate an assessing social worker this week.",
     "Allocate the connected person's assessment"),
    ("Care proceedings are past week 20 and the final hearing is not yet listed.",
     "Legal to ask the court for a final hearing date; parallel plan to be evidenced.", "Ask legal to seek a final hearing date"),
    ("The permanence plan was agreed but family finding has not started.", "Refer to the regional adoption agency.",
     "Refer to the regional adoption agency for family finding"),
]


def _try(write):
    try:
        return write()
    except ValidationError:
        return None


def extend(*, seed, today, say):
    rng = random.Random(f"meetings-{seed}")
    chair = User.objects.filter(username="service.manager").first() or User.objects.filter(role=roles.SERVICE_MANAGER).first()
    adm = User.objects.filter(username="adm").first() or User.objects.filter(role=roles.ADM).first()
    if chair is None:
        return {}
    workers = {
        a.child_id: a.worker for a in Allocation.objects.filter(role=Allocation.SOCIAL_WORKER, end__isnull=True).select_related("worker")
    }
    looked_after = set(Episode.objects.filter(Q(end__isnull=True) | Q(end__gt=today), start__lte=today).values_list("child_id", flat=True))
    plans = {
        p.child_id: p.primary_option
        for p in PermanencePlan.objects.filter(superseded_on__isnull=True, child_id__in=looked_after).order_by("child_id")
    }
    # The social worker's own caseload comes first, so the demo login sees meetings on their children.
    mine = {a for a, w in workers.items() if w.username == "social.worker"}
    candidates = sorted((c for c in plans if plans[c] in REFERRAL_REASONS and c in workers), key=lambda c: (c not in mine, c))

    # Referrals to the clinic: three seen at last week's clinic, the rest waiting.
    referrals = []
    for n, child_id in enumerate(candidates[:8]):
        child = Child.objects.get(pk=child_id)
        made = _try(lambda: services.referral_create(
            child=child, by=workers[child_id], date=today - timedelta(days=10 + 3 * n), reason=REFERRAL_REASONS[plans[child_id]]))
        if made:
            referrals.append(made)
    clinic_day = today - timedelta(days=(today.weekday() - 2) % 7 or 7)  # the last Wednesday before today
    clinic = _try(lambda: services.clinic_create(date=clinic_day, chair=chair))
    if clinic:
        for n, referral in enumerate(r for r in referrals if r.date <= clinic_day):
            if n == 3:
                break
            item = services.clinic_list(clinic=clinic, referral=referral)
            option = plans[referral.child_id]
            services.clinic_item_record(
                item=item, iro_or_chair_present=n != 1, worker_or_manager_present=True,
                attendees="Family, Friends and Fostering duty manager", options_discussed=[option, "return_home"],
                agreed_plan=option, notes="Twin-track planning to continue until the final hearing.",
            )
            services.action_create(child=referral.child, description="Update the care plan with the agreed permanence plan",
                                   owner=workers[referral.child_id], due=clinic_day + timedelta(days=14), forum="clinic",
                                   set_on=clinic_day, by=chair, clinic_item=item)

    # Last month's tracking meeting, with an agenda built from the record and some of it discussed.
    if Child.objects.count() <= TRACKING_MEETING_MAX_CHILDREN:
        meeting = _try(lambda: services.tracking_meeting_create(
            date=today - timedelta(days=28), chair=chair,
            attendees="IRO service manager, CLA service manager, CLA team managers, Family, Friends and Fostering manager"))
        if meeting:
            items = list(meeting.items.order_by("child_id"))
            items.sort(key=lambda i: i.child_id not in mine)
            for n, item in enumerate(items[:8]):
                discussion, decision, action = DISCUSSIONS[n % len(DISCUSSIONS)]
                services.agenda_item_record(item=item, discussion=discussion, decision=decision)
                owner = workers.get(item.child_id) or chair
                services.action_create(child=item.child, description=action, owner=owner,
                                       due=meeting.date + timedelta(days=rng.choice([7, 14, 21, 42])),
                                       forum="tracking_meeting", set_on=meeting.date, by=chair, agenda_item=item)

    # A panel a fortnight ago (recommendations made; the ADM decided one adoption plan) and the next one.
    past = _try(lambda: services.panel_create(date=today - timedelta(days=14), chair=chair))
    coming = _try(lambda: services.panel_create(date=today + timedelta(days=14), chair=chair))
    by_option = {}
    for child_id, option in plans.items():
        by_option.setdefault(option, []).append(child_id)
    if past:
        for matter, option, recommendation in (
            ("adoption_plan", "adoption", "Adoption is the plan that meets the child's need for permanence."),
            ("ltf_match", "long_term_fostering", "The match with the current carers as long-term foster carers is recommended."),
            ("plan_after_review", "kinship", "The kinship plan is endorsed; special guardianship support to be assessed."),
        ):
            if by_option.get(option):
                child = Child.objects.get(pk=by_option[option][0])
                item = services.panel_item_add(panel=past, child=child, matter=matter,
                                               papers="Options analysis; child's permanence report; IRO's view")
                services.panel_recommend(item=item, recommendation=recommendation, recommended_option=option)
                if item.needs_adm and adm:
                    _try(lambda: services.adm_decide(item=item, outcome="agreed", date=past.date + timedelta(days=5), by=adm,
                                                     reasons="I agree with the panel: adoption meets the child's lifelong needs."))
    if coming and by_option.get("adoption"):
        child = Child.objects.get(pk=by_option["adoption"][-1])
        services.panel_item_add(panel=coming, child=child, matter="adoption_plan", papers="Options analysis (draft)")
    return {
        "meetings.Referral": Referral.objects.count(),
        "meetings.ClinicItem": ClinicItem.objects.count(),
        "meetings.AgendaItem": AgendaItem.objects.count(),
        "meetings.PanelItem": PanelItem.objects.count(),
        "meetings.Action": Action.objects.count(),
    }
