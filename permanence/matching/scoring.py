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

from dataclasses import dataclass, field

from permanence.codes.ethnicity import BROAD_GROUPS, ETHNICITY

from . import places
from .choices import APPROVAL_TYPE_NAMES
from .needs import NEED_NAMES, level_name

OPTION_WORDS = {
    "adoption": "adoption", "long_term_fostering": "long-term fostering", "special_guardianship": "special guardianship",
    "kinship": "kinship care", "child_arrangements_order": "a child arrangements order", "residential": "residential care",
}
NO_RELIGION = {"", "no religion", "none"}
BROAD_OF = {code: group for group, codes in BROAD_GROUPS.items() for code in codes}


@dataclass(frozen=True)
class ChildFacts:
    id: int
    name: str
    age: int
    option: str                      # the permanence plan (planning.options)
    needs: dict = field(default_factory=dict)   # need area -> level 1-3
    district: str = ""               # the child's community (postcode district)
    min_km: float | None = None      # at least this far from the community (safety)
    max_km: float | None = None      # at most this far (school, contact)
    ethnicity: str = ""              # SSDA903 code
    religion: str = ""
    language: str = "English"
    waiting_days: int = 0            # since family finding started
    together_with: tuple = ()        # ids of brothers and sisters to be placed with this child


@dataclass(frozen=True)
class CarerFacts:
    id: int
    name: str
    approval_type: str
    capacity: int = 1
    age_min: int = 0
    age_max: int = 17
    needs: dict = field(default_factory=dict)   # need area -> highest level they can meet
    district: str = ""
    ethnicity: str = ""
    religion: str = ""
    languages: frozenset = frozenset({"english"})
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


@dataclass(frozen=True)
class Score:
    child_id: int
    carer_id: int
    barriers: tuple          # hard constraints failed, in words; empty when the carers fit
    parts: tuple             # Part per component (empty when there is a barrier)
    ethnicity: str           # always shown, with whether it counted

    @property
    def fits(self):
        return not self.barriers

    @property
    def total(self):
        return round(sum(p.points for p in self.parts), 1)

    @property
    def out_of(self):
        return round(sum(p.out_of for p in self.parts), 1)

    @property
    def percent(self):
        return round(100 * self.total / self.out_of) if self.out_of else 0


@dataclass(frozen=True)
class Unit:
    """Who is placed together: one child, or a sibling group decided to live together."""

    children: tuple

    @property
    def size(self):
        return len(self.children)

    @property
    def ids(self):
        return tuple(c.id for c in self.children)


def units_of(children):
    """Group waiting children into units: brothers and sisters to be placed together (as far as
    they are in `children`) form one unit, everyone else is a unit of one."""
    by_id = {c.id: c for c in children}
    parent = {c.id: c.id for c in children}

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for child in children:
        for other in child.together_with:
            if other in by_id:
                parent[root(other)] = root(child.id)
    groups = {}
    for child in children:
        groups.setdefault(root(child.id), []).append(child)
    return [Unit(tuple(sorted(members, key=lambda c: c.id))) for members in groups.values()]


# --- hard constraints ---------------------------------------------------------------------

def child_barriers(child, carer, policy):
    out = []
    fits = policy.approval_fits.get(child.option)
    if fits is None:
        out.append(f"No carers are matched with a plan of {OPTION_WORDS.get(child.option, child.option or 'none')}.")
    elif carer.approval_type not in fits:
        out.append(f"{APPROVAL_TYPE_NAMES.get(carer.approval_type, carer.approval_type)} cannot be matched with a plan "
                   f"of {OPTION_WORDS.get(child.option, child.option)}.")
    if not carer.age_min <= child.age <= carer.age_max:
        out.append(f"{child.name} is {child.age}; the carers are approved for ages {carer.age_min} to {carer.age_max}.")
    for need, level in child.needs.items():
        can = carer.needs.get(need, 0)
        if level > can:
            out.append(f"{NEED_NAMES.get(need, need)}: {child.name}'s are {level_name(level).lower()}; "
                       f"the carers can meet {'none' if not can else 'up to ' + level_name(can).lower()}.")
    km = places.distance_km(child.district, carer.district)
    if km is not None and child.min_km is not None and km < child.min_km:
        out.append(f"The carers live about {km:.0f} km from {places.label(child.district)}; "
                   f"{child.name}'s plan needs at least {child.min_km:.0f} km.")
    if km is not None and child.max_km is not None and km > child.max_km:
        out.append(f"The carers live about {km:.0f} km from {places.label(child.district)}; "
                   f"{child.name}'s plan needs at most {child.max_km:.0f} km.")
    return out


