"""Reads for family finding's first question: who is waiting for a family, who is settled, and
which brothers and sisters are one unit. In bulk, a fixed number of queries for any number of
children; the rules themselves are pure (`waiting.py`).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from permanence.children.carers import CONNECTED_PERSON
from permanence.children.models import Child, Episode
from permanence.codes.placement import FOSTER_RELATIVES_FRIENDS
from permanence.planning.models import PermanencePlan
from permanence.planning.selectors import named_carers_for
from permanence.siblings.choices import TOGETHER
from permanence.siblings.models import SiblingDecision
from permanence.siblings.selectors import sibling_pairs

from . import stages, waiting
from .models import Match


@dataclass(frozen=True)
class Homes:
    """What family finding knows about a set of children today."""

    verdicts: dict  # child id -> waiting.Verdict
    facts: dict  # child id -> waiting.HomeFacts
    groups: dict  # child id -> waiting.Group (brothers and sisters to be placed as one)
    apart: dict  # child id -> [in words]: living with a sibling a decision says to live apart from
    names: dict  # child id -> first name


def _home(episode):
    if episode.carer_id:
        return ("carer", episode.carer_id)
    return ("urn", episode.urn) if episode.urn else None


def _home_facts(child_ids, today):
    """{child id: (home, home name, placement, since, looked after, with family)} from one query."""
    out = {}
    by_child = {}
    episodes = (
        Episode.objects.filter(child_id__in=child_ids, start__lte=today)
        .select_related("carer")
        .order_by("child_id", "start", "pk")
    )
    for episode in episodes:
        by_child.setdefault(episode.child_id, []).append(episode)
    for child_id, rows in by_child.items():
        current = rows[-1]
        if current.end is not None and current.end <= today:
            out[child_id] = (None, "", "", None, False, False)
            continue
        home = _home(current)
        since = current.start
        for earlier in reversed(rows[:-1]):
            # Back through episodes with no gap and the same home: a change of legal status is not a move.
            if earlier.end != since or _home(earlier) != home or home is None:
                break
            since = earlier.start
        name = current.carer.name if current.carer_id else ""
        family = current.placement in FOSTER_RELATIVES_FRIENDS or (
            current.carer_id is not None and current.carer.kind == CONNECTED_PERSON
        )
        out[child_id] = (home, name, current.placement, since, True, family)
    return out


def _plans(child_ids):
    plans = {}
    for child_id, recorded, option in (
        PermanencePlan.objects.filter(child_id__in=child_ids).order_by("child_id", "recorded", "pk")
    ).values_list("child_id", "recorded", "primary_option"):
        plans.setdefault(child_id, []).append((recorded, option))
    return plans


def _named_carers(child_ids):
    """{child id: (("carer", id) or None, name)}: who the current plan names as permanent carers."""

    return named_carers_for(child_ids)


def _approved_matches(child_ids):
    out = {}
    rows = Match.children.through.objects.filter(
        child_id__in=child_ids, match__stage__in=(stages.APPROVED, stages.INTRODUCTIONS)
    ).values_list("child_id", "match__carer__name")
    for child_id, carer_name in rows:
        out[child_id] = carer_name
    return out


def _pair_decisions(child_ids):
    rows = SiblingDecision.siblings.through.objects.filter(
        Q(siblingdecision__child_id__in=child_ids) | Q(child_id__in=child_ids)
    ).values_list(
        "siblingdecision__child_id",
        "child_id",
        "siblingdecision__decision",
        "siblingdecision__reasons",
        "siblingdecision__date",
        "siblingdecision__pk",
    )
    return waiting.latest_pair_decisions(
        (a, b, decision == TOGETHER, reasons, day, pk) for a, b, decision, reasons, day, pk in rows
    )


# What a brother or sister the reader may not open is called wherever a unit is described.
HIDDEN_NAME = "a brother or sister whose record you cannot open"


def homes_for(child_ids, *, today=None, visible_ids=None):
    """Verdicts for these children, with the brothers and sisters that make their units.
    `visible_ids`: the children the reader may open, if limited; any other is never named."""
    today = today or date.today()
    child_ids = set(child_ids)
    everyone, pairs, decisions = set(), {}, {}
    new = set(child_ids)
    # Out from the children asked about, to their brothers and sisters and theirs (a unit of
    # three may reach beyond the first pair): three rounds at most, a fixed number of queries.
    for _ in range(3):
        if not new:
            break
        everyone |= new
        found_pairs = sibling_pairs(new)
        found_decisions = _pair_decisions(new)
        pairs.update(found_pairs)
        decisions.update(found_decisions)
        reached = {s for sibs in found_pairs.values() for s in sibs} | {i for pair in found_decisions for i in pair}
        new = reached - everyone
    pairs = {a: {b for b in sibs if b in everyone} for a, sibs in pairs.items() if a in everyone}
    decisions = {pair: d for pair, d in decisions.items() if pair <= everyone}
    names = dict(Child.objects.filter(pk__in=everyone).values_list("pk", "first_name"))
    if visible_ids is not None:
        names = {pk: name if pk in visible_ids else HIDDEN_NAME for pk, name in names.items()}
    homes = _home_facts(everyone, today)
    plans = _plans(everyone)
    named = _named_carers(everyone)
    matched = _approved_matches(everyone)
    facts, verdicts = {}, {}
    for child_id in everyone:
        home, home_name, placement, since, looked_after, family = homes.get(
            child_id, (None, "", "", None, False, False)
        )
        history = plans.get(child_id, [])
        named_home, named_name = named.get(child_id, (None, ""))
        fact = waiting.HomeFacts(
            child_id=child_id,
            name=names.get(child_id, ""),
            looked_after=looked_after,
            placement=placement,
            home=home,
            home_name=home_name,
            home_since=since,
            home_is_family=family,
            option=history[-1][1] if history else "",
            plan_since=waiting.need_since(history),
            named_carer=named_home,
            named_carer_name=named_name,
            matched_with=matched.get(child_id, ""),
        )
        facts[child_id] = fact
        verdicts[child_id] = waiting.verdict(fact, today)
    current_homes = {i: f.home for i, f in facts.items() if f.looked_after}
    groups = waiting.sibling_groups(current_homes, pairs, decisions, names)
    apart = waiting.apart_notes(pairs, decisions, current_homes, names)
    return Homes(verdicts=verdicts, facts=facts, groups=groups, apart=apart, names=names)


def held_back(child_id, homes):
    """Why a waiting child cannot be proposed on their own, in words, or "".

    A child whose brother or sister is in their unit but is not waiting (settled, matched, or on
    another plan) is held back: proposing them alone would split the unit.
    """
    group = homes.groups.get(child_id)
    if group is None:
        return ""
    others = [i for i in group.ids if i != child_id and not homes.verdicts[i].waiting]
    if not others:
        return ""
    name = homes.names.get(child_id, "")
    words = []
    for other in others:
        words.append(f"{homes.names.get(other, '')}: {homes.verdicts[other].reason}")
    return (
        f"Not proposed: {name} is to live with brothers and sisters who are not waiting for a new family "
        f"({' '.join(words)}) {' '.join(group.reasons)} Record a decision that they should live apart, with "
        f"its reasons, or family finding for all of them, before {name} is proposed a new family."
    )
