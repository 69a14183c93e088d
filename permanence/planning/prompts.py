"""What an options analysis asks about each option, and the policy text offered as prompts.

Pure data, each item citing its seed document and section. Prompts are offered to the worker
to tick and adopt for this child; nothing is ever ticked for them.

- Camden's assessment questions for any care arrangement (Camden, Permanence practice guidance for social workers §3).
- Birmingham's permanence options checklist, CAO/SGO vs adoption vs long-term fostering
  (Birmingham Children's Trust, Permanence Guidance Appendix 1).
- Leeds's advantages and disadvantages of a child arrangements order (§8.6) and of
  long-term fostering (§8.7), and the factors research links to a safe return home (§8.1)
  (Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015)).
"""

from dataclasses import dataclass

from permanence.codes.documents import PRACTICE_GUIDANCE, as_cited

from . import options

CAMDEN = "Camden, Permanence practice guidance for social workers"
BIRMINGHAM = "Birmingham Children's Trust, Permanence Guidance"
LEEDS = "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015)"


@dataclass(frozen=True)
class Question:
    key: str
    short: str  # the comparison table's row heading
    text: str
    source: str

    @property
    def cited(self):
        """The citation, labelled as the practice guidance it is."""
        return as_cited(self.source)


COUNCILS = {
    "Camden, Permanence practice guidance for social workers": "Camden",
    "Birmingham Children's Trust, Permanence Guidance": "Birmingham",
    "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015)": "Leeds",
}


@dataclass(frozen=True)
class Prompt:
    key: str
    kind: str  # "advantage", "disadvantage", "factor" or a checklist column
    text: str
    source: str

    @property
    def cite(self):
        """A short citation for a table cell, labelled as the practice guidance it is: these prompts come
        from councils' own documents, offered to every council as good practice, never as a rule.
        'Practice guidance: Leeds §8.7', 'Practice guidance: Birmingham Appendix 1'."""
        for document, council in COUNCILS.items():
            if self.source.startswith(document):
                rest = self.source[len(document) :].split()
                section = " ".join(rest[:2]) if rest and rest[0] == "Appendix" else (rest[0] if rest else "")
                return f"{PRACTICE_GUIDANCE}: {council} {section}".rstrip()
        return as_cited(self.source)

    @property
    def cited(self):
        """The full citation, labelled as practice guidance."""
        return as_cited(self.source)


CAMDEN_SOURCE = f"{CAMDEN} §3 Assessing permanence needs"
QUESTIONS = [
    Question(
        "belonging",
        "Belonging",
        "Can the care arrangement offer the child a stable family environment where they can feel they “belong”?",
        CAMDEN_SOURCE,
    ),
    Question(
        "secure_relationship",
        "Secure, enduring relationship",
        "Does the care arrangement provide the child with a secure and enduring relationship with their carer?",
        CAMDEN_SOURCE,
    ),
    Question(
        "developmental_needs",
        "Current and future developmental needs",
        "Can the care arrangement meet all the child's current and future developmental needs?",
        CAMDEN_SOURCE,
    ),
    Question(
        "identity",
        "Identity",
        "Can the care arrangement meet or support the child's ethnic, cultural, linguistic and religious identity?",
        CAMDEN_SOURCE,
    ),
    Question(
        "endurance",
        "Endures into adulthood",
        "Is the care arrangement likely to endure throughout their childhood and provide support into adulthood "
        "post 18, for example under the Staying Put scheme?",
        CAMDEN_SOURCE,
    ),
    Question(
        "links_to_past",
        "Links to the past",
        "Can the care arrangement provide the child with a link to their past, support contact with their birth "
        "family and maintain links with their extended family and friends network?",
        CAMDEN_SOURCE,
    ),
]
QUESTION_KEYS = [q.key for q in QUESTIONS]

