"""Who is waiting for a family, since when, and who lives together (pure: no Django).

A child is waiting only when their plan needs a new family and they are not already in the
home intended to be permanent. Waiting counts from the decision that they need one: the day
a plan needing a new family was first recorded (a plan re-recorded with the same option does
not restart the count). A child in a confirmed long-term or permanent home is settled: family
finding never proposes to move them (DESIGN principle 8: advice never proposes breaking up a
home that works).

Brothers and sisters who live together are one unit unless a recorded decision says they
should live apart, with its reasons; brothers and sisters a recorded decision says should live
together are one unit too (Children Act 1989 s22C(8)(c); Part 6 principles: a presumption in
favour of placing siblings together unless there is good reason to do otherwise).
"""

from dataclasses import dataclass
from datetime import date

from permanence.codes.placement import ADOPTION, LONG_TERM_FOSTER

# Plans that look for a new family when the plan names nobody to care for the child.
NEEDS_A_FAMILY = ("adoption", "long_term_fostering", "special_guardianship", "kinship", "child_arrangements_order")
# Plans for the child to be brought up by relatives or friends (connected persons).
FAMILY_PLANS = ("special_guardianship", "kinship", "child_arrangements_order")
# Plans whose carers are the child's own family or the child themselves: never family finding.
NO_NEW_FAMILY = {
    "stay_home": "the plan is for the child to stay at home",
    "return_home": "the plan is for the child to return home",
    "independence": "the plan is a supported move to independence",
    "residential": "the plan is residential care, not a new family",
}
LONG_TERM_SOURCE = (
    "Care Planning, Placement and Case Review (England) Regulations 2010 reg 22C (long-term foster placement), "
    "as amended in 2015; SSDA903 placement codes U1 and U4"
)
SIBLINGS_SOURCE = (
    "Children Act 1989 s22C(8)(c); Permanence: considerations arising from key principles (procedures manual, "
    "Part 6), duties to the child"
)
# A practice prompt: a child a year or more with the same carers may already be home.
SETTLED_DAYS = 365
CURRENT_CARERS_SOURCE = (
    "DfE, Knowledge and Skills Statement: Achieving Permanence, where an existing short-term placement is "
    "made permanent"
)
PRINCIPLE_SOURCE = "Permanence Planner design principle 8: advice never proposes breaking up a home that works"


@dataclass(frozen=True)
class HomeFacts:
    """What the record says about one child's home and plan today."""

    child_id: int
    name: str
    looked_after: bool = True
    placement: str = ""  # SSDA903 placement code of the current episode
    home: tuple | None = None  # ("carer", id) or ("urn", urn) of the current placement; None if unknown
    home_name: str = ""
    home_since: date | None = None  # the day the child started living in the current home
    option: str = ""  # the current plan's primary option
    plan_since: date | None = None  # since when the plan has needed a new family (first of the run)
    home_is_family: bool = False  # the child lives with relatives or friends (connected persons)
    named_carer: tuple | None = None  # ("carer", id) the plan names as the child's permanent carers
    named_carer_name: str = ""  # who the plan names (a carer household or a person in the family)
    matched_with: str = ""  # the carers of an approved match, if any


@dataclass(frozen=True)
class Verdict:
    child_id: int
    waiting: bool
    settled: bool  # in a confirmed long-term or permanent home: never proposed to move
    reason: str  # in words
    since: date | None = None  # waiting since (the decision that the child needs a new family)
    source: str = ""
    prompt: str = ""  # a practice prompt beside a waiting child (never a reason to hold them back)

    def days(self, today):
        return max(0, (today - self.since).days) if self.waiting and self.since else 0


def verdict(facts, today):
    """Whether the child is waiting for a new family, or why not, in words."""
    name = facts.name
    if not facts.looked_after:
        return Verdict(
            facts.child_id, False, True, f"{name} is not looked after: family finding is for children in care."
        )
    if facts.placement in ADOPTION:
        return Verdict(
            facts.child_id,
            False,
            True,
            f"{name} is placed for adoption{_with(facts)}.",
            source=LONG_TERM_SOURCE,
        )
    if facts.placement in LONG_TERM_FOSTER:
        return Verdict(
            facts.child_id,
            False,
            True,
            f"{name} is in a confirmed long-term foster placement{_with(facts)}{_since(facts, today)}: "
            "family finding never proposes a move.",
            source=LONG_TERM_SOURCE,
        )
    if facts.named_carer is not None and facts.named_carer == facts.home:
        return Verdict(
            facts.child_id,
            False,
            True,
            f"{name} already lives with {facts.named_carer_name or 'the carers'}, whom the plan names as "
            f"{name}'s permanent carers{_since(facts, today)}.",
            source=PRINCIPLE_SOURCE,
        )
    if facts.option in FAMILY_PLANS and facts.home_is_family and facts.named_carer is None:
        return Verdict(
            facts.child_id,
            False,
            True,
            f"{name} lives with family or friends{_with(facts)}{_since(facts, today)}, and the plan is for "
            f"{name} to be brought up in the family: no search for a new family. Name them in the plan to confirm it.",
            source=PRINCIPLE_SOURCE,
        )
    if facts.matched_with:
        return Verdict(
            facts.child_id, False, False, f"{name} is matched with {facts.matched_with}: the match has been approved."
        )
    if not facts.option:
        return Verdict(facts.child_id, False, False, f"{name} has no permanence plan recorded.")
    if facts.option in NO_NEW_FAMILY:
        return Verdict(
            facts.child_id, False, False, f"{name} does not need a new family: {NO_NEW_FAMILY[facts.option]}."
        )
    if facts.option not in NEEDS_A_FAMILY:
        return Verdict(facts.child_id, False, False, f"{name}'s plan does not look for a new family.")
    if facts.named_carer is not None:
        return Verdict(
            facts.child_id,
            False,
            False,
            f"The plan names {facts.named_carer_name or 'the carers'} to care for {name}: no search is needed.",
        )
    prompt = ""
    if facts.home and facts.home[0] == "carer" and facts.home_since and (today - facts.home_since).days >= SETTLED_DAYS:
        prompt = (
            f"{name} has lived with {facts.home_name or 'the current carers'}{_since(facts, today)}. Consider whether "
            f"they could be {name}'s permanent family before looking elsewhere ({CURRENT_CARERS_SOURCE})."
        )
    return Verdict(
        facts.child_id,
        True,
        False,
        f"{name}'s plan needs a new family, and {name} is not yet living with the family intended to be permanent.",
        since=facts.plan_since,
        prompt=prompt,
    )


