"""Match scores that explain themselves (pure: no Django).

First the hard constraints: a carer who fails one is not a possible match, and the reason is
given in words (approval type fits the plan, room and age range, every need within the level
the carers can meet, the child's location constraints, a sibling group to be placed together
fits in one home). Then a score out of the policy's points: distance to the child's community,
identity, language, the carers' experience and their own preferences, and how long the child
has waited. Each part carries its reason. Ethnicity is always shown; whether it counts is the
policy pack's rule, and for adoption it never does (Children and Families Act 2014 s3).

The same functions give the numbers for the optimiser: `unit_value` skips the words.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from permanence.codes.ethnicity import BROAD_GROUPS, ETHNICITY

from . import places
from .choices import APPROVAL_TYPE_NAMES
from .needs import NEED_NAMES, level_name
from .policy import MatchingPolicy

OPTION_WORDS = {
    "adoption": "adoption",
    "long_term_fostering": "long-term fostering",
    "special_guardianship": "special guardianship",
    "kinship": "kinship care",
    "child_arrangements_order": "a child arrangements order",
    "residential": "residential care",
}
NO_RELIGION = {"", "no religion", "none"}
BROAD_OF = {code: group for group, codes in BROAD_GROUPS.items() for code in codes}

# What each part of the score gives: the fraction of its points earned (None: nothing recorded
# to score it by), and why in words.
Fraction = tuple[float | None, str]


@dataclass(frozen=True)
class ChildFacts:
    id: int
    name: str
    age: int
    option: str  # the permanence plan (planning.options)
    needs: dict[str, int] = field(default_factory=dict)  # need area -> level 1-3
    district: str = ""  # the child's community (postcode district)
    min_km: float | None = None  # at least this far from the community (safety)
    max_km: float | None = None  # at most this far (school, contact)
    ethnicity: str = ""  # SSDA903 code
    religion: str = ""
    language: str = "English"
    waiting_days: int = 0  # since the decision that the child needs a new family
    together_with: tuple[int, ...] = ()  # ids of brothers and sisters to be placed with this child


@dataclass(frozen=True)
class CarerFacts:
    id: int
    name: str
    approval_type: str
    capacity: int = 1
    age_min: int = 0
    age_max: int = 17
    needs: dict[str, int] = field(default_factory=dict)  # need area -> highest level they can meet
    district: str = ""
    ethnicity: str = ""
    religion: str = ""
    languages: frozenset[str] = frozenset({"english"})
    years_approved: float = 0.0
    children_cared_for: int = 0
    open_to_siblings: bool = True
    preferred_age_min: int | None = None
    preferred_age_max: int | None = None


@dataclass(frozen=True)
class Part:
    key: str
    name: str
    points: float
    out_of: float
    reason: str
    counted: bool = True  # False: it carries no information here (nothing recorded, or the same for all)


@dataclass(frozen=True)
class Score:
    child_id: int
    carer_id: int
    barriers: tuple[str, ...]  # hard constraints failed, in words; empty when the carers fit
    parts: tuple[Part, ...]  # Part per component (empty when there is a barrier)
    ethnicity: str  # always shown, with whether it counted

    @property
    def fits(self) -> bool:
        return not self.barriers

    @property
    def counted(self) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if p.counted)

    @property
    def not_counted(self) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if not p.counted)

    @property
    def total(self) -> float:
        return round(sum(p.points for p in self.counted), 1)

    @property
    def out_of(self) -> float:
        return round(sum(p.out_of for p in self.counted), 1)

    @property
    def percent(self) -> int:
        return round(100 * self.total / self.out_of) if self.out_of else 0


@dataclass(frozen=True)
class Unit:
    """Who is placed together: one child, or a sibling group decided to live together."""

    children: tuple[ChildFacts, ...]

    @property
    def size(self) -> int:
        return len(self.children)

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(c.id for c in self.children)


def units_of(children: Sequence[ChildFacts]) -> list[Unit]:
    """Group waiting children into units: brothers and sisters to be placed together (as far as
    they are in `children`) form one unit, everyone else is a unit of one."""
    by_id = {c.id: c for c in children}
    parent = {c.id: c.id for c in children}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for child in children:
        for other in child.together_with:
            if other in by_id:
                parent[root(other)] = root(child.id)
    groups: dict[int, list[ChildFacts]] = {}
    for child in children:
        groups.setdefault(root(child.id), []).append(child)
    return [Unit(tuple(sorted(members, key=lambda c: c.id))) for members in groups.values()]


# --- hard constraints ---------------------------------------------------------------------


def child_barriers(child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy) -> list[str]:
    out: list[str] = []
    fits = policy.approval_fits.get(child.option)
    if fits is None:
        out.append(f"No carers are matched with a plan of {OPTION_WORDS.get(child.option, child.option or 'none')}.")
    elif carer.approval_type not in fits:
        out.append(
            f"{APPROVAL_TYPE_NAMES.get(carer.approval_type, carer.approval_type)} cannot be matched with a plan "
            f"of {OPTION_WORDS.get(child.option, child.option)}."
        )
    if not carer.age_min <= child.age <= carer.age_max:
        out.append(f"{child.name} is {child.age}; the carers are approved for ages {carer.age_min} to {carer.age_max}.")
    for need, level in child.needs.items():
        can = carer.needs.get(need, 0)
        if level > can:
            out.append(
                f"{NEED_NAMES.get(need, need)}: {child.name}'s are {level_name(level).lower()}; "
                f"the carers can meet {'none' if not can else 'up to ' + level_name(can).lower()}."
            )
    km = places.distance_km(child.district, carer.district)
    if km is not None and child.min_km is not None and km < child.min_km:
        out.append(
            f"The carers live about {km:.0f} km from {places.label(child.district)}; "
            f"{child.name}'s plan needs at least {child.min_km:.0f} km."
        )
    if km is not None and child.max_km is not None and km > child.max_km:
        out.append(
            f"The carers live about {km:.0f} km from {places.label(child.district)}; "
            f"{child.name}'s plan needs at most {child.max_km:.0f} km."
        )
    return out


def unit_barriers(unit: Unit, carer: CarerFacts, policy: MatchingPolicy) -> list[str]:
    out: list[str] = []
    if unit.size > carer.capacity:
        names = " and ".join(c.name for c in unit.children)
        out.append(f"The carers have room for {carer.capacity}; {names} are to live together ({unit.size} children).")
    for child in unit.children:
        out.extend(child_barriers(child, carer, policy))
    return out


# --- the score ----------------------------------------------------------------------------
#
# Each part returns (fraction, words). A fraction of None means the part carries no information
# for this child: nothing is recorded to compare (no community recorded, no faith or heritage,
# English as first language, which every household speaks). Such a part is shown with its reason
# and not counted. Time waiting is the same for every household a child could go to: it orders
# children (who is proposed first when households are scarce), never households, so it is not
# counted in a child's score for a household.

MATCH_PARTS = ("distance", "identity", "language", "experience", "preferences")
PRIORITY_PARTS = ("waiting",)
# A child with nothing recorded that tells households apart counts as middling for the optimiser,
# so the lack of a record neither helps nor harms their place among other children.
NOTHING_RECORDED = 0.5


def _distance(child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy, explain: bool) -> Fraction:
    km = places.distance_km(child.district, carer.district)
    if km is None:
        missing = "the child's community" if not places.district_of(child.district) else "the carers' district"
        return None, (f"Not scored: {missing} is not recorded, so distance cannot be compared." if explain else "")
    if km <= policy.ideal_km:
        fraction = 1.0
    else:
        fraction = max(0.0, 1 - (km - policy.ideal_km) / (policy.far_km - policy.ideal_km))
    if not explain:
        return fraction, ""
    where = places.label(carer.district)
    if km < 0.5:
        words = f"Same district as {child.name}'s community ({where})."
    else:
        words = f"About {km:.0f} km from {child.name}'s community, {places.label(child.district)} (carers in {where})."
    return fraction, words


def _ethnicity_counts(child: ChildFacts, policy: MatchingPolicy) -> bool:
    return policy.ethnicity_use(child.option) == "weigh" and child.ethnicity in BROAD_OF


def _identity(child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy, explain: bool) -> Fraction:
    found: list[float] = []
    words: list[str] = []
    if child.religion.strip().lower() not in NO_RELIGION:
        if not carer.religion.strip():
            if explain:
                words.append(
                    f"The carers' faith is not recorded, so {child.name}'s ({child.religion}) is not compared."
                )
        else:
            same = carer.religion.strip().lower() == child.religion.strip().lower()
            found.append(1.0 if same else 0.0)
            if explain:
                words.append(
                    f"{'Shares' if same else 'Does not share'} {child.name}'s religion ({child.religion})"
                    f"{'' if same else '; carers: ' + carer.religion}."
                )
    if _ethnicity_counts(child, policy) and carer.ethnicity not in BROAD_OF:
        if explain:
            words.append("The carers' ethnicity is not recorded, so heritage is not compared.")
    elif _ethnicity_counts(child, policy):
        if carer.ethnicity == child.ethnicity:
            found.append(1.0)
            words.append("Shares the child's ethnic heritage.")
        elif BROAD_OF.get(carer.ethnicity) == BROAD_OF[child.ethnicity]:
            found.append(0.5)
            words.append("Shares part of the child's ethnic heritage.")
        else:
            found.append(0.0)
            words.append("Does not share the child's ethnic heritage.")
    if not found:
        if words:
            text = " ".join(words)
            return None, (f"Not scored: {text[:1].lower()}{text[1:]}" if explain else "")
        return None, (
            f"Not scored: nothing is recorded about {child.name}'s faith or heritage that carers would need to share."
            if explain
            else ""
        )
    return sum(found) / len(found), " ".join(words) if explain else ""


def _language(child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy, explain: bool) -> Fraction:
    language = (child.language or "English").strip()
    if language.lower() == "english":
        return None, (
            f"Not scored: {child.name}'s first language is English, which every household speaks." if explain else ""
        )
    if language.lower() in carer.languages:
        return 1.0, (f"The carers speak {language}, {child.name}'s first language." if explain else "")
    return 0.0, (f"The carers do not speak {language}, {child.name}'s first language." if explain else "")


def _experience(child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy, explain: bool) -> Fraction:
    years = min(1.0, carer.years_approved / policy.experience_full_years) if policy.experience_full_years else 1.0
    cared = min(1.0, carer.children_cared_for / 3)
    fraction = 0.5 * years + 0.5 * cared
    if not explain:
        return fraction, ""
    approved = (
        f"Approved {carer.years_approved:.0f} year{'s' if round(carer.years_approved) != 1 else ''}"
        if carer.years_approved >= 1
        else "Approved less than a year ago"
    )
    cared_words = (
        f"have cared for {carer.children_cared_for} child{'ren' if carer.children_cared_for != 1 else ''} before"
    )
    return fraction, f"{approved}; {cared_words}."


def _preferences(
    child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy, explain: bool, group_size: int = 1
) -> Fraction:
    low = carer.preferred_age_min if carer.preferred_age_min is not None else carer.age_min
    high = carer.preferred_age_max if carer.preferred_age_max is not None else carer.age_max
    age_ok = low <= child.age <= high
    siblings_ok = group_size == 1 or carer.open_to_siblings
    fraction = 0.5 * age_ok + 0.5 * siblings_ok
    if not explain:
        return fraction, ""
    words = [
        f"{child.name}'s age is {'within' if age_ok else 'outside'} the ages the carers hoped for ({low} to {high})."
    ]
    if group_size > 1:
        words.append(
            "They would welcome a sibling group."
            if carer.open_to_siblings
            else "They had hoped for one child, not a sibling group."
        )
    return fraction, " ".join(words)


def waiting_fraction(child: ChildFacts, policy: MatchingPolicy) -> float:
    return min(1.0, child.waiting_days / policy.waiting_full_days) if policy.waiting_full_days else 1.0


def waiting_words(child: ChildFacts) -> str:
    months = child.waiting_days // 30
    when = f"{months} month{'s' if months != 1 else ''}" if months else f"{child.waiting_days} days"
    return f"{child.name} has waited {when} since the decision that {child.name} needs a new family."


def _waiting(child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy, explain: bool) -> Fraction:
    fraction = waiting_fraction(child, policy)
    if not explain:
        return fraction, ""
    return fraction, (
        f"{waiting_words(child)} The same for every household, so it is not counted in this score: "
        "it decides which child is proposed first when households are scarce."
    )


Component = Callable[["ChildFacts", "CarerFacts", MatchingPolicy, bool], Fraction]

COMPONENT_NAMES = {
    "distance": "Distance to the child's community",
    "identity": "Identity",
    "language": "Language",
    "experience": "Carers' experience",
    "preferences": "Carers' preferences",
    "waiting": "Time waiting",
}
_FUNCTIONS: dict[str, Component] = {
    "distance": _distance,
    "identity": _identity,
    "language": _language,
    "experience": _experience,
    "waiting": _waiting,
}


def ethnicity_note(child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy) -> str:
    child_e = ETHNICITY.meaning(child.ethnicity) if child.ethnicity in ETHNICITY else "not recorded"
    carer_e = ETHNICITY.meaning(carer.ethnicity) if carer.ethnicity in ETHNICITY else "not recorded"
    if _ethnicity_counts(child, policy):
        how = "counted in identity"
    elif child.option == "adoption":
        how = "shown, not scored: for adoption, ethnicity is never a condition of a match (Children and Families Act 2014 s3)"
    else:
        how = "shown, not scored (policy pack)"
    return f"Child: {child_e}. Carers: {carer_e}. {how[:1].upper()}{how[1:]}."


def score(child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy, *, unit: Unit | None = None) -> Score:
    """The full explanation for one child and one carer household (`unit`: the child's sibling
    group to be placed together, if any)."""
    unit = unit or Unit((child,))
    barriers = tuple(unit_barriers(unit, carer, policy) if unit.size > 1 else child_barriers(child, carer, policy))
    parts: tuple[Part, ...] = ()
    if not barriers:
        parts = tuple(_part(key, child, carer, policy, unit.size) for key in policy.weights if policy.weights[key])
    return Score(child.id, carer.id, barriers, parts, ethnicity_note(child, carer, policy))


def _fraction(
    key: str, child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy, group_size: int, explain: bool
) -> Fraction:
    if key == "preferences":
        return _preferences(child, carer, policy, explain, group_size)
    return _FUNCTIONS[key](child, carer, policy, explain)


def _part(key: str, child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy, group_size: int) -> Part:
    fraction, words = _fraction(key, child, carer, policy, group_size, True)
    weight = policy.weights[key]
    counted = fraction is not None and key not in PRIORITY_PARTS
    return Part(key, COMPONENT_NAMES[key], round((fraction or 0.0) * weight, 1), weight, words, counted)


def match_weight(policy: MatchingPolicy) -> float:
    return sum(policy.weights.get(key, 0) for key in MATCH_PARTS)


def child_value(child: ChildFacts, carer: CarerFacts, policy: MatchingPolicy, group_size: int = 1) -> float:
    """The value of placing this child with this household, for ranking and the optimiser (no
    words; assumes no barriers): the match (the parts that carry information, scaled to their
    points) plus the child's priority for time waiting."""
    got = possible = 0.0
    for key in MATCH_PARTS:
        weight = policy.weights.get(key, 0)
        if not weight:
            continue
        fraction = _fraction(key, child, carer, policy, group_size, False)[0]
        if fraction is None:
            continue
        got += weight * fraction
        possible += weight
    quality = got / possible if possible else NOTHING_RECORDED
    return match_weight(policy) * quality + policy.weights.get("waiting", 0) * waiting_fraction(child, policy)


