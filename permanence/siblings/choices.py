"""Choices for sibling assessments, decisions and contact plans, with their meanings."""

TOGETHER = "together"
APART = "apart"
DECISIONS = [(TOGETHER, "Live together"), (APART, "Live apart")]
DECISION_NAMES = dict(DECISIONS)

SOME_TOGETHER = "some_together"
RECOMMENDATIONS = [
    (TOGETHER, "Place all the children together"),
    (SOME_TOGETHER, "Place some of the children together"),
    (APART, "Place the children apart"),
]
RECOMMENDATION_NAMES = dict(RECOMMENDATIONS)

DIRECT = "direct"
INDIRECT = "indirect"
CONTACT_KINDS = [
    (DIRECT, "Direct: meeting in person, or by phone or video call"),
    (INDIRECT, "Indirect: letters, cards, photos or messages passed on"),
]
CONTACT_KIND_NAMES = dict(CONTACT_KINDS)

# The presumption, cited wherever a worker records siblings apart.
PRESUMPTION_SOURCE = "Children Act 1989 s22C(8)(c); Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §10.4; Camden, Permanence practice guidance for social workers §8"
EARLY_DECISION_SOURCE = "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §10.4 (where the plan is adoption, an early decision)"
CONTACT_SOURCE = "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §10.4; Camden, Permanence practice guidance for social workers §9"
