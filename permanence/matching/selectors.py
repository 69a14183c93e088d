"""Reads for family finding: the carer register, waiting children, shortlists, the suggested plan.

Facts for scoring are read in bulk (a fixed number of queries whatever the numbers) and handed
to the pure scoring and optimiser modules as plain dataclasses.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, Q

from permanence.children.models import Carer, Child
from permanence.children.presence import may_have
from permanence.planning.models import PermanencePlan
from permanence.timescales.dates import age_on

from . import choices, explain, homes, optimiser, scoring, stages, waiting
from .models import CarerProfile, ChildProfile, Match, MatchEvent
from .policy import load_matching_policy


def policy():
    return load_matching_policy(getattr(settings, "PERMANENCE_POLICY", "england"))


# --- facts ------------------------------------------------------------------------------------


def _plans(child_ids):
    plans = {}
    for plan in PermanencePlan.objects.filter(child_id__in=child_ids, superseded_on__isnull=True).order_by(
        "recorded", "pk"
    ):
        plans[plan.child_id] = plan
    return plans


def child_facts(profiles, today, found=None):
    """ChildFacts for ChildProfiles (with `child` selected). `found`: homes.homes_for(...) for
    these children, when the caller has read it already."""
    ids = [p.child_id for p in profiles]
    found = found or homes.homes_for(ids, today=today)
    plans = _plans(ids)
    out = []
    for p in profiles:
        child = p.child
        plan = plans.get(child.pk)
        verdict = found.verdicts.get(child.pk)
        group = found.groups.get(child.pk)
        out.append(
            scoring.ChildFacts(
                id=child.pk,
                name=child.first_name,
                age=age_on(child.date_of_birth, today) if child.date_of_birth else 0,
                option=plan.primary_option if plan else "",
                needs={k: int(v) for k, v in (p.needs or {}).items()},
                district=p.district,
                min_km=p.min_km,
                max_km=p.max_km,
                ethnicity=child.ethnicity,
                religion=child.religion,
                language=child.first_language or "English",
                waiting_days=verdict.days(today) if verdict else 0,
                together_with=tuple(i for i in group.ids if i != child.pk) if group else (),
            )
        )
    return out


def carer_facts(profiles, today):
    out = []
    for p in profiles:
        carer = p.carer
        approved = carer.full_approval_date or carer.approval_date
        out.append(
            scoring.CarerFacts(
                id=carer.pk,
                name=carer.name,
                approval_type=p.approval_type,
                capacity=carer.capacity,
                age_min=carer.age_min,
                age_max=carer.age_max,
                needs={k: int(v) for k, v in (p.needs or {}).items()},
                district=p.district,
                ethnicity=p.ethnicity,
                religion=carer.religion,
                languages=frozenset(x.strip().lower() for x in (carer.languages or "English").split(",") if x.strip())
                | {"english"},
                years_approved=(today - approved).days / 365.25 if approved else 0.0,
                children_cared_for=p.children_cared_for,
                open_to_siblings=p.open_to_siblings,
                preferred_age_min=p.preferred_age_min,
                preferred_age_max=p.preferred_age_max,
            )
        )
    return out


def available_carers():
    return CarerProfile.objects.filter(status=choices.AVAILABLE, carer__approval_ended__isnull=True).select_related(
        "carer"
    )


def waiting_profiles():
    return (
        ChildProfile.objects.filter(status__in=choices.WAITING_STATUSES)
        .select_related("child")
        .order_by("started", "pk")
    )


# --- pages --------------------------------------------------------------------------------------


def carer_register(*, q="", kind="", approval_type="", status="", district="", need="", on_register=None):
    """The council's carers filtered as the carer register page and the API filter them, by name,
    each with its family-finding register entry (`matching_profile`): the one filter for both.

    `q` is part of the name or the reference, case ignored; `kind` the kind of carer on the case
    record; `approval_type`, `status`, `district` and `need` (a need area they can meet at some
    level) are about the register entry, so they leave out carers not on the register;
    `on_register` True or False keeps only those on it, or only those not. A queryset, not yet read.
    """
    carers = Carer.objects.select_related("matching_profile").order_by("name", "pk")
    if q:
        carers = carers.filter(Q(name__icontains=q) | Q(reference__icontains=q))
    if kind:
        carers = carers.filter(kind=kind)
    if approval_type:
        carers = carers.filter(matching_profile__approval_type=approval_type)
    if status:
        carers = carers.filter(matching_profile__status=status)
    if district:
        carers = carers.filter(matching_profile__district=district)
    if on_register is not None:
        carers = carers.filter(matching_profile__isnull=not on_register)
    if need:
        # JSON lookups differ between SQLite and PostgreSQL; the register is small, so read the needs here.
        entries = carers.filter(matching_profile__isnull=False).values_list("pk", "matching_profile__needs")
        carers = carers.filter(pk__in=[pk for pk, needs in entries if int((needs or {}).get(need, 0)) > 0])
    return carers


def carer_matches(carer):
    return Match.objects.filter(carer=carer).prefetch_related("children").order_by("-linked_on", "-pk")


@dataclass(frozen=True)
class Waiting:
    profile: object  # ChildProfile, or None when family finding has not started
    child: object
    verdict: object  # waiting.Verdict
    days: int  # since the decision that the child needs a new family
    plan: str
    active_match: object = None
    held: str = ""  # why the child cannot be proposed on their own, if so


@dataclass(frozen=True)
class FamilyFinding:
    waiting: list  # Waiting, longest first
    not_started: list  # Waiting: the plan needs a new family, family finding not yet started
    settled: list  # Waiting: family finding is open, but the child is not waiting (with the reason)


def _active_matches(ids):
    active = {}
    for match in (
        Match.objects.filter(children__in=ids, stage__in=stages.ACTIVE)
        .select_related("carer")
        .prefetch_related("children")
    ):
        for child in match.children.all():
            active[child.pk] = match
    return active


def needing_a_family():
    """Children whose current plan looks for a new family (primary option), looked after or not."""
    return PermanencePlan.objects.filter(
        superseded_on__isnull=True, primary_option__in=waiting.NEEDS_A_FAMILY
    ).values_list("child_id", flat=True)


def waiting_children(today=None, *, visible=None):
    """Who is waiting for a family (longest first), who needs family finding started, and who
    has family finding open but is settled or otherwise not waiting, each with the reason.
    `visible`: the children the person may see (a queryset of Child), if limited."""
    today = today or date.today()
    profiles = waiting_profiles()
    candidates = needing_a_family()
    if visible is not None:
        profiles = profiles.filter(child__in=visible)
        candidates = candidates.filter(child__in=visible)
    profiles = list(profiles)
    with_profile = {p.child_id for p in profiles}
    others = set(candidates) - with_profile - set(ChildProfile.objects.values_list("child_id", flat=True))
    ids = with_profile | others
    allowed = set(visible.values_list("pk", flat=True)) if visible is not None else None
    found = homes.homes_for(ids, today=today, visible_ids=allowed)
    plans = _plans(ids)
    active = _active_matches(list(with_profile))
    children = {c.pk: c for c in Child.objects.filter(pk__in=others)}

    def row(child, profile):
        verdict = found.verdicts[child.pk]
        plan = plans.get(child.pk)
        return Waiting(
            profile,
            child,
            verdict,
            verdict.days(today),
            plan.get_primary_option_display() if plan else "",
            active.get(child.pk),
            homes.held_back(child.pk, found) if verdict.waiting else "",
        )

    rows = [row(p.child, p) for p in profiles]
    waiting_rows = sorted((r for r in rows if r.verdict.waiting), key=lambda r: (-r.days, r.child.last_name))
    settled = sorted((r for r in rows if not r.verdict.waiting), key=lambda r: (r.child.last_name, r.child.pk))
    not_started = [row(children[i], None) for i in sorted(others) if i in children]
    not_started = sorted((r for r in not_started if r.verdict.waiting), key=lambda r: (-r.days, r.child.last_name))
    return FamilyFinding(waiting_rows, not_started, settled)


def verdict_for(child, today=None):
    """Whether this child is waiting for a new family, or why not; and why they are held back, if so."""
    today = today or date.today()
    found = homes.homes_for([child.pk], today=today)
    return found.verdicts[child.pk], homes.held_back(child.pk, found), found


def unit_for(child, today, found=None):
    """The child's facts and their unit: the brothers and sisters with a family-finding profile
    who live with them or whom a decision says should live with them."""
    found = found or homes.homes_for([child.pk], today=today)
    profile = ChildProfile.objects.select_related("child").get(child=child)
    group = found.groups.get(child.pk)
    others = (
        ChildProfile.objects.filter(child_id__in=group.ids)
        .exclude(child=child)
        .exclude(status=choices.PLACED)
        .select_related("child")
        if group
        else []
    )
    members = child_facts([profile, *others], today, found)
    unit = next(u for u in scoring.units_of(members) if child.pk in u.ids)
    return members[0], unit


def shortlist_for(child, today=None, size=None):
    """Ranked carers who fit, each with a Score (its reasons), and the count who did not fit."""
    today = today or date.today()
    pol = policy()
    verdict, held, found = verdict_for(child, today)
    facts, unit = unit_for(child, today, found)
    profiles = {p.carer_id: p for p in available_carers()}
    carers = carer_facts(profiles.values(), today)
    ranked, excluded = scoring.shortlist(facts, unit, carers, pol, size)
    return {
        "facts": facts,
        "unit": unit,
        "excluded": excluded,
        "policy": pol,
        "rows": [(profiles[c.id], s) for c, s in ranked],
        "verdict": verdict,
        "held": held,
        "group": found.groups.get(child.pk),
        "apart": found.apart.get(child.pk, []),
    }


def match_detail(pk):
    return (
        Match.objects.select_related("carer__matching_profile", "panel_item__panel", "panel_item__adm_decision")
        .prefetch_related(
            "children",
            "visits",
            Prefetch("events", queryset=MatchEvent.objects.select_related("by").order_by("date", "pk")),
        )
        .get(pk=pk)
    )


def child_matches(child):
    return Match.objects.filter(children=child).select_related("carer").order_by("-linked_on", "-pk")


def suggested_plan(today=None, *, visible=None):
    """The optimiser's proposal across every waiting child and available household, beside the
    greedy baseline, each proposal with why and which constraints held. It proposes; people decide.

    Children who are not waiting (settled in a confirmed long-term or permanent home, matched,
    or on a plan that needs no new family) are never proposed: they are listed with the reason.
    Brothers and sisters who live together are one unit unless a recorded decision says they
    should live apart; a unit with someone not waiting is held back, with the reason.
    """
    today = today or date.today()
    pol = policy()
    profiles = [p for p in waiting_profiles() if p.status == choices.SEARCHING]
    allowed = None
    if visible is not None:
        allowed = set(visible.values_list("pk", flat=True))
        profiles = [p for p in profiles if p.child_id in allowed]
    found = homes.homes_for([p.child_id for p in profiles], today=today, visible_ids=allowed)
    searching = {p.child_id for p in profiles}
    left, held, candidates = [], [], []
    for p in profiles:
        verdict = found.verdicts[p.child_id]
        if not verdict.waiting:
            left.append({"profile": p, "reason": verdict.reason, "source": verdict.source})
            continue
        group = found.groups.get(p.child_id)
        reason = homes.held_back(p.child_id, found)
        outside = [i for i in (group.ids if group else ()) if i not in searching and found.verdicts[i].waiting]
        if not reason and outside:
            names = " and ".join(found.names.get(i, "") for i in outside)
            reason = (
                f"Not proposed: {p.child.first_name} is to live with {names}, for whom family finding is not "
                f"open and searching. Start or reopen family finding for them so they are proposed together."
            )
        if reason:
            held.append({"profile": p, "reason": reason})
        else:
            candidates.append(p)
    children = child_facts(candidates, today, found)
    carer_profiles = list(available_carers())
    carers = carer_facts(carer_profiles, today)
    units = scoring.units_of(children)
    edges = scoring.unit_edges(units, carers, pol)
    sizes = [u.size for u in units]
    households = [optimiser.Household(c.capacity, c.approval_type in pol.one_family) for c in carers]
    exact = optimiser.optimise(sizes, households, edges)
    base = optimiser.greedy(sizes, households, edges)
    by_child = {p.child_id: p for p in candidates}
    by_unit = {}
    for (i, j), value in edges.items():
        by_unit.setdefault(i, []).append((value, j))
    unit_names = {i: explain._names(u) for i, u in enumerate(units)}
    carer_names = {j: c.name for j, c in enumerate(carers)}
    rows = []
    for i, unit in enumerate(units):
        j = exact.assignment.get(i)
        group = found.groups.get(unit.children[0].id)
        reasons = group.reasons if group else ()
        if j is not None:
            why = explain.explain(
                unit,
                carers[j],
                pol,
                best_other=explain.best_elsewhere(i, exact.assignment, by_unit, unit_names, carer_names),
                group_reasons=reasons,
            )
        else:
            why = None
        rows.append(
            {
                "children": [by_child[c.id] for c in unit.children],
                "size": unit.size,
                "carer": carer_profiles[j] if j is not None else None,
                "explanation": why,
                "score": why.percent if why else None,
                "none_because": ""
                if j is not None
                else explain.no_household(unit, carers, pol, len(by_unit.get(i, ()))),
                "together_because": reasons,
                "prompts": [found.verdicts[c.id].prompt for c in unit.children if found.verdicts[c.id].prompt],
                "apart": [w for c in unit.children for w in found.apart.get(c.id, [])],
                "greedy_carer": carer_profiles[base.assignment[i]] if i in base.assignment else None,
            }
        )
    rows.sort(key=lambda r: (r["carer"] is None, r["children"][0].child.last_name))
    return {
        "rows": rows,
        "exact": exact,
        "greedy": base,
        "children": len(children),
        "units": len(units),
        "sibling_units": sum(1 for u in units if u.size > 1),
        "carers": len(carers),
        "exact_matched": exact.children_matched(sizes),
        "greedy_matched": base.children_matched(sizes),
        "left": left,
        "held": held,
        "proposals": len(exact.assignment),
    }


def family_finding_section(child, *, present=None):
    """What the child page shows: the profile, if any, and the matches. `present`
    (children.presence.with_rows): when it finds no profile, none is read."""
    profile = ChildProfile.objects.filter(child=child).first() if may_have(present, ChildProfile) else None
    return {"profile": profile, "matches": list(child_matches(child)) if profile else []}
