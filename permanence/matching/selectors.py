"""Reads for family finding: the carer register, waiting children, shortlists, the suggested plan.

Facts for scoring are read in bulk (a fixed number of queries whatever the numbers) and handed
to the pure scoring and optimiser modules as plain dataclasses.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, Q

from permanence.children.selectors import age_in_years
from permanence.planning.models import PermanencePlan
from permanence.siblings.choices import TOGETHER
from permanence.siblings.models import SiblingDecision

from . import choices, optimiser, scoring, stages
from .models import CarerProfile, ChildProfile, Match, MatchEvent
from .policy import load_matching_policy


def policy():
    return load_matching_policy(getattr(settings, "PERMANENCE_POLICY", "england"))


# --- facts ------------------------------------------------------------------------------------

def _plans(child_ids):
    plans = {}
    for plan in PermanencePlan.objects.filter(child_id__in=child_ids, superseded_on__isnull=True).order_by("recorded", "pk"):
        plans[plan.child_id] = plan
    return plans


def together_with(child_ids):
    """child id -> ids of the brothers and sisters the latest sibling decision says live with them."""
    latest = {}
    decisions = SiblingDecision.objects.filter(child_id__in=child_ids).prefetch_related("siblings").order_by("date", "pk")
    for decision in decisions:
        latest[decision.child_id] = decision
    return {cid: tuple(s.pk for s in d.siblings.all()) if d.decision == TOGETHER else () for cid, d in latest.items()}


def child_facts(profiles, today):
    """ChildFacts for ChildProfiles (with `child` selected)."""
    ids = [p.child_id for p in profiles]
    plans, together = _plans(ids), together_with(ids)
    out = []
    for p in profiles:
        child = p.child
        plan = plans.get(child.pk)
        out.append(scoring.ChildFacts(
            id=child.pk, name=child.first_name, age=age_in_years(child.date_of_birth, today) or 0,
            option=plan.primary_option if plan else "", needs={k: int(v) for k, v in (p.needs or {}).items()},
            district=p.district, min_km=p.min_km, max_km=p.max_km, ethnicity=child.ethnicity,
            religion=child.religion, language=child.first_language or "English",
            waiting_days=max(0, (today - p.started).days), together_with=together.get(child.pk, ()),
        ))
    return out


def carer_facts(profiles, today):
    out = []
    for p in profiles:
        carer = p.carer
        approved = carer.full_approval_date or carer.approval_date
        out.append(scoring.CarerFacts(
            id=carer.pk, name=carer.name, approval_type=p.approval_type, capacity=carer.capacity,
            age_min=carer.age_min, age_max=carer.age_max, needs={k: int(v) for k, v in (p.needs or {}).items()},
            district=p.district, ethnicity=p.ethnicity, religion=carer.religion,
            languages=frozenset(x.strip().lower() for x in (carer.languages or "English").split(",") if x.strip()) | {"english"},
            years_approved=(today - approved).days / 365.25 if approved else 0.0,
            children_cared_for=p.children_cared_for, open_to_siblings=p.open_to_siblings,
            preferred_age_min=p.preferred_age_min, preferred_age_max=p.preferred_age_max,
        ))
    return out


def available_carers():
    return CarerProfile.objects.filter(status=choices.AVAILABLE, carer__approval_ended__isnull=True).select_related("carer")


def waiting_profiles():
    return ChildProfile.objects.filter(status__in=choices.WAITING_STATUSES).select_related("child").order_by("started", "pk")


# --- pages --------------------------------------------------------------------------------------

def carer_register(*, approval_type="", status="", district="", need="", q=""):
    rows = CarerProfile.objects.select_related("carer").order_by("carer__name", "pk")
    if approval_type:
        rows = rows.filter(approval_type=approval_type)
    if status:
        rows = rows.filter(status=status)
    if district:
        rows = rows.filter(district=district)
    if q:
        rows = rows.filter(Q(carer__name__icontains=q) | Q(carer__reference__icontains=q))
    if need:
        # JSON lookups differ between SQLite and PostgreSQL; the register is small, so filter here.
        return [r for r in rows if int((r.needs or {}).get(need, 0)) > 0]
    return rows


def carer_matches(carer):
    return Match.objects.filter(carer=carer).prefetch_related("children").order_by("-linked_on", "-pk")


@dataclass(frozen=True)
class Waiting:
    profile: ChildProfile
    days: int
    plan: str
    active_match: object


def waiting_children(today=None):
    today = today or date.today()
    profiles = list(waiting_profiles())
    ids = [p.child_id for p in profiles]
    plans = _plans(ids)
    active = {}
    for match in Match.objects.filter(children__in=ids, stage__in=stages.ACTIVE).select_related("carer").prefetch_related("children"):
        for child in match.children.all():
            active[child.pk] = match
    return [Waiting(p, (today - p.started).days, plans[p.child_id].get_primary_option_display() if p.child_id in plans else "",
                    active.get(p.child_id)) for p in profiles]


def unit_for(child, today):
    """The child's facts and their unit: the brothers and sisters with a family-finding profile
    that the sibling decision says are to live with them."""
    profile = ChildProfile.objects.select_related("child").get(child=child)
    facts = child_facts([profile], today)[0]
    others = ChildProfile.objects.filter(child_id__in=facts.together_with).exclude(
        status=choices.PLACED).select_related("child")
    members = [facts, *child_facts(list(others), today)]
    unit = next(u for u in scoring.units_of(members) if facts.id in u.ids)
    return facts, unit


def shortlist_for(child, today=None, size=None):
    """Ranked carers who fit, each with a Score (its reasons), and the count who did not fit."""
    today = today or date.today()
    pol = policy()
    facts, unit = unit_for(child, today)
    profiles = {p.carer_id: p for p in available_carers()}
    carers = carer_facts(profiles.values(), today)
    ranked, excluded = scoring.shortlist(facts, unit, carers, pol, size)
    return {
        "facts": facts, "unit": unit, "excluded": excluded, "policy": pol,
        "rows": [(profiles[c.id], s) for c, s in ranked],
    }


def match_detail(pk):
    return (Match.objects.select_related("carer__matching_profile", "panel_item__panel", "panel_item__adm_decision")
            .prefetch_related("children", "visits", Prefetch("events", queryset=MatchEvent.objects.select_related("by").order_by("date", "pk")))
            .get(pk=pk))


def child_matches(child):
    return Match.objects.filter(children=child).select_related("carer").order_by("-linked_on", "-pk")


def suggested_plan(today=None):
    """The optimiser's proposal across every waiting child and available household, beside the
    greedy baseline. It proposes; people decide."""
    today = today or date.today()
    pol = policy()
    profiles = [p for p in waiting_profiles() if p.status == choices.SEARCHING]
    children = child_facts(profiles, today)
    carer_profiles = list(available_carers())
    carers = carer_facts(carer_profiles, today)
    units = scoring.units_of(children)
    edges = scoring.unit_edges(units, carers, pol)
    sizes = [u.size for u in units]
    households = [optimiser.Household(c.capacity, c.approval_type in pol.one_family) for c in carers]
    exact = optimiser.optimise(sizes, households, edges)
    base = optimiser.greedy(sizes, households, edges)
    by_child = {p.child_id: p for p in profiles}
    rows = []
    for i, unit in enumerate(units):
        j = exact.assignment.get(i)
        rows.append({
            "children": [by_child[c.id] for c in unit.children], "size": unit.size,
            "carer": carer_profiles[j] if j is not None else None,
            "score": round(edges[(i, j)] / unit.size) if j is not None else None,
            "greedy_carer": carer_profiles[base.assignment[i]] if i in base.assignment else None,
        })
    rows.sort(key=lambda r: (r["carer"] is None, r["children"][0].child.last_name))
    return {
        "rows": rows, "exact": exact, "greedy": base, "children": len(children), "carers": len(carers),
        "exact_matched": exact.children_matched(sizes), "greedy_matched": base.children_matched(sizes),
    }


def family_finding_section(child):
    """What the child page shows: the profile, if any, and the matches."""
    profile = ChildProfile.objects.filter(child=child).first()
    return {"profile": profile, "matches": list(child_matches(child)) if profile else []}