def unit_barriers(unit, carer, policy):
    out = []
    if unit.size > carer.capacity:
        names = " and ".join(c.name for c in unit.children)
        out.append(f"The carers have room for {carer.capacity}; {names} are to live together ({unit.size} children).")
    for child in unit.children:
        out.extend(child_barriers(child, carer, policy))
    return out


# --- the score ----------------------------------------------------------------------------

def _distance(child, carer, policy, explain):
    km = places.distance_km(child.district, carer.district)
    if km is None:
        return 0.5, ("Distance not known: the child's community or the carers' district is not recorded." if explain else "")
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


def _ethnicity_counts(child, policy):
    return policy.ethnicity_use(child.option) == "weigh" and child.ethnicity in BROAD_OF


def _identity(child, carer, policy, explain):
    found, words = [], []
    if child.religion.strip().lower() not in NO_RELIGION:
        same = carer.religion.strip().lower() == child.religion.strip().lower()
        found.append(1.0 if same else 0.0)
        if explain:
            words.append(f"{'Shares' if same else 'Does not share'} {child.name}'s religion ({child.religion})"
                         f"{'' if same else '; carers: ' + (carer.religion or 'not recorded')}.")
    if _ethnicity_counts(child, policy):
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
        return 1.0, (f"Nothing recorded about {child.name}'s faith or heritage that these carers would need to share." if explain else "")
    return sum(found) / len(found), " ".join(words) if explain else ""


def _language(child, carer, policy, explain):
    language = (child.language or "English").strip()
    if language.lower() == "english":
        return 1.0, (f"{child.name}'s first language is English." if explain else "")
    if language.lower() in carer.languages:
        return 1.0, (f"The carers speak {language}, {child.name}'s first language." if explain else "")
    return 0.0, (f"The carers do not speak {language}, {child.name}'s first language." if explain else "")


def _experience(child, carer, policy, explain):
    years = min(1.0, carer.years_approved / policy.experience_full_years) if policy.experience_full_years else 1.0
    cared = min(1.0, carer.children_cared_for / 3)
    fraction = 0.5 * years + 0.5 * cared
    if not explain:
        return fraction, ""
    return fraction, (f"Approved {carer.years_approved:.0f} year{'s' if round(carer.years_approved) != 1 else ''}; "
                      f"have cared for {carer.children_cared_for} child{'ren' if carer.children_cared_for != 1 else ''} before.")


def _preferences(child, carer, policy, explain, group_size=1):
    low = carer.preferred_age_min if carer.preferred_age_min is not None else carer.age_min
    high = carer.preferred_age_max if carer.preferred_age_max is not None else carer.age_max
    age_ok = low <= child.age <= high
    siblings_ok = group_size == 1 or carer.open_to_siblings
    fraction = 0.5 * age_ok + 0.5 * siblings_ok
    if not explain:
        return fraction, ""
    words = [f"{child.name}'s age is {'within' if age_ok else 'outside'} the ages the carers hoped for ({low} to {high})."]
    if group_size > 1:
        words.append("They would welcome a sibling group." if carer.open_to_siblings
                     else "They had hoped for one child, not a sibling group.")
    return fraction, " ".join(words)


def _waiting(child, carer, policy, explain):
    fraction = min(1.0, child.waiting_days / policy.waiting_full_days) if policy.waiting_full_days else 1.0
    if not explain:
        return fraction, ""
    months = child.waiting_days // 30
    when = f"{months} month{'s' if months != 1 else ''}" if months else f"{child.waiting_days} days"
    return fraction, f"{child.name} has waited {when} since family finding started."