def unit_value(unit: Unit, carer: CarerFacts, policy: MatchingPolicy) -> float | None:
    """The sum of the children's scores with this household, or None when any constraint fails.
    A sibling group counts once per child: placing three children together is worth three."""
    if unit.size > carer.capacity:
        return None
    for child in unit.children:
        if child_barriers(child, carer, policy):
            return None
    return sum(child_value(child, carer, policy, unit.size) for child in unit.children)


def unit_edges(
    units: Sequence[Unit], carers: Sequence[CarerFacts], policy: MatchingPolicy
) -> dict[tuple[int, int], float]:
    """{(unit index, carer index): value} for every household that fits: the optimiser's input.

    Carers are bucketed by approval type first, so a child is only scored against carers who
    could be matched with their plan at all.
    """
    by_type: dict[str, list[int]] = {}
    for j, carer in enumerate(carers):
        by_type.setdefault(carer.approval_type, []).append(j)
    edges: dict[tuple[int, int], float] = {}
    for i, unit in enumerate(units):
        allowed: set[str] | None = None
        for child in unit.children:
            fits = set(policy.approval_fits.get(child.option, ()))
            allowed = fits if allowed is None else allowed & fits
        for kind in sorted(allowed or ()):
            for j in by_type.get(kind, ()):
                value = unit_value(unit, carers[j], policy)
                if value is not None:
                    edges[(i, j)] = value
    return edges


