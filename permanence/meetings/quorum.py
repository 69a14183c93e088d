"""Is the panel quorate? Pure: no Django.

No business may be conducted by an adoption panel unless at least five of its members meet as
the panel, including the chair or a vice chair, a social worker with at least three years'
relevant post-qualifying experience, and an independent member (Adoption Agencies Regulations
2005 reg 6, as substituted in 2012). Advisers (the agency adviser, the medical and legal
advisers) advise the panel and are not members. The permanence panel applies the same quorum
to every item it hears.
"""

from dataclasses import dataclass

SOURCE = "Adoption Agencies Regulations 2005 reg 6 (as substituted in 2012): the quorum of the panel"
MINIMUM_MEMBERS = 5
CHAIRS = frozenset({"chair", "vice_chair"})
MEMBERS = frozenset({"chair", "vice_chair", "social_worker", "independent", "member"})


@dataclass(frozen=True)
class Quorum:
    quorate: bool
    members: int  # members present (advisers not counted)
    missing: tuple  # what is missing, in words

    @property
    def explanation(self):
        if self.quorate:
            return f"Quorate: {self.members} members present, including a chair, a social worker and an independent member."
        return (
            f"Not quorate ({self.members} member{'s' if self.members != 1 else ''} present): "
            + "; ".join(self.missing)
            + "."
        )


def quorum(roles_present):
    """Whether the members present (their panel roles, one per person) make a quorum, and if not, why."""
    roles = [r for r in roles_present if r in MEMBERS]
    missing = []
    if len(roles) < MINIMUM_MEMBERS:
        missing.append(f"at least {MINIMUM_MEMBERS} members must take part")
    if not CHAIRS & set(roles):
        missing.append("the chair or a vice chair must take part")
    if "social_worker" not in roles:
        missing.append("a social worker member must take part")
    if "independent" not in roles:
        missing.append("an independent member must take part")
    return Quorum(not missing, len(roles), tuple(missing))
