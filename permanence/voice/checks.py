"""Pure checks on a child's plan: does it record the child's views, and does it include what good
practice asks every permanence plan to include?

The plan itself and the child's views are duties, cited to the law. What the plan should set out
(introductions, residential aims, life story work, contact) is a practice prompt taken from Leeds
City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §5, shown labelled as
practice guidance: it is not a rule of the England baseline.

No Django here: selectors pass in plain values.
"""

from dataclasses import dataclass

from permanence.timescales.dates import age_on

# A duty: the plan for permanence is part of the care plan.
PLAN_SOURCE = (
    "Care Planning, Placement and Case Review (England) Regulations 2010, reg 5(a) (the plan for permanence); "
    "The Children Act 1989 guidance and regulations, Volume 2: care planning, placement and case review (DfE, "
    "June 2015), chapter 2"
)
# A practice prompt: what a council's own policy asks a plan to set out.
LEEDS_5 = "Practice guidance: Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §5"
# A duty: the child's wishes and feelings, ascertained and given due consideration.
VOICE_SOURCES = (
    "Children Act 1989 s22(4) and (5)(a) (the child's wishes and feelings ascertained and given due consideration, "
    "having regard to their age and understanding); Permanence: considerations arising from key principles "
    "(procedures manual, Part 6) (a duty to seek the child's views, having regard to age and maturity)"
)
UNDER_FOUR_SOURCE = "SSDA903 review participation PN0: child aged under 4"
TOO_YOUNG = 4

# Options where the child moves to a new home, so introductions need a timetable.
MOVES = frozenset(
    {
        "return_home",
        "kinship",
        "special_guardianship",
        "child_arrangements_order",
        "adoption",
        "long_term_fostering",
        "residential",
    }
)


@dataclass(frozen=True)
class ViewsCheck:
    plan_records_views: bool
    ok: bool  # the views are recorded, or the plan says why not
    reason: str
    source: str


def views_check(*, has_plan, plan_recorded=None, dob=None, views_for_plan=0, reason_not_recorded=""):
    """Whether the current plan records the child's views, or says why not.

    `views_for_plan`: how many wishes-and-feelings records inform this plan;
    `reason_not_recorded`: the worker's reason the plan does not record them, if given.
    A child under 4 when the plan was recorded is taken as too young to give views in words.
    """
    if not has_plan:
        return ViewsCheck(
            False, False, "There is no current permanence plan to record the child's views in.", VOICE_SOURCES
        )
    if views_for_plan:
        n = "1 record" if views_for_plan == 1 else f"{views_for_plan} records"
        return ViewsCheck(
            True, True, f"The plan records the child's views ({n} of their wishes and feelings).", VOICE_SOURCES
        )
    if reason_not_recorded.strip():
        return ViewsCheck(
            False,
            True,
            f"The plan does not record the child's views because: {reason_not_recorded.strip()}",
            VOICE_SOURCES,
        )
    age = age_on(dob, plan_recorded) if dob and plan_recorded else None
    if age is not None and age < TOO_YOUNG:
        return ViewsCheck(
            False,
            True,
            f"The child was {age} when the plan was recorded, too young to give views in words; record what you observe of "
            f"their wishes and feelings when you can.",
            f"{UNDER_FOUR_SOURCE}; {VOICE_SOURCES}",
        )
    return ViewsCheck(
        False,
        False,
        "The plan does not record the child's views and does not say why. Record their wishes and feelings, or the reason.",
        VOICE_SOURCES,
    )


@dataclass(frozen=True)
class Missing:
    key: str
    label: str
    why: str
    source: str


def plan_still_needs(*, plan_option, contents=None, views=None):
    """What the current plan still needs, each with its citation. Empty when nothing is missing.

    `plan_option`: the plan's primary option, or None when there is no plan;
    `contents`: dict with introductions, staying_with_current_carers, residential_aims,
    life_story_work, therapeutic_work, contact_arrangements (or None when nothing is recorded);
    `views`: a ViewsCheck, to list the child's views as missing when neither recorded nor explained.
    """
    if plan_option is None:
        return [Missing("plan", "A permanence plan", "No permanence plan is recorded.", PLAN_SOURCE)]
    contents = contents or {}
    filled = lambda key: bool((contents.get(key) or "").strip())  # noqa: E731
    missing = []
    if plan_option in MOVES and not contents.get("staying_with_current_carers") and not filled("introductions"):
        missing.append(
            Missing(
                "introductions",
                "A timetable for introductions",
                "A timetable for introducing the child to the placement, so that child and carers understand and commit to the move.",
                LEEDS_5,
            )
        )
    if plan_option == "residential" and not filled("residential_aims"):
        missing.append(
            Missing(
                "residential_aims",
                "The aims of the residential placement",
                "The plan is for a residential placement: set out its aims, objectives and outcomes.",
                LEEDS_5,
            )
        )
    if plan_option != "stay_home" and not filled("life_story_work"):
        missing.append(
            Missing(
                "life_story_work",
                "Life story and therapeutic work",
                "Plans for life story work, and any more specific therapeutic work, before and after the placement.",
                LEEDS_5,
            )
        )
    if plan_option != "stay_home" and not filled("contact_arrangements"):
        missing.append(
            Missing(
                "contact_arrangements",
                "Contact arrangements",
                "Arrangements for contact, if appropriate, based on the child's needs and the priority of stability "
                "(or why there will be no contact).",
                f"{LEEDS_5} and §9",
            )
        )
    if views is not None and not views.ok:
        missing.append(Missing("views", "The child's views", views.reason, VOICE_SOURCES))
    return missing
