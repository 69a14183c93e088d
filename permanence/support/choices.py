"""Code lists for contact, transitions, support plans, stability events and disruption, with meanings.

Sources are the seed documents (../shared/seeds/README.md): KSS is DfE, Knowledge and Skills Statement: Achieving Permanence,
Leeds Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015), Camden Camden, Permanence practice guidance for social workers.
"""

from permanence.siblings.choices import CONTACT_KINDS, DIRECT, INDIRECT  # noqa: F401  (one list of contact kinds)

KSS = "DfE, Knowledge and Skills Statement: Achieving Permanence"
LEEDS = "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015)"
CAMDEN = "Camden, Permanence practice guidance for social workers"

# Contact is promoted by law; how a plan is made and reviewed is practice guidance from councils' own documents.
CONTACT_SOURCE = (
    f"Children Act 1989 Sch 2 para 15(1). Practice guidance: {LEEDS} §10.5-§10.6 (contact is for the child's benefit; "
    f"agreed before placement); {CAMDEN} §9 (reviewed at each looked-after review)"
)
TRANSITION_SOURCE = f"{KSS} §4 (support children and families in transition)"
SUPPORT_SOURCE = (
    f"{KSS} §4 (support plans, delegated authority). Practice guidance: {CAMDEN} §10 (supporting permanent placements)"
)
STRAIN_SOURCE = f"{KSS} §5 (identify indicators and early warning signs that a permanent home is under strain)"
DISRUPTION_SOURCE = f"{KSS} §5 (where breakdown occurs, understand the reasons, assess whether the relationship can be sustained, apply lessons learned)"

# With whom: the people important to the child (Leeds §10.5-§10.6; Camden §9).
SIBLING = "sibling"
WITH_WHOM = [
    ("mother", "Mother"),
    ("father", "Father"),
    (SIBLING, "Brother or sister"),
    ("grandparent", "Grandparent"),
    ("other_relative", "Other relative"),
    ("former_carer", "Former carer"),
    ("other", "Someone else important to the child"),
]
WITH_WHOM_NAMES = dict(WITH_WHOM)

# Leeds §10.5: the functions contact may serve.
PURPOSES = [
    ("identity", "To maintain the child's identity"),
    ("reassurance", "To reassure the child"),
    ("information", "To give the child an ongoing source of information"),
    ("permission", "To give the child permission to live with their new family"),
    ("loss", "To lessen the child's sense of loss"),
    ("tracing", "To help with tracing later in life"),
    ("right_to_parent", "To give the carers a secure sense of their right to parent"),
]
PURPOSE_NAMES = dict(PURPOSES)

SUPERVISION = [
    ("unsupervised", "Unsupervised"),
    ("supported", "Supported: someone helps it go well"),
    ("supervised", "Supervised: someone is present throughout"),
    ("not_applicable", "Not applicable (indirect contact)"),
]
SUPERVISION_NAMES = dict(SUPERVISION)

HAPPENED, CANCELLED, NOT_ATTENDED = "happened", "cancelled", "not_attended"
SESSION_OUTCOMES = [
    (HAPPENED, "Happened"),
    (CANCELLED, "Cancelled"),
    (NOT_ATTENDED, "Did not happen: someone did not attend"),
]
SESSION_OUTCOME_NAMES = dict(SESSION_OUTCOMES)
# The outcomes the "contact repeatedly cancelled" indicator counts.
MISSED = frozenset({CANCELLED, NOT_ATTENDED})

WHO = [
    ("family", "The family member"),
    ("carer", "The carer"),
    ("child", "The child"),
    ("local_authority", "The local authority"),
    ("other", "Someone else"),
]
WHO_NAMES = dict(WHO)

LIFE_STORY_FORMATS = [
    ("book", "Life story book"),
    ("digital", "Digital life story"),
    ("memory_box", "Memory box"),
    ("direct_work", "Direct work sessions"),
    ("other", "Other"),
]
LIFE_STORY_FORMAT_NAMES = dict(LIFE_STORY_FORMATS)

# Support plans by route (KSS §4; Camden §10; Leeds §8).
SGO, ADOPTION, KINSHIP, LONG_TERM_FOSTERING, RETURN_HOME = (
    "sgo",
    "adoption",
    "kinship",
    "long_term_fostering",
    "return_home",
)
ROUTES = [
    (SGO, "Special guardianship support"),
    (ADOPTION, "Adoption support"),
    (KINSHIP, "Kinship support"),
    (LONG_TERM_FOSTERING, "Long-term fostering support"),
    (RETURN_HOME, "Child in need plan after return home"),
]
ROUTE_NAMES = dict(ROUTES)

# What the early-warning indicators count, beyond episodes, contact sessions and support actions.
MISSING, AWAY, CARER_REQUEST, ALLEGATION, SCHOOL_MOVE, EXCLUSION = (
    "missing",
    "away",
    "carer_request",
    "allegation",
    "school_move",
    "exclusion",
)
EVENT_KINDS = [
    (MISSING, "Missing from placement"),
    (AWAY, "Away from placement without authorisation"),
    (CARER_REQUEST, "Carer asked for the child to move"),
    (ALLEGATION, "Allegation against the carer or in the home"),
    (SCHOOL_MOVE, "Change of school"),
    (EXCLUSION, "Exclusion from school"),
]
EVENT_KIND_NAMES = dict(EVENT_KINDS)

# Disruption: why a permanent home broke down (KSS §5).
REASONS = [
    ("behaviour", "The child's behaviour"),
    ("needs_not_known", "The child's needs were not fully known when matched"),
    ("carer_circumstances", "The carer's health or circumstances changed"),
    ("support", "Support was not provided, or not in time"),
    ("contact", "Difficulties with contact"),
    ("allegation", "An allegation"),
    ("education", "Education: school place or exclusion"),
    ("birth_family", "Birth family opposition or interference"),
    ("child_wish", "The child asked to leave"),
    ("other", "Another reason"),
]
REASON_NAMES = dict(REASONS)
DISRUPTION_ROUTES = [
    (SGO, "Special guardianship"),
    (ADOPTION, "Adoption"),
    (KINSHIP, "Kinship care"),
    (LONG_TERM_FOSTERING, "Long-term fostering"),
    (RETURN_HOME, "Return home to parents"),
    ("short_term_fostering", "Short-term fostering"),
    ("residential", "Residential care"),
]
DISRUPTION_ROUTE_NAMES = dict(DISRUPTION_ROUTES)

SUSTAINED = [
    ("yes", "Yes: the child can stay, with more support"),
    ("relationship", "The home cannot continue, but the relationship can be kept"),
    ("no", "No"),
]
SUSTAINED_NAMES = dict(SUSTAINED)

# Ages at disruption, for the learning report.
AGE_BANDS = [(0, 4, "Under 5"), (5, 9, "5 to 9"), (10, 15, "10 to 15"), (16, 17, "16 or 17"), (18, 200, "18 or over")]


def age_band(age):
    if age is None:
        return "Age not known"
    for low, high, name in AGE_BANDS:
        if low <= age <= high:
            return name
    return "Age not known"