def shortlist(
    child: ChildFacts, unit: Unit, carers: Iterable[CarerFacts], policy: MatchingPolicy, size: int | None = None
) -> tuple[list[tuple[CarerFacts, Score]], int]:
    """The carers who fit, best first, each with the full explanation; and how many did not fit."""
    size = size or policy.shortlist_size
    ranked: list[tuple[float, CarerFacts]] = []
    excluded = 0
    for carer in carers:
        value = unit_value(unit, carer, policy)
        if value is None:
            excluded += 1
        else:
            ranked.append((value, carer))
    ranked.sort(key=lambda pair: (-pair[0], pair[1].id))
    rows = [(carer, score(child, carer, policy, unit=unit)) for _, carer in ranked[:size]]
    return same_for_all(rows), excluded


def same_for_all(rows: list[tuple[CarerFacts, Score]]) -> list[tuple[CarerFacts, Score]]:
    """Mark a counted part that gives every household on the list the same points as not
    counted: it does not tell them apart, so it is shown with that reason."""
    if len(rows) < 2:
        return rows
    keys = [p.key for p in rows[0][1].parts if p.counted]
    flat = {
        key
        for key in keys
        if len({next((p.points for p in s.parts if p.key == key and p.counted), None) for _, s in rows}) == 1
    }
    if not flat:
        return rows
    out: list[tuple[CarerFacts, Score]] = []
    for carer, result in rows:
        parts = tuple(
            Part(
                p.key,
                p.name,
                p.points,
                p.out_of,
                f"{p.reason} The same for every household listed, so not counted.",
                False,
            )
            if p.key in flat
            else p
            for p in result.parts
        )
        out.append((carer, Score(result.child_id, result.carer_id, result.barriers, parts, result.ethnicity)))
    return out
