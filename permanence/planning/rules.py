"""Rules that refuse an impossible or undefendable planning record. Pure: no Django.

Each function returns {field: message}; empty means the record may be kept. Messages say
what to do, in the GOV.UK style.
"""

from . import options, prompts

MINIMUM_REALISTIC_OPTIONS = 2


def date_problems(field, value, *, today, what, not_before=None, not_before_what=""):
    if value is None:
        return {field: f"Enter the {what}"}
    if value > today:
        return {field: f"The {what} must be today or in the past"}
    if not_before and value < not_before:
        return {field: f"The {what} must be on or after {not_before_what}"}
    return {}


def assessment_problems(option, values):
    """An option's assessment: realistic options need strengths and risks; others, why not."""
    problems = {}
    if option not in options.OPTION_NAMES:
        return {"option": f"{option!r} is not a permanence option"}
    if values.get("realistic", True):
        if not (values.get("strengths") or "").strip():
            problems["strengths"] = "Enter the strengths of this option for the child"
        if not (values.get("risks") or "").strip():
            problems["risks"] = "Enter the risks of this option for the child"
    elif not (values.get("not_realistic_reason") or "").strip():
        problems["not_realistic_reason"] = "Enter why this option is not realistic for the child"
    unknown = set(values.get("answers", {})) - set(prompts.QUESTION_KEYS)
    if unknown:
        problems["answers"] = f"Unknown assessment questions: {', '.join(sorted(unknown))}"
    allowed = prompts.allowed_keys(option)
    for field in ("checklist", "prompts_adopted"):
        stray = set(values.get(field, [])) - allowed
        if stray:
            problems[field] = (
                f"These statements do not apply to {options.OPTION_NAMES[option]}: {', '.join(sorted(stray))}"
            )
    return problems


def recommendation_problems(assessed, option, rationale):
    """`assessed` maps each assessed option to whether it was found realistic.

    A recommendation comes once every option has been assessed, realistic or not (an option
    left unassessed is a gap the court will ask about), compares at least two realistic options
    (Re B-S; DfE, Knowledge and Skills Statement: Achieving Permanence §1: decisions must be
    defensible), picks one of them, and says why.
    """
    problems = {}
    realistic = [key for key, is_realistic in assessed.items() if is_realistic]
    unassessed = [name for key, name in options.OPTIONS if key not in assessed]
    if unassessed:
        problems["option"] = (
            f"Assess every option before recommending one: {len(unassessed)} of {len(options.OPTIONS)} are not "
            f"assessed yet ({', '.join(unassessed)}). An option that is not realistic is assessed by saying why"
        )
    elif len(realistic) < MINIMUM_REALISTIC_OPTIONS:
        problems["option"] = (
            f"Assess at least {MINIMUM_REALISTIC_OPTIONS} realistic options before recommending one "
            f"({len(realistic)} assessed so far)"
        )
    elif not option:
        problems["option"] = "Select the option you recommend"
    elif option not in assessed:
        problems["option"] = "The recommended option must be one of the options assessed"
    elif option not in realistic:
        problems["option"] = "The recommended option must be one assessed as realistic"
    if not (rationale or "").strip():
        problems["rationale"] = "Enter why this option is recommended over the others"
    return problems


# Who may record which decision: each role records only its own (no form accepts another role's decision).
ADM_ROLE, PANEL_ROLE = "adm", "panel_member"
ADM_ONLY_KINDS = ("adm_should_be_placed",)


def decision_role_problems(kind, forum, role):
    """{field: message} when a person in `role` may not record this decision; empty when they may."""
    if kind in ADM_ONLY_KINDS and forum != "adm":
        return {"forum": "The decision that a child should be placed for adoption is the Agency Decision Maker's"}
    if forum == "adm" and role != ADM_ROLE:
        return {
            "forum": "Only the Agency Decision Maker records the Agency Decision Maker's decisions: "
            "they record them on the panel item or the child's planning page, signed in as themselves"
        }
    if forum == "permanence_panel" and kind == "match_approved" and role != PANEL_ROLE:
        return {"forum": "The panel's decision on a match is recorded in its minutes, by its chair or adviser"}
    return {}