COMPONENT_NAMES = {
    "distance": "Distance to the child's community", "identity": "Identity", "language": "Language",
    "experience": "Carers' experience", "preferences": "Carers' preferences", "waiting": "Time waiting",
}
_FUNCTIONS = {"distance": _distance, "identity": _identity, "language": _language,
              "experience": _experience, "waiting": _waiting}


def ethnicity_note(child, carer, policy):
    child_e = ETHNICITY.meaning(child.ethnicity) if child.ethnicity in ETHNICITY else "not recorded"
    carer_e = ETHNICITY.meaning(carer.ethnicity) if carer.ethnicity in ETHNICITY else "not recorded"
    if _ethnicity_counts(child, policy):
        how = "counted in identity"
    elif child.option == "adoption":
        how = "shown, not scored: for adoption, ethnicity is never a condition of a match (Children and Families Act 2014 s3)"
    else:
        how = "shown, not scored (policy pack)"
    return f"Child: {child_e}. Carers: {carer_e}. {how[:1].upper()}{how[1:]}."


def score(child, carer, policy, *, unit=None):
    """The full explanation for one child and one carer household (`unit`: the child's sibling
    group to be placed together, if any)."""
    unit = unit or Unit((child,))
    barriers = tuple(unit_barriers(unit, carer, policy) if unit.size > 1 else child_barriers(child, carer, policy))
    parts = ()
    if not barriers:
        parts = tuple(_part(key, child, carer, policy, unit.size) for key in policy.weights if policy.weights[key])
    return Score(child.id, carer.id, barriers, parts, ethnicity_note(child, carer, policy))


def _part(key, child, carer, policy, group_size):
    if key == "preferences":
        fraction, words = _preferences(child, carer, policy, True, group_size)
    else:
        fraction, words = _FUNCTIONS[key](child, carer, policy, True)
    weight = policy.weights[key]
    return Part(key, COMPONENT_NAMES[key], round(fraction * weight, 1), weight, words)


def child_value(child, carer, policy, group_size=1):
    """The score as a number, no words: for ranking and the optimiser. Assumes no barriers."""
    w = policy.weights
    total = 0.0
    for key, weight in w.items():
        if not weight:
            continue
        if key == "preferences":
            fraction = _preferences(child, carer, policy, False, group_size)[0]
        else:
            fraction = _FUNCTIONS[key](child, carer, policy, False)[0]
        total += weight * fraction
    return total


def unit_value(unit, carer, policy):
    """The sum of the children's scores with this household, or None when any constraint fails.
    A sibling group counts once per child: placing three children together is worth three."""
    if unit.size > carer.capacity:
        return None
    for child in unit.children:
        if child_barriers(child, carer, policy):
            return None
    return sum(child_value(child, carer, policy, unit.size) for child in unit.children)


def unit_edges(units, carers, policy):
    """{(unit index, carer index): value} for every household that fits: the optimiser's input.

    Carers are bucketed by approval type first, so a child is only scored against carers who
    could be matched with their plan at all.
    """
    by_type = {}
    for j, carer in enumerate(carers):
        by_type.setdefault(carer.approval_type, []).append(j)
    edges = {}
    for i, unit in enumerate(units):
        allowed = None
        for child in unit.children:
            fits = set(policy.approval_fits.get(child.option, ()))
            allowed = fits if allowed is None else allowed & fits
        for kind in sorted(allowed or ()):
            for j in by_type.get(kind, ()):
                value = unit_value(unit, carers[j], policy)
                if value is not None:
                    edges[(i, j)] = value
    return edges


def shortlist(child, unit, carers, policy, size=None):
    """The carers who fit, best first, each with the full explanation; and how many did not fit."""
    size = size or policy.shortlist_size
    ranked, excluded = [], 0
    for carer in carers:
        value = unit_value(unit, carer, policy)
        if value is None:
            excluded += 1
        else:
            ranked.append((value, carer))
    ranked.sort(key=lambda pair: (-pair[0], pair[1].id))
    return [(carer, score(child, carer, policy, unit=unit)) for _, carer in ranked[:size]], excluded
