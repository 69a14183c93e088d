"""Code lists for family finding: approval types, carer and child statuses (pure: no Django)."""

ADOPTER = "adopter"
FFA_CARER = "ffa_carer"
LONG_TERM_FOSTER_CARER = "long_term_foster_carer"
CONNECTED_PERSON = "connected_person"
SPECIAL_GUARDIAN = "special_guardian"
CHILDRENS_HOME = "childrens_home"
APPROVAL_TYPES = [
    (ADOPTER, "Approved adopters"),
    (FFA_CARER, "Foster carers approved as adopters (fostering for adoption, concurrent planning)"),
    (LONG_TERM_FOSTER_CARER, "Long-term foster carers"),
    (CONNECTED_PERSON, "Connected persons (family and friends)"),
    (SPECIAL_GUARDIAN, "Prospective special guardians"),
    (CHILDRENS_HOME, "Children's home"),
]
APPROVAL_TYPE_NAMES = dict(APPROVAL_TYPES)
# The carer kind on the case record (children.carers) each approval type is recorded as.
CARER_KIND_FOR = {
    ADOPTER: "adopter",
    FFA_CARER: "ffa_carer",
    LONG_TERM_FOSTER_CARER: "foster_carer",
    CONNECTED_PERSON: "connected_person",
    SPECIAL_GUARDIAN: "special_guardian",
    CHILDRENS_HOME: "childrens_home",
}

AVAILABLE, LINKED, MATCHED, ON_HOLD = "available", "linked", "matched", "on_hold"
CARER_STATUSES = [(AVAILABLE, "Available"), (LINKED, "Linked"), (MATCHED, "Matched"), (ON_HOLD, "On hold")]
CARER_STATUS_NAMES = dict(CARER_STATUSES)
CARER_STATUS_COLOURS = {AVAILABLE: "green", LINKED: "blue", MATCHED: "purple", ON_HOLD: "grey"}

SEARCHING, CHILD_LINKED, CHILD_MATCHED, PLACED, PAUSED = "searching", "linked", "matched", "placed", "paused"
CHILD_STATUSES = [
    (SEARCHING, "Searching for a family"),
    (CHILD_LINKED, "Linked with carers"),
    (CHILD_MATCHED, "Matched"),
    (PLACED, "Placed"),
    (PAUSED, "Family finding paused"),
]
CHILD_STATUS_NAMES = dict(CHILD_STATUSES)
WAITING_STATUSES = (SEARCHING, CHILD_LINKED)

# Which panel matter a match goes to, by the carers' approval type (meetings.choices.PANEL_MATTERS).
PANEL_MATTER_FOR = {
    ADOPTER: "adoption_match",
    FFA_CARER: "adoption_match",
    SPECIAL_GUARDIAN: "sgo_match",
    CONNECTED_PERSON: "sgo_match",
    LONG_TERM_FOSTER_CARER: "ltf_match",
    CHILDRENS_HOME: "ltf_match",
}

# A practice prompt (no law sets when family finding starts; Leeds' pack makes it a local rule):
# labelled as the practice guidance it comes from.
FAMILY_FINDING_SOURCE = (
    "Practice guidance: Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §8.3 "
    "(family finding begins as soon as adoption is under consideration)"
)
# A duty: the law, not a council's policy.
SIBLINGS_SOURCE = "Children Act 1989 s22C(7)(b) and (8)(c)"
