"""What an options analysis must hold before it can be relied on."""

from datetime import date

from permanence.planning import options, prompts, rules


def test_a_realistic_option_needs_its_strengths_and_risks_for_the_child():
    problems = rules.assessment_problems("kinship", {"realistic": True, "strengths": "", "risks": " "})
    assert problems == {
        "strengths": "Enter the strengths of this option for the child",
        "risks": "Enter the risks of this option for the child",
    }


def test_an_option_ruled_out_needs_the_reason_it_is_not_realistic():
    assert rules.assessment_problems("return_home", {"realistic": False}) == {
        "not_realistic_reason": "Enter why this option is not realistic for the child"
    }
    assert (
        rules.assessment_problems("return_home", {"realistic": False, "not_realistic_reason": "Assessment negative"})
        == {}
    )


def test_policy_statements_must_belong_to_the_option_assessed():
    values = {
        "realistic": True,
        "strengths": "s",
        "risks": "r",
        "checklist": ["adoption_wish"],
        "prompts_adopted": ["cao_adv_no_review"],
    }
    problems = rules.assessment_problems("long_term_fostering", values)
    assert set(problems) == {"checklist", "prompts_adopted"}
    assert rules.assessment_problems("adoption", dict(values, prompts_adopted=[])) == {}


def every_option(**realistic):
    """Every option assessed: those named as given, the rest not realistic."""
    return {key: realistic.get(key, False) for key in options.OPTION_NAMES}


def test_no_recommendation_while_any_option_is_unassessed():
    assessed = {"kinship": True, "long_term_fostering": True, "return_home": False, "adoption": True}
    problems = rules.recommendation_problems(assessed, "kinship", "Because")
    assert problems["option"].startswith("Assess every option before recommending one: 5 of 9 are not assessed yet")
    assert "Stay at home (with or without a supervision order)" in problems["option"]


def test_a_recommendation_needs_two_realistic_options_assessed():
    problems = rules.recommendation_problems(every_option(kinship=True), "kinship", "Because")
    assert problems == {"option": "Assess at least 2 realistic options before recommending one (1 assessed so far)"}


def test_the_recommended_option_must_be_one_assessed_and_realistic():
    assessed = every_option(kinship=True, long_term_fostering=True)
    assert rules.recommendation_problems(assessed, "no_such_option", "x") == {
        "option": "The recommended option must be one of the options assessed"
    }
    assert rules.recommendation_problems(assessed, "return_home", "x") == {
        "option": "The recommended option must be one assessed as realistic"
    }
    assert rules.recommendation_problems(assessed, "kinship", "Grandmother has cared well") == {}


def test_a_recommendation_needs_a_rationale():
    assert rules.recommendation_problems(every_option(kinship=True, adoption=True), "kinship", "  ") == {
        "rationale": "Enter why this option is recommended over the others"
    }


def test_dates_must_be_given_not_in_the_future_and_not_too_early():
    today = date(2026, 6, 1)
    assert rules.date_problems("date", None, today=today, what="date of the move") == {
        "date": "Enter the date of the move"
    }
    assert "today or in the past" in rules.date_problems("date", date(2026, 6, 2), today=today, what="x")["date"]
    assert (
        "on or after the plan"
        in rules.date_problems(
            "date", date(2026, 1, 1), today=today, what="x", not_before=date(2026, 2, 1), not_before_what="the plan"
        )["date"]
    )


def test_every_prompt_cites_its_document_by_title_and_section():
    for item in prompts.QUESTIONS + prompts.CHECKLIST + list(prompts.PROMPTS_BY_KEY.values()):
        assert item.source.startswith((prompts.CAMDEN, prompts.BIRMINGHAM, prompts.LEEDS))
        assert "§" in item.source or "Appendix" in item.source


def test_camden_asks_six_questions_and_birmingham_has_four_statements_per_column():
    assert [q.key for q in prompts.QUESTIONS] == [
        "belonging",
        "secure_relationship",
        "developmental_needs",
        "identity",
        "endurance",
        "links_to_past",
    ]
    for column in prompts.CHECKLIST_COLUMNS:
        assert sum(1 for p in prompts.CHECKLIST if p.kind == column) == 4


def test_leeds_lists_cao_and_long_term_fostering_advantages_and_disadvantages():
    cao = prompts.policy_prompts_for("child_arrangements_order")
    ltf = prompts.policy_prompts_for("long_term_fostering")
    assert [p.kind for p in cao].count("advantage") == 4 and [p.kind for p in cao].count("disadvantage") == 3
    assert [p.kind for p in ltf].count("advantage") == 3 and [p.kind for p in ltf].count("disadvantage") == 6
    assert all("§8.6" in p.source for p in cao) and all("§8.7" in p.source for p in ltf)


def test_prompt_keys_are_unique():
    keys = [p.key for p in prompts.CHECKLIST] + [p.key for ps in prompts.POLICY_PROMPTS.values() for p in ps]
    assert len(set(keys)) == len(set(prompts.PROMPTS_BY_KEY))
