"""Code lists for clinics, tracking meetings, panels and actions."""

WAITING, LISTED, SEEN, WITHDRAWN = "waiting", "listed", "seen", "withdrawn"
REFERRAL_STATUSES = [
    (WAITING, "Waiting for a clinic"),
    (LISTED, "Listed for a clinic"),
    (SEEN, "Seen at clinic"),
    (WITHDRAWN, "Withdrawn"),
]
REFERRAL_STATUS_NAMES = dict(REFERRAL_STATUSES)

REFERRER_ROLES = [("social_worker", "Social worker"), ("iro", "Independent Reviewing Officer")]

PANEL_MATTERS = [
    ("plan_after_review", "Permanence plan after the four-month review"),
    ("ltf_match", "Match with long-term foster carers"),
    ("sgo_match", "Match with special guardians"),
    ("plan_change", "Significant change of care plan"),
    ("s20_review", "Review of a section 20 arrangement"),
    ("adoption_plan", "Adoption plan (for the Agency Decision Maker)"),
    ("adoption_match", "Adoption match (for the Agency Decision Maker)"),
]
PANEL_MATTER_NAMES = dict(PANEL_MATTERS)
ADM_MATTERS = {"adoption_plan", "adoption_match"}

ADM_OUTCOMES = [
    ("agreed", "Agreed: the child should be placed for adoption"),
    ("not_agreed", "Not agreed"),
    ("deferred", "Deferred for more information"),
]
ADM_OUTCOME_NAMES = dict(ADM_OUTCOMES)

ACTION_FORUMS = [
    ("clinic", "Permanence planning clinic"),
    ("tracking_meeting", "Permanence tracking meeting"),
    ("panel", "Permanence panel"),
]
ACTION_FORUM_NAMES = dict(ACTION_FORUMS)

# Proceedings reach the tracking meeting's agenda from this week (Camden §5: proceedings tracking).
PROCEEDINGS_AGENDA_WEEKS = 20
