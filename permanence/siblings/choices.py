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

# The presumption, cited wherever a worker records siblings apart: a duty, so it cites the law
# (never a council's own policy document, which is a local rule of that council's pack).
PRESUMPTION_SOURCE = (
    "Children Act 1989 s22C(7)(b) and (8)(c): brothers and sisters the council looks after live together, so far "
    "as reasonably practicable and consistent with their welfare"
)
# A practice prompt: no law sets when the decision is made. Labelled as the practice guidance it comes from.
EARLY_DECISION_SOURCE = (
    "Practice guidance: Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §10.4 "
    "(where the plan is adoption, an early decision)"
)
# Contact with family, brothers and sisters included, is promoted by law.
CONTACT_SOURCE = (
    "Children Act 1989 Sch 2 para 15(1): contact between a looked-after child and their family is promoted, unless "
    "not reasonably practicable or consistent with the child's welfare"
)
