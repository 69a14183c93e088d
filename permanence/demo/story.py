"""Does each demo child tell one coherent story? The checks a reader of the record would make:
plans, family finding, panels, matches, transitions and decisions agree with each other and with
the legal status; reasons and wishes vary as real ones do.

`problems()` reads the whole council in bulk (a fixed number of queries) and returns every
contradiction found, each naming the child and the two facts that disagree.
"""

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Q

from permanence.children.models import Episode, LegalOrder
from permanence.children.orders import PLACEMENT_ORDER
from permanence.matching.choices import SEARCHING
from permanence.matching.models import ChildProfile, Match
from permanence.matching.stages import MATCHED_STAGES
from permanence.meetings.models import PanelItem
from permanence.planning.models import Decision, PermanencePlan
from permanence.planning.options import ADOPTION
from permanence.support.models import DisruptionMeeting, TransitionPlan

# Placements with prospective adopters (SSDA903 A3-A6) and the legal statuses that authorise one.
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
ADOPTION_AUTHORITY_STATUSES = frozenset({"E1", "D1"})
# Plan stages that say a new family is being looked for or has been found, not yet legally secured:
# only while the child is looked after.
SEARCHING_STAGES = frozenset({"family_finding", "matched"})
# A value that more than this share of the records share is a template, not a person's words.
MOST_SHARED = 0.5
# Among this many plan changes or more, at least this many different reasons.
VARIED_FROM, VARIED_AT_LEAST = 5, 3


def problems(*, today=None):
    today = today or date.today()
    found = []
    adoption_planned = defaultdict(list)  # child -> [recorded] of plans with adoption as primary or parallel
    for child_id, recorded in PermanencePlan.objects.filter(
        Q(primary_option=ADOPTION) | Q(parallel_option=ADOPTION)
    ).values_list("child_id", "recorded"):
        adoption_planned[child_id].append(recorded)
    current_plan = {
        p.child_id: p for p in PermanencePlan.objects.filter(superseded_on__isnull=True).order_by("recorded")
    }
    looked_after = set(
        Episode.objects.filter(Q(end__isnull=True) | Q(end__gt=today), start__lte=today).values_list(
            "child_id", flat=True
        )
    )
    placement_orders = defaultdict(list)
    for child_id, made in LegalOrder.objects.filter(order_type=PLACEMENT_ORDER).values_list("child_id", "made"):
        placement_orders[child_id].append(made)
    authorised = defaultdict(list)  # child -> [start] of episodes under E1 or D1
    for child_id, start, legal_status, placement in Episode.objects.values_list(
        "child_id", "start", "legal_status", "placement"
    ):
        if legal_status in ADOPTION_AUTHORITY_STATUSES:
            authorised[child_id].append(start)
        if placement in ADOPTION_PLACEMENTS and not adoption_planned.get(child_id):
            found.append((child_id, f"placed for adoption ({placement}) on {start} without an adoption plan"))

    def planned_by(child_id, day):
        return any(recorded <= day for recorded in adoption_planned.get(child_id, []))

    for child_id, started, status in ChildProfile.objects.values_list("child_id", "started", "status"):
        if status == SEARCHING and child_id not in looked_after:
            found.append((child_id, f"searching for a family since {started} but not looked after"))
    for child_id, plan in current_plan.items():
        if plan.stage in SEARCHING_STAGES and child_id not in looked_after:
            option = plan.get_primary_option_display().lower()
            found.append((child_id, f"plan of {option} at '{plan.get_stage_display()}' but not looked after"))
    for item in PanelItem.objects.filter(matter__in=("adoption_plan", "adoption_match")).select_related("panel"):
        day = item.panel.date
        if item.matter == "adoption_plan" and any(made <= day for made in placement_orders.get(item.child_id, [])):
            found.append((item.child_id, f"back to panel for an adoption plan on {day} with a placement order made"))
        if item.matter == "adoption_match":
            if not planned_by(item.child_id, day):
                found.append((item.child_id, f"adoption match at panel on {day} without an adoption plan"))
            if not (placement_orders.get(item.child_id) or authorised.get(item.child_id)):
                found.append((item.child_id, f"adoption match at panel on {day} without a placement order or consent"))
    matched = defaultdict(set)
    for child_id, stage in Match.objects.values_list("children", "stage"):
        if child_id is not None and stage in MATCHED_STAGES:
            matched[child_id].add(stage)
    for child_id, moving_to, move_date in TransitionPlan.objects.values_list("child_id", "moving_to", "move_date"):
        plan = current_plan.get(child_id)
        to_adopters = "adopt" in moving_to.lower()
        if to_adopters and not (plan and ADOPTION in (plan.primary_option, plan.parallel_option)):
            option = plan.get_primary_option_display().lower() if plan else "no plan"
            found.append((child_id, f"a transition to {moving_to} on {move_date} while the plan is {option}"))
        if to_adopters and not matched.get(child_id):
            found.append((child_id, f"a transition to {moving_to} on {move_date} without an approved match"))
    reasons = Counter(
        Decision.objects.filter(kind="plan_changed").exclude(rationale="").values_list("rationale", flat=True)
    )
    if reasons and reasons.most_common(1)[0][1] > MOST_SHARED * sum(reasons.values()) and sum(reasons.values()) > 4:
        text, n = reasons.most_common(1)[0]
        found.append((None, f"{n} of {sum(reasons.values())} plan changes give the same reason: {text!r}"))
    if sum(reasons.values()) >= VARIED_FROM and len(reasons) < VARIED_AT_LEAST:
        found.append((None, f"{sum(reasons.values())} plan changes give only {len(reasons)} different reasons"))
    wishes = Counter(ChildProfile.objects.exclude(wishes="").values_list("wishes", flat=True))
    if wishes and wishes.most_common(1)[0][1] > MOST_SHARED * sum(wishes.values()) and sum(wishes.values()) > 4:
        text, n = wishes.most_common(1)[0]
        found.append((None, f"{n} of {sum(wishes.values())} children's profiles give the same wishes: {text!r}"))
    if sum(wishes.values()) >= VARIED_FROM and len(wishes) < VARIED_AT_LEAST:
        found.append((None, f"{sum(wishes.values())} children's profiles give only {len(wishes)} different wishes"))
    said = Counter(DisruptionMeeting.objects.values_list("views_child", flat=True))
    if len(said) == 1 and sum(said.values()) > 1:
        found.append((None, f"every child at a disruption meeting said the same: {next(iter(said))!r}"))
    return found
