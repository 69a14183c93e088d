"""May the agency place this child for adoption? Pure: no Django.

An adoption agency may place a child for adoption only with authority: a placement order
(Adoption and Children Act 2002 s21) or the parents' consent to placement (s19), and only
once the Agency Decision Maker has decided that the child should be placed for adoption
(Adoption Agencies Regulations 2005 reg 19). A match with prospective adopters goes to the
panel (reg 32) only when both are in place. The check answers in words: what authorises the
placement, or what is missing.
"""

from dataclasses import dataclass
from datetime import date

Spell = tuple[date, date | None]

PLACEMENT_ORDER_SOURCE = "Adoption and Children Act 2002 s18 and s21 (placement order)"
CONSENT_SOURCE = "Adoption and Children Act 2002 s19 (consent to placement)"
ADM_SOURCE = "Adoption Agencies Regulations 2005 reg 19 (the agency decides the child should be placed for adoption)"
MATCH_SOURCE = "Adoption Agencies Regulations 2005 reg 32 (the panel's recommendation on a proposed placement)"


@dataclass(frozen=True)
class AuthorityFacts:
    name: str
    placement_orders: tuple[Spell, ...] = ()  # (made, ended or None)
    consents: tuple[Spell, ...] = ()  # (given, withdrawn or None): s19 consent to placement
    placed_under_order: date | None = None  # the first episode under legal status E1 (placement order granted)
    should_be_placed: tuple[date, ...] = ()  # dates of the ADM's "should be placed for adoption" decisions


@dataclass(frozen=True)
class Authority:
    authorised: bool
    grounds: tuple[str, ...]  # what authorises the placement, in words
    missing: tuple[str, ...]  # what is missing, in words
    sources: tuple[str, ...]

    @property
    def explanation(self) -> str:
        if self.authorised:
            return "Authority to place for adoption: " + "; ".join(self.grounds) + "."
        return " ".join(self.missing)


def _in_force(spells: tuple[Spell, ...], on: date) -> list[Spell]:
    return [(start, end) for start, end in spells if start <= on and (end is None or end > on)]


def authority_to_place(facts: AuthorityFacts, on: date) -> Authority:
    """Whether the agency may place the child for adoption on `on`, and why (or why not)."""
    name = facts.name
    grounds: list[str] = []
    missing: list[str] = []
    orders = _in_force(facts.placement_orders, on)
    consents = _in_force(facts.consents, on)
    if orders:
        grounds.append(f"a placement order made on {orders[-1][0]:%d/%m/%Y}")
    elif facts.placed_under_order and facts.placed_under_order <= on:
        grounds.append(f"placed under a placement order (legal status E1) since {facts.placed_under_order:%d/%m/%Y}")
    elif consents:
        grounds.append(f"consent to placement given on {consents[-1][0]:%d/%m/%Y}")
    else:
        withdrawn = [c for c in facts.consents if c[1] is not None and c[1] <= on]
        ended = [o for o in facts.placement_orders if o[1] is not None and o[1] <= on]
        detail = ""
        if withdrawn:
            detail = f" (consent given on {withdrawn[-1][0]:%d/%m/%Y} was withdrawn on {withdrawn[-1][1]:%d/%m/%Y})"
        elif ended:
            detail = f" (the placement order of {ended[-1][0]:%d/%m/%Y} ended on {ended[-1][1]:%d/%m/%Y})"
        missing.append(
            f"There is no authority to place {name} for adoption: no placement order is in force and no consent to "
            f"placement is recorded{detail} ({PLACEMENT_ORDER_SOURCE}; {CONSENT_SOURCE})."
        )
    decided = sorted(d for d in facts.should_be_placed if d <= on)
    if decided:
        grounds.append(f"the Agency Decision Maker decided on {decided[0]:%d/%m/%Y} that {name} should be placed")
    else:
        missing.append(
            f"The Agency Decision Maker has not decided that {name} should be placed for adoption ({ADM_SOURCE})."
        )
    return Authority(
        authorised=not missing,
        grounds=tuple(grounds),
        missing=tuple(missing),
        sources=(PLACEMENT_ORDER_SOURCE, CONSENT_SOURCE, ADM_SOURCE),
    )