# Birmingham Appendix 1: three columns; each statement describes a child for whom that route fits.
CAO_SGO = "cao_sgo"
ADOPTION_COLUMN = "adoption"
LONG_TERM_FOSTERING_COLUMN = "long_term_fostering"
CHECKLIST_COLUMNS = {
    CAO_SGO: "Child arrangements order or special guardianship",
    ADOPTION_COLUMN: "Adoption",
    LONG_TERM_FOSTERING_COLUMN: "Long-term fostering",
}
BIRMINGHAM_SOURCE = f"{BIRMINGHAM} Appendix 1 Permanence options checklist"
CHECKLIST = [
    Prompt(
        "cao_sgo_legal_security",
        CAO_SGO,
        "Child needs the security of a legally defined placement with alternative carers but does not require a "
        "lifelong commitment involving a change of identity.",
        BIRMINGHAM_SOURCE,
    ),
    Prompt(
        "cao_sgo_carer_pr",
        CAO_SGO,
        "Child's relation, foster or other carer needs to exercise day to day parental responsibility and is "
        "prepared to do so as a lifelong commitment.",
        BIRMINGHAM_SOURCE,
    ),
    Prompt(
        "cao_sgo_no_monitoring",
        CAO_SGO,
        "There is no need for continuing monitoring and review by the Local Authority, although support services "
        "may still need to be arranged.",
        BIRMINGHAM_SOURCE,
    ),
    Prompt(
        "cao_sgo_attachment",
        CAO_SGO,
        "Child has a strong attachment to the alternative carers and legally defined permanence is assessed as a "
        "positive contribution to their sense of belonging and security.",
        BIRMINGHAM_SOURCE,
    ),
    Prompt(
        "adoption_belong",
        ADOPTION_COLUMN,
        "Child's primary need is to belong to a family who will make a lifelong commitment.",
        BIRMINGHAM_SOURCE,
    ),
    Prompt(
        "adoption_parents_cannot_share",
        ADOPTION_COLUMN,
        "Child's birth parents are not able or not willing to share parental responsibility in order to meet their "
        "child's needs, even though there may be contact.",
        BIRMINGHAM_SOURCE,
    ),
    Prompt(
        "adoption_new_identity",
        ADOPTION_COLUMN,
        "Child needs an opportunity to develop a new sense of identity whilst being supported to maintain or "
        "develop a healthy understanding of their past.",
        BIRMINGHAM_SOURCE,
    ),
    Prompt("adoption_wish", ADOPTION_COLUMN, "Child expresses a wish to be adopted.", BIRMINGHAM_SOURCE),
    Prompt(
        "ltf_stable_with_involvement",
        LONG_TERM_FOSTERING_COLUMN,
        "Primary need is for a stable, loving family environment whilst there is still a significant level of "
        "continued involvement with the birth family.",
        BIRMINGHAM_SOURCE,
    ),
    Prompt(
        "ltf_identity_with_birth_family",
        LONG_TERM_FOSTERING_COLUMN,
        "Child has a clear sense of identity with the birth family, whilst needing to be looked after away from home.",
        BIRMINGHAM_SOURCE,
    ),
    Prompt(
        "ltf_oversight",
        LONG_TERM_FOSTERING_COLUMN,
        "There is need for continuing oversight and monitoring of the child's developmental progress.",
        BIRMINGHAM_SOURCE,
    ),
    Prompt(
        "ltf_parents_share_pr",
        LONG_TERM_FOSTERING_COLUMN,
        "Birth parents are able and willing to exercise a degree of parental responsibility.",
        BIRMINGHAM_SOURCE,
    ),
]

# Which checklist columns an option's page offers. Kinship care can be secured either way.
OPTION_CHECKLIST_COLUMNS = {
    options.SPECIAL_GUARDIANSHIP: [CAO_SGO],
    options.CHILD_ARRANGEMENTS_ORDER: [CAO_SGO],
    options.ADOPTION: [ADOPTION_COLUMN],
    options.LONG_TERM_FOSTERING: [LONG_TERM_FOSTERING_COLUMN],
    options.KINSHIP: [CAO_SGO, LONG_TERM_FOSTERING_COLUMN],
}

LEEDS_CAO = f"{LEEDS} §8.6 Child Arrangements Orders"
LEEDS_LTF = f"{LEEDS} §8.7 Long Term Fostering"
LEEDS_RETURN = f"{LEEDS} §8.1 Reunification/Staying at Home"
ADVANTAGE = "advantage"
DISADVANTAGE = "disadvantage"
FACTOR = "factor"
PROMPT_KINDS = {
    ADVANTAGE: "Advantages",
    DISADVANTAGE: "Disadvantages",
    FACTOR: "Factors research links to a safe return home",
}

