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

# Who sits on a panel. Members count towards the quorum; advisers advise and do not count.
CHAIR, VICE_CHAIR, SOCIAL_WORKER, INDEPENDENT, MEMBER = "chair", "vice_chair", "social_worker", "independent", "member"
AGENCY_ADVISER, MEDICAL_ADVISER, LEGAL_ADVISER = "agency_adviser", "medical_adviser", "legal_adviser"
PANEL_ROLES = [
    (CHAIR, "Chair"),
    (VICE_CHAIR, "Vice chair"),
    (SOCIAL_WORKER, "Social worker (at least three years' post-qualifying experience)"),
    (INDEPENDENT, "Independent member"),
    (MEMBER, "Other member"),
    (AGENCY_ADVISER, "Agency adviser"),
    (MEDICAL_ADVISER, "Medical adviser"),
    (LEGAL_ADVISER, "Legal adviser"),
]
PANEL_ROLE_NAMES = dict(PANEL_ROLES)
MEMBER_ROLES = frozenset({CHAIR, VICE_CHAIR, SOCIAL_WORKER, INDEPENDENT, MEMBER})
ADVISER_ROLES = frozenset({AGENCY_ADVISER, MEDICAL_ADVISER, LEGAL_ADVISER})
# Who records the panel's minutes and recommendation.
RECORDING_ROLES = frozenset({CHAIR, VICE_CHAIR, AGENCY_ADVISER})

# What the panel concluded on an item. For a matter the Agency Decision Maker decides, the panel
# recommends; for a matter the panel decides itself (Leeds §5: matches for long-term fostering
# and special guardianship), it agrees or not.
RECOMMENDED, NOT_RECOMMENDED, DEFERRED = "recommended", "not_recommended", "deferred"
PANEL_OUTCOMES = [
    (RECOMMENDED, "Recommended (or agreed)"),
    (NOT_RECOMMENDED, "Not recommended (or not agreed)"),
    (DEFERRED, "Deferred: the panel needs more information"),
]
PANEL_OUTCOME_NAMES = dict(PANEL_OUTCOMES)

ADM_OUTCOMES = [
    ("agreed", "Agreed"),
    ("not_agreed", "Not agreed"),
    ("deferred", "Deferred for more information"),
]
ADM_OUTCOME_NAMES = dict(ADM_OUTCOMES)
# What "agreed" means for each matter the Agency Decision Maker decides.
ADM_AGREED_WORDS = {
    "adoption_plan": "Agreed: {name} should be placed for adoption",
    "adoption_match": "Agreed: {name} should be placed for adoption with these prospective adopters",
}
PANEL_SOURCE = "Adoption Agencies Regulations 2005 regs 18 and 32 (the panel's recommendation and its reasons)"
ADM_SOURCE = (
    "Adoption Agencies Regulations 2005 regs 19 and 33 (the agency decides, taking into account the panel's "
    "recommendation); Adoption statutory guidance (2013) ch 1 and ch 4 (the decision maker considers the minutes)"
)
# A panel deciding a match itself is Leeds's own procedure, not the law: practice guidance.
LEEDS_PANEL_SOURCE = (
    "Practice guidance: Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §5 (the permanence panel "
    "decides matches for long-term fostering and special guardianship)"
)

ACTION_FORUMS = [
    ("review", "Looked-after review"),
    ("clinic", "Permanence planning clinic"),
    ("tracking_meeting", "Permanence tracking meeting"),
    ("panel", "Permanence panel"),
]
ACTION_FORUM_NAMES = dict(ACTION_FORUMS)

# Proceedings reach the tracking meeting's agenda from this week (Camden §5: proceedings tracking).
PROCEEDINGS_AGENDA_WEEKS = 20


# The IRO decisions report: the care plan confirmed or changed (IRO Handbook (2010), the record of the review).
REPORT_PLAN_OUTCOMES = [("confirmed", "Confirmed: the plan stays as it is"), ("changed", "Changed")]
REPORT_SOURCE = (
    "IRO Handbook (2010): the IRO's record of the review sets out whether the care plan is confirmed or changed, "
    "each decision with the person responsible and the timescale, and the child's wishes and feelings; "
    "Care Planning, Placement and Case Review (England) Regulations 2010 reg 36"
)

# The dispute resolution process: the IRO takes a concern about the plan up, one stage at a time,
# and may refer the child's case to Cafcass.
ESCALATION_STAGES = [
    ("informal", "1. Informal: raised with the social worker"),
    ("team_manager", "2. Team manager"),
    ("service_manager", "3. Service manager"),
    ("head_of_service", "4. Head of service"),
    ("director", "5. Director of children's services"),
    ("cafcass", "6. Referred to Cafcass"),
]
ESCALATION_STAGE_NAMES = dict(ESCALATION_STAGES)
ESCALATION_STAGE_ORDER = [key for key, _ in ESCALATION_STAGES]
ESCALATION_OPEN = "open"
ESCALATION_OUTCOMES = [
    (ESCALATION_OPEN, "Open"),
    ("resolved", "Resolved: the plan was put right"),
    ("not_resolved", "Closed without agreement"),
    ("withdrawn", "Withdrawn by the IRO"),
]
ESCALATION_OUTCOME_NAMES = dict(ESCALATION_OUTCOMES)
ESCALATION_SOURCE = (
    "IRO Handbook (2010): the dispute resolution process, from informal resolution to the Director; "
    "Children Act 1989 s25B(3) (the IRO may refer the child's case to Cafcass)"
)
