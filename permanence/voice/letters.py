"""The "My plan" letter: the permanence plan in plain words for the child, by age band.

Drafted here from the plan's own facts (who the plan names to care for the child), then edited
by the worker and reviewed by someone other than its author before it is shared. Texts follow Leeds §10.7 (set the
plan out clearly and concisely, make timescales clear; Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015)) and the
Knowledge and Skills Statement §3-§4 (keep the child informed, clearly, openly and
sensitively; explain reasons in a way that suits the child's age and understanding;
DfE, Knowledge and Skills Statement: Achieving Permanence). No Django here.
"""

from dataclasses import dataclass

# Practice, not a rule: the Knowledge and Skills Statement, and a council's own guidance labelled as such.
SOURCES = (
    "DfE, Knowledge and Skills Statement: Achieving Permanence §3-§4 (communicate decisions in a way appropriate to "
    "the child's age and understanding). Practice guidance: Leeds City Council, Permanence Policy and Guidance "
    "(3.1.2, revised December 2015) §10.7 (clearly communicating the permanence plan)"
)

UNDER_8 = "under_8"
AGE_8_TO_12 = "8_to_12"
AGE_13_PLUS = "13_plus"
AGE_BANDS = [(UNDER_8, "Under 8"), (AGE_8_TO_12, "8 to 12"), (AGE_13_PLUS, "13 and over")]
AGE_BAND_NAMES = dict(AGE_BANDS)


def age_band(age):
    if age is None or age < 8:
        return UNDER_8
    return AGE_8_TO_12 if age <= 12 else AGE_13_PLUS


# What the plan means, per option and age band. {carer} is who the plan names: the proposed
# special guardian, the long-term carers, the adopters once a match is approved. Where the plan
# names nobody yet, the words say so rather than guess (NOBODY), never naming the child's
# current carers for a plan that is about someone else.
PLAN_WORDS = {
    "stay_home": {
        UNDER_8: "You are going to keep living at home with your family. Your family will get help so that home stays a safe and happy place.",
        AGE_8_TO_12: "The plan is for you to keep living at home. Your family will get extra help, and your social worker will keep visiting to check things are going well.",
        AGE_13_PLUS: "The plan is for you to stay living at home. Your family will get support, and we will keep checking with you that things are working.",
    },
    "return_home": {
        UNDER_8: "The plan is for you to go back home to live with your family. Before you go, the grown-ups will help your family get ready, and you will have visits first.",
        AGE_8_TO_12: "The plan is for you to go back home to live with your family. There are things your family need to do first, and we will help them. You will have visits before you move back.",
        AGE_13_PLUS: "The plan is for you to return home. Your family are working on the things that need to change first, with support, and we will plan the move with you.",
    },
    "kinship": {
        UNDER_8: "The plan is for you to live with {carer}. They will look after you while you grow up.",
        AGE_8_TO_12: "The plan is for you to live with {carer}. They will look after you while you grow up, with help from us.",
        AGE_13_PLUS: "The plan is for you to live with {carer} for the rest of your childhood, with support from us.",
    },
    "special_guardianship": {
        UNDER_8: "The plan is for you to live with {carer} until you are grown up. A judge will make a special order so that they can look after you and make everyday choices for you.",
        AGE_8_TO_12: "The plan is for you to live with {carer} until you are grown up. A judge will make a special guardianship order. It means they can make most decisions about you, and you will not need social workers and review meetings any more.",
        AGE_13_PLUS: "The plan is for you to live with {carer} under a special guardianship order until you are 18. They will make most decisions about your life; your parents stay your parents. You will leave care and there will be no more review meetings.",
    },
    "child_arrangements_order": {
        UNDER_8: "The plan is for you to live with {carer}. A judge will make an order that says you live with them.",
        AGE_8_TO_12: "The plan is for you to live with {carer}. A judge will make a child arrangements order that says you live with them, and they will be able to make decisions about you.",
        AGE_13_PLUS: "The plan is for you to live with {carer} under a child arrangements order. They will share parental responsibility with your parents, and you will leave care.",
    },
    "adoption": {
        UNDER_8: "The plan is for you to be adopted by {carer}. That means they will be your family for always. You will meet them a few times before you move.",
        AGE_8_TO_12: "The plan is for you to be adopted by {carer}. That means they will become your family for always. You will get to know them before you move, and we will tell you each step.",
        AGE_13_PLUS: "The plan is for you to be adopted by {carer}, so that they become your legal family for life. We want to hear what you think, and you will get to know them before anything changes.",
    },
    "long_term_fostering": {
        UNDER_8: "The plan is for you to live with {carer}, who will look after you until you are grown up.",
        AGE_8_TO_12: "The plan is for you to live with {carer} as your long-term foster family, until you are grown up. Your social worker will keep visiting and there will still be review meetings.",
        AGE_13_PLUS: "The plan is for you to stay with {carer} as your long-term foster family until you are 18, and we will talk about staying on after that. You will still have a social worker and review meetings.",
    },
    "residential": {
        UNDER_8: "The plan is for you to live in a children's home for now, where the staff will look after you and help you.",
        AGE_8_TO_12: "The plan is for you to live in a children's home, where staff will look after you. We will keep talking with you about what happens next.",
        AGE_13_PLUS: "The plan is for you to live in a children's home, where staff can give you the support you need. We will keep reviewing it with you, and plan what comes next together.",
    },
    "independence": {
        UNDER_8: "The plan is to help you get ready to look after yourself when you are older.",
        AGE_8_TO_12: "The plan is to help you learn the things you need to live on your own when you are older.",
        AGE_13_PLUS: "The plan is to help you get ready to live independently: somewhere to live, money, education or work, and people you can count on. Your pathway plan sets this out.",
    },
}
# The same plans, while the plan names nobody to care for the child yet.
NOBODY = {
    "kinship": {
        UNDER_8: "The plan is for you to live with someone in your family, or a friend of your family, who will look after you while you grow up. We are still finding out who that will be.",
        AGE_8_TO_12: "The plan is for you to live with someone in your family or a family friend while you grow up. We are still checking who can do this, and we will tell you as soon as we know.",
        AGE_13_PLUS: "The plan is for you to live with family or friends for the rest of your childhood. We are still assessing who can do this, and we will talk it through with you.",
    },
    "special_guardianship": {
        UNDER_8: "The plan is for you to live with someone who will become your special guardian and look after you until you are grown up. We are still finding out who that will be.",
        AGE_8_TO_12: "The plan is for you to live with someone who will become your special guardian until you are grown up. We are still checking who can do this, and we will tell you as soon as we know.",
        AGE_13_PLUS: "The plan is for you to live under a special guardianship order until you are 18. We are still assessing who will be your special guardian, and we will talk it through with you.",
    },
    "child_arrangements_order": {
        UNDER_8: "The plan is for you to live with someone a judge says you can live with. We are still finding out who that will be.",
        AGE_8_TO_12: "The plan is for a judge to make an order that says who you live with. We are still checking who that will be, and we will tell you as soon as we know.",
        AGE_13_PLUS: "The plan is for a child arrangements order saying who you live with, so that you leave care. We are still assessing who that will be, and we will talk it through with you.",
    },
    "adoption": {
        UNDER_8: "The plan is for you to have a new family who will adopt you. That means they will be your family for always. It can take a while to find the right family for you.",
        AGE_8_TO_12: "The plan is for you to be adopted. That means a new family will become your family for always. Finding the right family can take time, and we will tell you how it is going.",
        AGE_13_PLUS: "The plan is for you to be adopted, so that a new family becomes your legal family for life. We want to hear what you think about this, and what matters to you in a family.",
    },
    "long_term_fostering": {
        UNDER_8: "The plan is for you to live with a foster family who will look after you until you are grown up. We are looking for the right family for you.",
        AGE_8_TO_12: "The plan is for you to live with a long-term foster family until you are grown up. We are looking for the right family for you, and we will tell you how it is going.",
        AGE_13_PLUS: "The plan is for you to live with a long-term foster family until you are 18. We are looking for the right family, and we want to hear what matters to you in a family.",
    },
}