_CAO = [
    Prompt(
        "cao_adv_pr_shared",
        ADVANTAGE,
        "It gives Parental Responsibility to the carer whilst maintaining the parents' Parental Responsibility.",
        LEEDS_CAO,
    ),
    Prompt(
        "cao_adv_not_looked_after",
        ADVANTAGE,
        "The child will no longer be Looked After and there need be no social work involvement, unless this is "
        "identified as necessary.",
        LEEDS_CAO,
    ),
    Prompt("cao_adv_no_review", ADVANTAGE, "There is no review process.", LEEDS_CAO),
    Prompt(
        "cao_adv_less_stigma",
        ADVANTAGE,
        "The child will not be Looked After and so less stigma is attached to the placement.",
        LEEDS_CAO,
    ),
    Prompt(
        "cao_dis_less_secure",
        DISADVANTAGE,
        "It is less secure than Adoption or Special Guardianship in that an application can be made to revoke the "
        "Order (the court can be asked to attach a condition refusing a parent's right to seek revocation without "
        "leave).",
        LEEDS_CAO,
    ),
    Prompt(
        "cao_dis_no_support",
        DISADVANTAGE,
        "There is no formal continuing support to the family after the Order is made, although in some instances a "
        "Child Arrangements Order Allowance may be payable.",
        LEEDS_CAO,
    ),
    Prompt(
        "cao_dis_no_review",
        DISADVANTAGE,
        "There is no professional reviewing of the arrangements after the Order unless a new application to court "
        "is made; carers may bear the cost of defending one.",
        LEEDS_CAO,
    ),
]
_LTF = [
    Prompt(
        "ltf_adv_la_negotiates",
        ADVANTAGE,
        "The local authority retains a role in negotiating between the foster carers and the birth family over "
        "issues such as contact.",
        LEEDS_LTF,
    ),
    Prompt(
        "ltf_adv_support",
        ADVANTAGE,
        "There is continuing social work support to the child and foster family in a placement that is regularly "
        "reviewed to ensure that the child's needs are met.",
        LEEDS_LTF,
    ),
    Prompt(
        "ltf_adv_legal_links",
        ADVANTAGE,
        "It maintains legal links to the birth family who can still play a part in the decision making for the child.",
        LEEDS_LTF,
    ),
    Prompt("ltf_dis_no_pr", DISADVANTAGE, "Lack of Parental Responsibility for the carers.", LEEDS_LTF),
    Prompt("ltf_dis_involvement", DISADVANTAGE, "Continuing social work involvement.", LEEDS_LTF),
    Prompt(
        "ltf_dis_reviews",
        DISADVANTAGE,
        "Regular Looked After Reviews, which may be regarded as destabilising to the placement.",
        LEEDS_LTF,
    ),
    Prompt("ltf_dis_stigma", DISADVANTAGE, "Stigma attached to the child due to being in care.", LEEDS_LTF),
    Prompt(
        "ltf_dis_not_legal_member",
        DISADVANTAGE,
        "The child is not a legal member of the family; if difficulties arise there may be less willingness to "
        "persevere and seek resolution.",
        LEEDS_LTF,
    ),
    Prompt(
        "ltf_dis_post_18",
        DISADVANTAGE,
        "Post care and/or post 18 the carers have no legal responsibility towards the young person.",
        LEEDS_LTF,
    ),
]
_RETURN = [
    Prompt(f"return_factor_{key}", FACTOR, text, LEEDS_RETURN)
    for key, text in [
        ("assessments", "Thorough multi-agency assessments."),
        (
            "network",
            "Good support identified from the extended network of family and/or friends, including a Family "
            "Group Conference.",
        ),
        (
            "expectations",
            "Clear written expectations set for the parent(s) to meet before the child could return "
            "home, and within what timescales.",
        ),
        ("problems_addressed", "The problems which led to the admission to care have been addressed."),
        ("other_parent", "Return to the other parent, or the parent has a new partner who makes a difference."),
        (
            "support_plan",
            "An appropriate support plan and any specialist support has been provided and the parents engage with it.",
        ),
        ("preparation", "Good preparation of the parent(s) and child(ren), including life story work."),
        ("monitoring", "Good monitoring of the child(ren) before and after return."),
    ]
]
POLICY_PROMPTS = {
    options.CHILD_ARRANGEMENTS_ORDER: _CAO,
    options.LONG_TERM_FOSTERING: _LTF,
    options.RETURN_HOME: _RETURN,
    options.STAY_HOME: _RETURN,
}

PROMPTS_BY_KEY = {p.key: p for p in CHECKLIST + _CAO + _LTF + _RETURN}


def checklist_for(option):
    """Birmingham checklist statements an option's page offers, grouped by column in order."""
    columns = OPTION_CHECKLIST_COLUMNS.get(option, [])
    return [(CHECKLIST_COLUMNS[c], [p for p in CHECKLIST if p.kind == c]) for c in columns]


def policy_prompts_for(option):
    return POLICY_PROMPTS.get(option, [])


def allowed_keys(option):
    """Every prompt key the worker may adopt for `option`: anything else is refused."""
    keys = {p.key for _, items in checklist_for(option) for p in items}
    return keys | {p.key for p in policy_prompts_for(option)}


def sources_cited():
    """Every seed section cited, for a document's 'Sources' note."""
    seen = []
    for item in QUESTIONS + CHECKLIST + _CAO + _LTF + _RETURN:
        if item.source not in seen:
            seen.append(item.source)
    return seen
