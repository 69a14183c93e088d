"""May this person apply for a child arrangements order without the court's leave?

Children Act 1989 s10(5) (including (d), parental responsibility given with a "spends time
with" order under s12(2A)), (5A), (5B) and s10(4). Each ground cites the Act first, then Leeds
permanence policy's summary of it (§8.6), labelled as practice guidance. Anyone else may still
ask the court for leave. The check takes a small set of facts and answers in words: which
ground applies, or why none does.

Periods of living with the applicant are (start, end) pairs; `end` None means still living
there. Where a period must be "at least three years" made up of shorter spells, the days are
added up and compared with the three calendar years before the application.
"""

from dataclasses import dataclass, field
from datetime import date

from permanence.codes.documents import LEEDS, PRACTICE_GUIDANCE
from permanence.timescales.dates import add_months, add_years

LEEDS_86 = f"{LEEDS} §8.6"


def _cited(law: str) -> str:
    """A ground's source: the Children Act first, then Leeds' summary of it labelled as the practice
    guidance it is (another council's policy is never the reason a ground applies)."""
    return f"{law}. {PRACTICE_GUIDANCE}: {LEEDS_86}"


@dataclass(frozen=True)
class ApplicantFacts:
    application_date: date
    parent: bool = False  # whether or not they have parental responsibility
    guardian: bool = False
    special_guardian: bool = False
    named_in_live_with_order: bool = (
        False  # named in a child arrangements order in force as someone the child lives with
    )
    child_of_the_family: bool = False  # party to a marriage or civil partnership (subsisting or not) in which the child is a child of the family
    lived_with: tuple[
        tuple[date, date | None], ...
    ] = ()  # (start, end or None) spells the child lived with the applicant
    local_authority_foster_parent: bool = False
    relative: bool = (
        False  # grandparent, brother, sister, uncle or aunt, by full or half blood, marriage or civil partnership
    )
    child_in_care: bool = False  # the child is in the care of a local authority (a care order)
    local_authority_consents: bool = False
    live_with_order_in_force: bool = False
    live_with_holders_consent: bool = False  # each person named in the live-with order consents
    everyone_with_pr_consents: bool = False
    # Named in a child arrangements order as someone the child spends time with (not lives with),
    # and given parental responsibility by that order (s12(2A)).
    pr_under_contact_order: bool = False


@dataclass(frozen=True)
class Ground:
    key: str
    applies: bool
    reason: str  # in words: why it applies, or why not
    source: str


@dataclass(frozen=True)
class Eligibility:
    without_leave: bool
    grounds: tuple[Ground, ...] = field(default=())  # every ground, applying or not

    @property
    def applying(self) -> list[Ground]:
        return [g for g in self.grounds if g.applies]

    @property
    def explanation(self) -> str:
        if self.without_leave:
            reasons = "; ".join(g.reason for g in self.applying)
            return f"Can apply without the court's leave: {reasons}."
        # The grounds the applicant came close to come first; plain "not a parent" lines last.
        ordered = sorted(self.grounds, key=_closeness)
        reasons = "; ".join(g.reason for g in ordered)
        return f"Needs the court's leave to apply: no ground applies. {_capital(reasons)}."


def _closeness(ground: Ground) -> int:
    """0 for a role the applicant holds but whose condition fails, 1 for a partial fact, 2 for 'not a ...'."""
    if ground.reason.startswith(("the applicant is not", "the child has not", "the child is not")):
        return 2
    return 0 if ground.reason.startswith("the applicant is ") else 1


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _duration_words(days: int) -> str:
    if days <= 0:
        return "no time"
    years, rest = divmod(days, 365)
    months = rest // 30
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    if not parts:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    return " and ".join(parts)


def _spells(facts: ApplicantFacts) -> list[tuple[date, date]]:
    """Spells clipped to the day before the application (the application day is not lived 'before' it)."""
    out = []
    for start, end in facts.lived_with:
        end = facts.application_date if end is None or end > facts.application_date else end
        if start < end:
            out.append((start, end))
    return sorted(out)


def _status_ground(facts: ApplicantFacts) -> Ground:
    roles = [
        (facts.parent, "a parent of the child (with or without parental responsibility)"),
        (facts.guardian, "a guardian of the child"),
        (facts.special_guardian, "a special guardian of the child"),
    ]
    held = [words for held, words in roles if held]
    if held:
        return Ground(
            "parent_or_guardian",
            True,
            f"the applicant is {' and '.join(held)}",
            _cited("Children Act 1989 s10(4)(a)"),
        )
    return Ground(
        "parent_or_guardian",
        False,
        "the applicant is not a parent, guardian or special guardian",
        _cited("Children Act 1989 s10(4)(a)"),
    )


def _named_ground(facts: ApplicantFacts) -> Ground:
    if facts.named_in_live_with_order:
        return Ground(
            "named_in_order",
            True,
            "the applicant is named in a child arrangements order in force as someone the child lives with",
            _cited("Children Act 1989 s10(4)(b)"),
        )
    return Ground(
        "named_in_order",
        False,
        "the applicant is not named in a lives-with child arrangements order in force",
        _cited("Children Act 1989 s10(4)(b)"),
    )


