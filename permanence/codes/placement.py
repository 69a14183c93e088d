"""PLACE: placement type (SSDA903)."""

from .base import CodeList

PLACEMENT = CodeList.of(
    "Placement type",
    "PLACE",
    [
        ("A3", "Placed for adoption with parental consent with current foster carer(s)"),
        ("A4", "Placed for adoption with parental consent not with current foster carer(s)"),
        ("A5", "Placed for adoption with placement order with current foster carer(s)"),
        ("A6", "Placed for adoption with placement order not with current foster carer(s)"),
        ("H5", "Semi-independent living accommodation not subject to children's homes regulations"),
        ("K1", "Secure children's home"),
        ("K2", "Children's home subject to children's homes regulations"),
        (
            "K3",
            "Supported accommodation registered with Ofsted, for young people aged 16 and 17 (from 28 October 2023)",
        ),
        ("P1", "Placed with own parent(s) or other person(s) with parental responsibility"),
        ("P2", "Independent living, for example in a flat, lodgings, bedsit or with friends"),
        ("P3", "Residential employment"),
        ("R1", "Residential care home"),
        ("R2", "NHS or health trust or other establishment providing medical or nursing care"),
        ("R3", "Family centre or mother and baby unit"),
        ("R5", "Young offender institution"),
        ("S1", "Residential school, except where dual-registered as a school and children's home"),
        ("T0", "Temporary move of any type"),
        ("T1", "Temporary period in hospital"),
        ("T2", "Temporary absence of the child on holiday"),
        ("T3", "Temporary accommodation while the usual foster carer(s) are on holiday"),
        ("T4", "Temporary accommodation of seven days or less not covered by T1 to T3"),
        ("U1", "Foster placement with relative(s) or friend(s): long-term fostering"),
        (
            "U2",
            "Foster placement with relative(s) or friend(s) who are approved adopters: fostering for adoption or concurrent planning",
        ),
        ("U3", "Foster placement with relative(s) or friend(s): not long-term or fostering for adoption"),
        ("U4", "Foster placement with other foster carer(s): long-term fostering"),
        (
            "U5",
            "Foster placement with other foster carer(s) who are approved adopters: fostering for adoption or concurrent planning",
        ),
        ("U6", "Foster placement with other foster carer(s): not long-term or fostering for adoption"),
        ("Z1", "Other placement"),
    ],
)

ADOPTION = frozenset({"A3", "A4", "A5", "A6"})
FOSTER_RELATIVES_FRIENDS = frozenset({"U1", "U2", "U3"})
FOSTER_OTHER = frozenset({"U4", "U5", "U6"})
FOSTER = FOSTER_RELATIVES_FRIENDS | FOSTER_OTHER
FOSTERING_FOR_ADOPTION = frozenset({"U2", "U5"})
LONG_TERM_FOSTER = frozenset({"U1", "U4"})
RESIDENTIAL = frozenset({"H5", "K1", "K2", "R1", "R2", "R3", "R5", "S1"})
# Supported accommodation (K3) replaced semi-independent (H5) and independent living (P2) in 2023.
SUPPORTED = frozenset({"K3"})
TEMPORARY = frozenset({"T0", "T1", "T2", "T3", "T4"})
WITH_PARENTS = frozenset({"P1"})
INDEPENDENT = frozenset({"P2", "P3"}) | SUPPORTED


def group(code: str) -> str | None:
    """The broad kind of placement used in summaries and the calibration."""
    for name, codes in (
        ("Placed for adoption", ADOPTION),
        ("Foster care with relatives or friends", FOSTER_RELATIVES_FRIENDS),
        ("Foster care", FOSTER_OTHER),
        ("Residential", RESIDENTIAL),
        ("Placed with parents", WITH_PARENTS),
        ("Independent living", INDEPENDENT),
        ("Temporary", TEMPORARY),
    ):
        if code in codes:
            return name
    return "Other"