def _with(facts):
    return f" with {facts.home_name}" if facts.home_name else ""


def _since(facts, today):
    if not facts.home_since:
        return ""
    days = (today - facts.home_since).days
    return f" (living there {days:,} days, since {facts.home_since:%d/%m/%Y})"


def need_since(plans):
    """The day the current plan's need for a new family was first recorded.

    `plans`: (recorded, primary option) of the child's plans, oldest first, the current last.
    A run of plans with the same option counts from its first; None if the current plan does
    not need a new family.
    """
    if not plans or plans[-1][1] not in NEEDS_A_FAMILY:
        return None
    option, since = plans[-1][1], plans[-1][0]
    for recorded, earlier in reversed(plans[:-1]):
        if earlier != option:
            break
        since = recorded
    return since


# --- brothers and sisters -------------------------------------------------------------------


@dataclass(frozen=True)
class PairDecision:
    """The latest recorded decision about two children: together or apart, with its reasons and date."""

    a: int
    b: int
    together: bool
    reasons: str
    date: date


@dataclass(frozen=True)
class Group:
    """Brothers and sisters to be placed as one unit, and why they are one."""

    ids: tuple
    reasons: tuple = ()  # why they are together, in words


def latest_pair_decisions(decisions):
    """{frozenset({a, b}): PairDecision} keeping, for each pair, the latest decision from either side.

    `decisions`: (child id, sibling id, together?, reasons, date, order) for every sibling in every
    decision; `order` breaks ties on the same day (the later record wins).
    """
    latest = {}
    for child_id, sibling_id, together, reasons, day, _order in sorted(decisions, key=lambda d: (d[4], d[5])):
        if child_id == sibling_id:
            continue
        latest[frozenset((child_id, sibling_id))] = PairDecision(child_id, sibling_id, together, reasons, day)
    return latest


def _pairs(sibling_pairs, decisions):
    found = {frozenset((a, b)) for a, others in sibling_pairs.items() for b in others if a != b}
    return sorted(found | set(decisions), key=sorted)


def sibling_groups(homes, sibling_pairs, decisions, names):
    """Units of brothers and sisters: those living in the same home today, and those a decision
    says should live together, less pairs whose latest decision says they should live apart.

    homes: {child id: home or None}; sibling_pairs: {child id: set of sibling ids};
    decisions: latest_pair_decisions(...); names: {child id: first name}.
    Returns {child id: Group} for every child in a group of two or more.
    """
    parent = {}

    def root(i):
        parent.setdefault(i, i)
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reasons = {}
    for pair in _pairs(sibling_pairs, decisions):
        a, b = sorted(pair)
        decided = decisions.get(pair)
        if decided is not None and not decided.together:
            continue
        same_home = homes.get(a) is not None and homes.get(a) == homes.get(b)
        first, second = names.get(a, str(a)), names.get(b, str(b))
        if same_home:
            why = f"{first} and {second} live together now."
        elif decided is not None:
            why = f"A decision of {decided.date:%d/%m/%Y} says {first} and {second} should live together."
        else:
            continue
        parent[root(a)] = root(b)
        reasons[pair] = why
    members = {}
    for i in list(parent):
        members.setdefault(root(i), set()).add(i)
    out = {}
    for group in members.values():
        if len(group) < 2:
            continue
        made = Group(tuple(sorted(group)), tuple(reasons[p] for p in sorted(reasons, key=sorted) if p <= group))
        for i in made.ids:
            out[i] = made
    return out


def apart_notes(sibling_pairs, decisions, homes, names):
    """{child id: [in words]} for children living with a brother or sister whom a recorded
    decision says they should live apart from (shown beside the proposal)."""
    out = {}
    for pair, decided in decisions.items():
        a, b = sorted(pair)
        if decided.together or homes.get(a) is None or homes.get(a) != homes.get(b):
            continue
        if b not in sibling_pairs.get(a, ()) and a not in sibling_pairs.get(b, ()):
            continue
        words = (
            f"{names.get(a, a)} and {names.get(b, b)} live together; a decision of {decided.date:%d/%m/%Y} says "
            f"they should live apart: {decided.reasons.strip()}"
        )
        out.setdefault(a, []).append(words)
        out.setdefault(b, []).append(words)
    return out
