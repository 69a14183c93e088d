"""The planning pages: forms show GOV.UK errors, bad input changes nothing, login is required."""

from datetime import date

import pytest
from django.urls import reverse

from permanence.children.models import Person
from permanence.planning import selectors, services
from permanence.planning.models import Decision, OptionAssessment, OptionsAnalysis, PermanencePlan, PlanStageChange

from .factories import analysis_ready_to_recommend, analysis_with_two_options


def date_fields(name, value):
    return {f"{name}-day": value.day, f"{name}-month": value.month, f"{name}-year": value.year}


def opened(child):
    """The version of the child's planning a form opened now carries, as a browser sends it back."""
    return {"opened_version": selectors.planning_version(child)}


@pytest.fixture
def signed_in(client, sam):
    client.force_login(sam)
    return client


@pytest.fixture
def plan(ava, sam):
    return services.plan_record(
        child=ava, primary_option="kinship", parallel_option="long_term_fostering", recorded=date(2026, 2, 1), by=sam
    )


def test_every_planning_page_needs_a_login(client, ava, sam):
    analysis = analysis_with_two_options(ava, sam)
    urls = [
        reverse(name, args=[ava.pk])
        for name in ("planning-workspace", "planning-stage-move", "planning-decision-new", "planning-analysis-new")
    ]
    urls += [
        reverse(name, args=[ava.pk, analysis.pk])
        for name in ("planning-analysis", "planning-compare", "planning-recommend")
    ]
    urls += [
        reverse("planning-option", args=[ava.pk, analysis.pk, "adoption"]),
        reverse("planning-document", args=[ava.pk, analysis.pk, "pdf"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_the_workspace_shows_the_plan_its_stages_the_decisions_and_analyses(signed_in, ava, sam, plan):
    services.plan_stage_move(plan=plan, to_stage="agreed_at_review", date=date(2026, 2, 1), by=sam)
    services.decision_record(
        child=ava,
        kind="plan_agreed",
        forum="review",
        date=date(2026, 2, 1),
        decided_by="Irene Reviewer (IRO)",
        rationale="Viability positive",
    )
    analysis_with_two_options(ava, sam)
    html = signed_in.get(reverse("planning-workspace", args=[ava.pk])).content.decode()
    for text in (
        "Permanence planning",
        "Kinship care with connected persons",
        "Agreed at review",
        "from Being explored",
        "Irene Reviewer (IRO)",
        "Viability positive",
        "Options analysis of 1 May 2026",
        "Draft",
        "Start an options analysis",
        "Record a decision",
        "Record a change of stage",
    ):
        assert text in html, text


def test_a_stage_move_offers_only_the_moves_open_and_saves_one(signed_in, ava, plan):
    url = reverse("planning-stage-move", args=[ava.pk])
    html = signed_in.get(url).content.decode()
    assert 'value="agreed_at_review"' in html and 'value="placed"' not in html
    response = signed_in.post(
        url, {"to_stage": "agreed_at_review", **date_fields("date", date(2026, 2, 3)), **opened(ava)}
    )
    assert response.status_code == 302
    assert PlanStageChange.objects.get().to_stage == "agreed_at_review"


def test_an_illegal_stage_move_is_explained_and_changes_nothing(signed_in, ava, plan):
    response = signed_in.post(
        reverse("planning-stage-move", args=[ava.pk]),
        {"to_stage": "placed", **date_fields("date", date(2026, 2, 3)), **opened(ava)},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert 'href="#id_to_stage">A plan cannot move from “Being explored” to “Placed”' in html
    plan.refresh_from_db()
    assert plan.stage == "exploring" and not PlanStageChange.objects.exists()


def test_a_stage_move_with_a_bad_date_says_so_at_the_day_box(signed_in, ava, plan):
    html = signed_in.post(
        reverse("planning-stage-move", args=[ava.pk]),
        {"to_stage": "agreed_at_review", "date-day": "31", "date-month": "2", "date-year": "2026"},
    ).content.decode()
    assert 'href="#id_date-day">Date the plan reached this stage must be a real date' in html
    assert 'value="31"' in html  # what was typed is kept
    assert not PlanStageChange.objects.exists()


def test_the_decision_form_shows_every_error_and_records_nothing(signed_in, ava):
    response = signed_in.post(reverse("planning-decision-new", args=[ava.pk]), {"kind": "plan_agreed"})
    html = response.content.decode()
    assert "<title>Error: " in html
    for link, message in (
        ("#id_forum", "Select where the decision was made"),
        ("#id_date-day", "Enter the date of the decision"),
        ("#id_decided_by", "Enter who made the decision"),
        ("#id_rationale", "Enter why this was decided"),
        ("#id_primary_option", "Select the permanence plan the decision agrees"),
    ):
        assert f'href="{link}">{message}' in html, message
    assert 'class="govuk-error-message"' in html
    assert not Decision.objects.exists()


def test_a_change_of_plan_from_the_web_needs_a_reason_and_records_the_new_plan(signed_in, ava, plan):
    url = reverse("planning-decision-new", args=[ava.pk])
    data = {
        "kind": "plan_changed",
        "forum": "review",
        **date_fields("date", date(2026, 6, 1)),
        "decided_by": "Irene Reviewer (IRO)",
        "primary_option": "adoption",
        "rationale": "",
        "evidence": "Child's permanence report",
        **opened(ava),
    }
    assert "Enter why this was decided" in signed_in.post(url, data).content.decode()
    assert not Decision.objects.exists() and PermanencePlan.objects.get().primary_option == "kinship"
    response = signed_in.post(url, dict(data, rationale="Grandmother withdrew; adoption best meets Ava's needs"))
    assert response.status_code == 302 and response["Location"] == reverse("planning-workspace", args=[ava.pk])
    assert Decision.objects.get().evidence == "Child's permanence report"
    assert PermanencePlan.objects.get(superseded_on__isnull=True).primary_option == "adoption"


def test_a_decision_cannot_be_dated_before_the_current_plan(signed_in, ava, plan):
    html = signed_in.post(
        reverse("planning-decision-new", args=[ava.pk]),
        {
            "kind": "plan_changed",
            "forum": "review",
            **date_fields("date", date(2026, 1, 10)),
            "decided_by": "IRO",
            "primary_option": "adoption",
            "rationale": "Reason",
            **opened(ava),
        },
    ).content.decode()
    assert 'href="#id_date-day">A new plan cannot be recorded before the current plan.' in html
    assert not Decision.objects.exists()


def test_starting_an_analysis_leads_to_its_page(signed_in, ava, sam):
    response = signed_in.post(reverse("planning-analysis-new", args=[ava.pk]), date_fields("date", date(2026, 5, 1)))
    analysis = OptionsAnalysis.objects.get()
    assert response["Location"] == reverse("planning-analysis", args=[ava.pk, analysis.pk])
    assert analysis.author == sam and analysis.status == "draft"
    html = signed_in.get(response["Location"]).content.decode()
    assert "Options analysis of 1 May 2026" in html and html.count(">Assess<") == 9


def test_an_option_page_offers_the_policy_prompts_unticked(signed_in, ava, sam):
    analysis = services.analysis_start(child=ava, date=date(2026, 5, 1), by=sam)
    html = signed_in.get(reverse("planning-option", args=[ava.pk, analysis.pk, "long_term_fostering"])).content.decode()
    assert "Lack of Parental Responsibility for the carers." in html  # Leeds §8.7
    assert "There is need for continuing oversight and monitoring" in html  # Birmingham Appendix 1
    assert "Does the care arrangement provide the child with a secure and enduring relationship" in html  # Camden §3
    assert " checked" not in html


def test_a_bad_option_assessment_keeps_what_was_typed_and_saves_nothing(signed_in, ava, sam):
    analysis = services.analysis_start(child=ava, date=date(2026, 5, 1), by=sam)
    url = reverse("planning-option", args=[ava.pk, analysis.pk, "long_term_fostering"])
    html = signed_in.post(
        url,
        {
            "realistic": "yes",
            "strengths": "Settled with Pat and Chris",
            "prompts_adopted": ["ltf_dis_stigma"],
            **opened(ava),
        },
    ).content.decode()
    assert 'href="#id_risks">Enter the risks of this option for the child' in html
    assert "Settled with Pat and Chris" in html and 'value="ltf_dis_stigma" checked' in html
    assert not OptionAssessment.objects.exists()


def test_a_prompt_from_another_option_is_refused(signed_in, ava, sam):
    analysis = services.analysis_start(child=ava, date=date(2026, 5, 1), by=sam)
    response = signed_in.post(
        reverse("planning-option", args=[ava.pk, analysis.pk, "adoption"]),
        {"realistic": "yes", "strengths": "s", "risks": "r", "prompts_adopted": ["ltf_dis_stigma"]},
    )
    assert response.status_code == 200 and not OptionAssessment.objects.exists()


def test_an_option_is_saved_with_its_answers_and_ticks(signed_in, ava, sam):
    analysis = services.analysis_start(child=ava, date=date(2026, 5, 1), by=sam)
    response = signed_in.post(
        reverse("planning-option", args=[ava.pk, analysis.pk, "long_term_fostering"]),
        {
            "realistic": "yes",
            "strengths": "Settled",
            "risks": "Stays in care",
            "answer_belonging": "She belongs there",
            "checklist": ["ltf_oversight"],
            "prompts_adopted": ["ltf_adv_support"],
            **opened(ava),
        },
    )
    assert response.status_code == 302
    saved = OptionAssessment.objects.get()
    assert saved.answers == {"belonging": "She belongs there"}
    assert saved.checklist == ["ltf_oversight"] and saved.prompts_adopted == ["ltf_adv_support"]


def test_the_comparison_puts_options_in_columns_and_questions_in_rows(signed_in, ava, sam):
    analysis = analysis_with_two_options(ava, sam)
    html = signed_in.get(reverse("planning-compare", args=[ava.pk, analysis.pk])).content.decode()
    assert html.count('<th scope="col"') == 3
    assert '<th scope="row" class="govuk-table__header">Belonging</th>' in html
    assert "Continuing social work support" not in html  # not adopted
    assert "There is continuing social work support to the child and foster family" in html  # adopted prompt
    assert "The parenting assessment was negative." in html


def test_a_recommendation_without_a_rationale_is_refused_and_the_analysis_stays_a_draft(signed_in, ava, sam):
    analysis = analysis_ready_to_recommend(ava, sam)
    url = reverse("planning-recommend", args=[ava.pk, analysis.pk])
    html = signed_in.post(
        url, {"option": "kinship", **date_fields("date", date(2026, 5, 20)), **opened(ava)}
    ).content.decode()
    assert 'href="#id_rationale">Enter why this option is recommended over the others' in html
    html = signed_in.post(
        url, {"option": "adoption", "rationale": "x", **date_fields("date", date(2026, 5, 20)), **opened(ava)}
    ).content.decode()
    assert "The recommended option must be one assessed as realistic" in html
    html = signed_in.post(url, {"option": "kinship", "rationale": "x", **opened(ava)}).content.decode()
    assert "Enter the date of the recommendation" in html
    analysis.refresh_from_db()
    assert analysis.status == "draft"


def test_a_recommendation_needs_every_option_assessed(signed_in, ava, sam):
    analysis = services.analysis_start(child=ava, date=date(2026, 5, 1), by=sam)
    html = signed_in.post(
        reverse("planning-recommend", args=[ava.pk, analysis.pk]),
        {"rationale": "x", **date_fields("date", date(2026, 5, 20)), **opened(ava)},
    ).content.decode()
    assert "Assess every option before recommending one: 9 of 9 are not assessed yet" in html


def test_a_recommendation_then_a_decision_on_it(signed_in, ava, sam, plan):
    analysis = analysis_ready_to_recommend(ava, sam)
    response = signed_in.post(
        reverse("planning-recommend", args=[ava.pk, analysis.pk]),
        {
            "option": "kinship",
            "rationale": "Belonging with Grace",
            **date_fields("date", date(2026, 5, 20)),
            **opened(ava),
        },
    )
    assert response.status_code == 302
    html = signed_in.get(reverse("planning-decision-new", args=[ava.pk]) + f"?analysis={analysis.pk}").content.decode()
    assert 'value="kinship" selected' in html and 'value="plan_agreed" checked' in html
    signed_in.post(
        reverse("planning-decision-new", args=[ava.pk]),
        {
            "analysis": analysis.pk,
            "kind": "plan_agreed",
            "forum": "permanence_planning_meeting",
            **date_fields("date", date(2026, 5, 25)),
            "decided_by": "Permanence planning meeting",
            "primary_option": "kinship",
            "rationale": "Agreed as recommended",
            **opened(ava),
        },
    )
    assert Decision.objects.get().analysis == analysis


def test_the_documents_download_as_word_and_pdf(signed_in, ava, sam):
    analysis = analysis_with_two_options(ava, sam)
    word = signed_in.get(reverse("planning-document", args=[ava.pk, analysis.pk, "docx"]))
    assert word["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert 'filename="options-analysis-C1001-2026-05-01.docx"' in word["Content-Disposition"]
    assert word.content[:2] == b"PK"
    pdf = signed_in.get(reverse("planning-document", args=[ava.pk, analysis.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert signed_in.get(reverse("planning-document", args=[ava.pk, analysis.pk, "exe"])).status_code == 404


def test_an_analysis_is_found_only_under_its_own_child(signed_in, ava, ben, sam):
    analysis = analysis_with_two_options(ava, sam)
    assert signed_in.get(reverse("planning-analysis", args=[ben.pk, analysis.pk])).status_code == 404
    assert signed_in.get(reverse("planning-option", args=[ava.pk, analysis.pk, "unicorns"])).status_code == 404
    new_decision = reverse("planning-decision-new", args=[ben.pk])
    assert signed_in.get(f"{new_decision}?analysis={analysis.pk}").status_code == 404
    assert signed_in.get(f"{new_decision}?analysis=abc").status_code == 404


def test_a_social_worker_is_not_offered_the_agency_decision_makers_decisions(signed_in, ava, plan):
    url = reverse("planning-decision-new", args=[ava.pk])
    page = signed_in.get(url).content.decode()
    assert "ADM decision: should be placed for adoption" not in page and 'value="adm"' not in page
    data = {
        "kind": "adm_should_be_placed",
        "forum": "adm",
        **date_fields("date", date(2026, 6, 1)),
        "decided_by": "Head of Service (ADM)",
        "rationale": "Adoption",
    }
    assert signed_in.post(url, data).status_code == 200
    assert not Decision.objects.exists()


def test_the_worker_names_the_grandmother_the_plan_intends_and_the_workspace_shows_her(signed_in, ava, plan):
    gran = Person.objects.create(first_name="Grace", last_name="Example")
    ava.relationships.create(person=gran, relationship="grandparent")
    url = reverse("planning-plan-carer", args=[ava.pk])
    empty = signed_in.post(url, opened(ava)).content.decode()
    assert "Choose either someone in the family network or a carer household" in empty
    assert "Enter the date they were named" in empty
    response = signed_in.post(url, {"person": gran.pk, **date_fields("named_on", date(2026, 6, 1)), **opened(ava)})
    assert response.status_code == 302
    assert "Grace Example (grandparent)" in signed_in.get(reverse("planning-workspace", args=[ava.pk])).content.decode()
