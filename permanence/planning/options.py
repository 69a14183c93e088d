"""Permanence options, plan stages, decision forums and kinds of decision.

Options follow Leeds permanence policy §8.1-8.8 (Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015)) with staying at
home and return home told apart, and Camden §7 (Camden, Permanence practice guidance for social workers) for 16-17 year olds.
"""

STAY_HOME = "stay_home"
RETURN_HOME = "return_home"
KINSHIP = "kinship"
SPECIAL_GUARDIANSHIP = "special_guardianship"
CHILD_ARRANGEMENTS_ORDER = "child_arrangements_order"
ADOPTION = "adoption"
LONG_TERM_FOSTERING = "long_term_fostering"
RESIDENTIAL = "residential"
INDEPENDENCE = "independence"

OPTIONS = [
    (STAY_HOME, "Stay at home (with or without a supervision order)"),
    (RETURN_HOME, "Return home (reunification)"),
    (KINSHIP, "Kinship care with connected persons"),
    (SPECIAL_GUARDIANSHIP, "Special guardianship"),
    (CHILD_ARRANGEMENTS_ORDER, "Child arrangements order"),
    (ADOPTION, "Adoption (including fostering for adoption and concurrent planning)"),
    (LONG_TERM_FOSTERING, "Long-term fostering"),
    (RESIDENTIAL, "Residential care"),
    (INDEPENDENCE, "Supported move to independence (16 and 17)"),
]
OPTION_NAMES = dict(OPTIONS)

STAGES = [
    ("exploring", "Being explored"),
    ("agreed_at_review", "Agreed at review"),
    ("endorsed", "Endorsed by panel or ADM"),
    ("before_court", "Before the court"),
    ("family_finding", "Family finding"),
    ("matched", "Matched"),
    ("placed", "Placed"),
    ("legally_secured", "Legally secured"),
    ("achieved", "Achieved"),
]
STAGE_NAMES = dict(STAGES)

FORUMS = [
    ("review", "Looked-after review (IRO decisions report)"),
    ("permanence_planning_meeting", "Permanence planning meeting"),
    ("permanence_panel", "Permanence panel"),
    ("adm", "Agency Decision Maker"),
    ("court", "Court"),
]
FORUM_NAMES = dict(FORUMS)

# What a decision records; the timescales engine reads these by kind.
DECISION_KINDS = [
    ("plan_agreed", "Permanence plan agreed"),
    ("plan_changed", "Permanence plan changed"),
    ("adoption_considered", "Adoption under consideration"),
    ("adm_should_be_placed", "ADM decision: should be placed for adoption"),
    ("match_approved", "Match approved"),
    ("twin_track_considered", "Twin-track plan considered"),
    ("s20_reviewed", "Section 20 arrangement reviewed"),
    # Children Act 1989 s22C(9A), (9B): while adoption is considered, placing the child with
    # foster carers who are also approved adopters must be considered (Leeds §8.4).
    ("ffa_considered", "Fostering for adoption considered"),
]
DECISION_KIND_NAMES = dict(DECISION_KINDS)