OPENING = {
    UNDER_8: "This letter is about where you are going to live and who will look after you.",
    AGE_8_TO_12: "I am writing to tell you about the plan for where you will live while you grow up, and why.",
    AGE_13_PLUS: "I am writing to set out your permanence plan: where you will live for the rest of your childhood, and why.",
}
VIEWS = {
    UNDER_8: "You told us what you think, and we listened.",
    AGE_8_TO_12: "We have listened to what you told us, and it helped us make this plan.",
    AGE_13_PLUS: "Your views matter and have been taken into account in this plan. If you disagree with any of it, you can say so, and you can ask for an advocate to help you.",
}
CLOSING = {
    UNDER_8: "You can ask me, your carer or your IRO any questions at any time, and tell us how you feel.",
    AGE_8_TO_12: "If you have any questions, or feel worried or unhappy about the plan, you can talk to me, your carer or your Independent Reviewing Officer (IRO).",
    AGE_13_PLUS: "If you have questions, or want to challenge any part of the plan, talk to me or your Independent Reviewing Officer (IRO). You can also ask for an advocate.",
}


@dataclass(frozen=True)
class LetterDraft:
    age_band: str
    text: str
    sources: str = SOURCES


def draft_letter(*, first_name, age, option, carer="", next_review=None, worker="", views_heard=False):
    """A draft of the letter in plain words; the worker edits it before it is reviewed and shared.

    `carer`: who the plan names (the proposed special guardian, the long-term carers, the adopters
    once matched), in the words the letter uses; empty when the plan names nobody yet."""
    band = age_band(age)
    words = PLAN_WORDS.get(option, {}).get(band)
    if words is None:
        words = "We are still working out the plan for where you will live. We will tell you as soon as it is decided."
    elif "{carer}" in words:
        words = words.format(carer=carer) if carer else NOBODY[option][band]
    parts = [f"Dear {first_name},", OPENING[band], words]
    if views_heard:  # never claim the child was listened to when no views are recorded for the plan
        parts.append(VIEWS[band])
    if next_review:
        when = f"{next_review.day} {next_review:%B %Y}"
        parts.append(
            f"We will look at the plan again at your next review meeting, on or before {when}."
            if band != UNDER_8
            else f"The grown-ups will talk about the plan again at a meeting by {when}."
        )
    parts.append(CLOSING[band])
    parts.append(f"From {worker}" if worker else "From your social worker")
    return LetterDraft(band, "\n\n".join(parts))


def carer_words(name, relationship=""):
    """How the letter names the plan's carers: "Grace Hart, your grandparent", or the household's name."""
    if not name:
        return ""
    return f"{name}, your {relationship}" if relationship and relationship in CHILD_RELATIONSHIPS else name


# Relationships said to the child as "your ...".
CHILD_RELATIONSHIPS = {
    "grandparent",
    "aunt or uncle",
    "step-parent",
    "cousin",
    "family friend",
    "sibling (full)",
    "sibling (half)",
    "sibling (step)",
}