def _marriage_ground(facts: ApplicantFacts) -> Ground:
    if facts.child_of_the_family:
        return Ground(
            "child_of_the_family",
            True,
            "the child is a child of the family of the applicant's marriage or civil partnership (a step-parent, present or former)",
            _cited("Children Act 1989 s10(5)(a), (aa)"),
        )
    return Ground(
        "child_of_the_family",
        False,
        "the child is not a child of the family of a marriage or civil partnership of the applicant's",
        _cited("Children Act 1989 s10(5)(a), (aa)"),
    )


def _three_of_five_ground(facts: ApplicantFacts) -> Ground:
    source = _cited("Children Act 1989 s10(5)(b), (10)")
    app = facts.application_date
    window_start = add_years(app, -5)
    spells = _spells(facts)
    if not spells:
        return Ground("three_of_five_years", False, "the child has not lived with the applicant", source)
    counted = sum((min(end, app) - max(start, window_start)).days for start, end in spells if end > window_start)
    needed = (app - add_years(app, -3)).days
    last_day = spells[-1][1]
    latest_allowed_end = add_months(app, -3)
    if counted < needed:
        return Ground(
            "three_of_five_years",
            False,
            f"the child lived with the applicant for {_duration_words(max(counted, 0))} in the 5 years before the application, "
            f"less than the 3 years needed",
            source,
        )
    if last_day < latest_allowed_end:
        return Ground(
            "three_of_five_years",
            False,
            f"the child lived with the applicant for 3 of the last 5 years, but that ended on {last_day:%d/%m/%Y}, "
            f"more than 3 months before the application",
            source,
        )
    return Ground(
        "three_of_five_years",
        True,
        f"the child has lived with the applicant for {_duration_words(counted)} of the 5 years before the application, "
        f"ending no more than 3 months before it",
        source,
    )


def _year_immediately_before(facts: ApplicantFacts) -> tuple[int, date | None]:
    """Days of the unbroken spell running up to the application, or 0."""
    app = facts.application_date
    spells = _spells(facts)
    if not spells or spells[-1][1] < app:
        return 0, spells[-1][1] if spells else None
    start = spells[-1][0]
    for earlier_start, earlier_end in reversed(spells[:-1]):
        if earlier_end >= start:
            start = min(start, earlier_start)
        else:
            break
    return (app - start).days, start


def _one_year_ground(facts: ApplicantFacts, key: str, who: str, flag: bool, source: str) -> Ground:
    if not flag:
        return Ground(key, False, f"the applicant is not {who}", source)
    app = facts.application_date
    days, start = _year_immediately_before(facts)
    needed = (app - add_years(app, -1)).days
    if days == 0:
        ended = f" (the child left on {start:%d/%m/%Y})" if start else ""
        return Ground(
            key,
            False,
            f"the applicant is {who}, but the child is not living with them immediately before the application{ended}",
            source,
        )
    if days < needed:
        short = needed - days
        return Ground(
            key,
            False,
            f"the applicant is {who} with whom the child has lived for {_duration_words(days)}, less than the 1 year "
            f"immediately before the application that is needed ({_duration_words(short)} more)",
            source,
        )
    return Ground(
        key,
        True,
        f"the applicant is {who} with whom the child has lived for {_duration_words(days)} immediately before the application (at least 1 year)",
        source,
    )


def _consent_ground(facts: ApplicantFacts) -> Ground:
    source = _cited("Children Act 1989 s10(5)(c)")
    if facts.live_with_order_in_force:
        if facts.live_with_holders_consent:
            return Ground(
                "consent", True, "each person named in the lives-with child arrangements order consents", source
            )
        return Ground(
            "consent",
            False,
            "a lives-with child arrangements order is in force and not everyone named in it consents",
            source,
        )
    if facts.child_in_care:
        if facts.local_authority_consents:
            return Ground(
                "consent", True, "the child is in the care of the local authority and the authority consents", source
            )
        return Ground(
            "consent", False, "the child is in the care of the local authority, which has not consented", source
        )
    if facts.everyone_with_pr_consents:
        return Ground("consent", True, "everyone with parental responsibility for the child consents", source)
    return Ground("consent", False, "not everyone with parental responsibility consents", source)


def _contact_order_pr_ground(facts: ApplicantFacts) -> Ground:
    source = _cited("Children Act 1989 s10(5)(d), s12(2A)")
    if facts.pr_under_contact_order:
        return Ground(
            "contact_order_with_pr",
            True,
            "the applicant has parental responsibility given by a child arrangements order naming them as someone "
            "the child spends time with (s12(2A))",
            source,
        )
    return Ground(
        "contact_order_with_pr",
        False,
        "the applicant is not someone given parental responsibility by a spends-time-with child arrangements order",
        source,
    )


def cao_without_leave(facts: ApplicantFacts) -> Eligibility:
    """Eligibility for a child arrangements order (lives with) without leave, with every ground explained."""
    grounds = (
        _status_ground(facts),
        _named_ground(facts),
        _marriage_ground(facts),
        _three_of_five_ground(facts),
        _one_year_ground(
            facts,
            "foster_parent_one_year",
            "a local authority foster parent",
            facts.local_authority_foster_parent,
            _cited("Children Act 1989 s10(5A)"),
        ),
        _one_year_ground(facts, "relative_one_year", "a relative", facts.relative, _cited("Children Act 1989 s10(5B)")),
        _consent_ground(facts),
        _contact_order_pr_ground(facts),
    )
    return Eligibility(without_leave=any(g.applies for g in grounds), grounds=grounds)
