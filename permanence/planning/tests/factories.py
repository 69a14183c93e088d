"""An options analysis with options assessed, built through the services."""

from datetime import date

from permanence.planning import services
from permanence.planning.options import OPTIONS

KINSHIP = {
    "realistic": True,
    "strengths": "Grace, Ava's grandmother, has cared for her at weekends since birth.",
    "risks": "Grace is 68; her health needs watching.",
    "support": "Special guardianship support plan and allowance.",
    "legal_order": "Special guardianship order",
    "child_views": "Ava says she feels safe at Nana's.",
    "parent_views": "Mia supports the plan.",
    "carer_views": "Grace is committed to caring for Ava into adulthood.",
    "answers": {
        "belonging": "Ava already belongs in Grace's household.",
        "identity": "Same family, faith and language.",
    },
    "checklist": ["cao_sgo_attachment"],
    "prompts_adopted": [],
}
FOSTERING = {
    "realistic": True,
    "strengths": "Pat and Chris have cared for Ava for a year.",
    "risks": "Ava stays looked after.",
    "legal_order": "Care order",
    "checklist": ["ltf_oversight"],
    "prompts_adopted": ["ltf_adv_support", "ltf_dis_stigma"],
}


def analysis_with_two_options(child, by, *, on=date(2026, 5, 1)):
    analysis = services.analysis_start(child=child, date=on, by=by, today=on)
    services.option_assess(analysis=analysis, option="kinship", by=by, **KINSHIP)
    services.option_assess(analysis=analysis, option="long_term_fostering", by=by, **FOSTERING)
    services.option_assess(
        analysis=analysis,
        option="return_home",
        by=by,
        realistic=False,
        not_realistic_reason="The parenting assessment was negative.",
    )
    return analysis


def analysis_ready_to_recommend(child, by, *, on=date(2026, 5, 1)):
    """The two realistic options and return home, and every other option assessed as not realistic, with why."""
    analysis = analysis_with_two_options(child, by, on=on)
    done = set(analysis.assessments.values_list("option", flat=True))
    for option, name in OPTIONS:
        if option not in done:
            services.option_assess(
                analysis=analysis,
                option=option,
                by=by,
                realistic=False,
                not_realistic_reason=f"{name}: not realistic for Ava on the assessments so far.",
            )
    return analysis
