"""A case system records a child's permanence plan, moves it through its stages, records the
decisions that make it, and compares the options before one is recommended, over the API.

The council (permanence/access/tests/conftest.py): Mina ("mine") is Sam's, with a plan of adoption
(parallel long-term fostering) recorded on 5 January 2026 and on a panel agenda; Otto ("other") is
Omar's, in another team; Hana ("hidden") is a restricted record.
"""

from datetime import date, timedelta

import pytest

from permanence.access import matrix
from permanence.audit.models import AuditEvent
from permanence.planning import services
from permanence.planning.models import Decision, OptionAssessment, OptionsAnalysis, PermanencePlan, PlanStageChange
from permanence.planning.options import OPTIONS

CHANGE_TO_KINSHIP = {
    "primary_option": "kinship",
    "parallel_option": "adoption",
    "forum": "review",
    "recorded": "2026-03-02",
    "rationale": "Grace, Mina's grandmother, has a positive special guardianship assessment.",
}
DECISION = {
    "kind": "plan_agreed",
    "forum": "permanence_panel",
    "date": "2026-03-01",
    "decided_by": "Permanence panel chaired by Ada Decider",
    "rationale": "Adoption offers Mina a family for life.",
    "evidence": "Parenting assessment, February 2026.",
}
KINSHIP = {
    "option": "kinship",
    "realistic": True,
    "strengths": "Grace has cared for Mina at weekends since birth.",
    "risks": "Grace is 68; her health needs watching.",
    "legal_order": "Special guardianship order",
    "answers": {"belonging": "Mina already belongs in Grace's home."},
    "checklist": ["cao_sgo_attachment"],
}
FOSTERING = {
    "option": "long_term_fostering",
    "realistic": True,
    "strengths": "Pat and Chris have cared for Mina a year.",
    "risks": "Mina stays looked after.",
    "checklist": ["ltf_oversight"],
    "prompts_adopted": ["ltf_adv_support", "ltf_dis_stigma"],
}
# Every option but kinship and long-term fostering, assessed as not realistic, with why.
NOT_REALISTIC = [
    {"option": key, "realistic": False, "not_realistic_reason": f"{name} is not realistic for Mina."}
    for key, name in OPTIONS
    if key not in ("kinship", "long_term_fostering")
]
RECOMMENDATION = {
    "option": "kinship",
    "rationale": "Grace offers Mina belonging and her identity.",
    "date": "2026-05-20",
}


def _sam(council):
    return council["people"][matrix.SOCIAL_WORKER]


def _the_record(child):
    """Everything planning holds for a child, to show a refused request changed none of it."""
    plans = PermanencePlan.objects.filter(child=child)
    analyses = OptionsAnalysis.objects.filter(child=child)
    return (
        list(plans.order_by("pk").values_list("pk", "primary_option", "stage", "superseded_on")),
        list(PlanStageChange.objects.filter(plan__child=child).values_list("pk", flat=True)),
        list(Decision.objects.filter(child=child).values_list("pk", flat=True)),
        list(analyses.order_by("pk").values_list("pk", "status", "recommended_option")),
        list(OptionAssessment.objects.filter(analysis__child=child).values_list("pk", "option", "risks")),
    )


# --- plans -----------------------------------------------------------------------------------


def test_a_change_of_plan_is_recorded_and_read_back_current_first_with_the_old_plan_kept(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    response = api.post(f"/children/{mine.pk}/plans", CHANGE_TO_KINSHIP)
    assert response.status_code == 201, response.json()
    created = response.json()
    assert (created["primary_option"], created["parallel_option"], created["current"], created["recorded_by"]) == (
        "kinship",
        "adoption",
        True,
        "Sam Social-Worker",
    )
    assert created["rationale"] == CHANGE_TO_KINSHIP["rationale"]

    plans = api.get(f"/children/{mine.pk}/plans").json()
    assert [(p["primary_option"], p["current"], p["superseded_on"]) for p in plans] == [
        ("kinship", True, None),
        ("adoption", False, "2026-03-02"),
    ]
    # Agreed at the looked-after review, so it starts there (as a plan recorded by a decision does).
    assert plans[0]["stage_history"] == [
        {"date": "2026-03-02", "stage": "agreed_at_review", "moved_from": None, "by": "Sam Social-Worker", "note": ""}
    ]


def test_a_change_of_direction_without_a_reason_is_refused_and_nothing_is_saved(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    before = _the_record(mine)
    response = api.post(f"/children/{mine.pk}/plans", {**CHANGE_TO_KINSHIP, "rationale": "  "})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid" and list(error["fields"]) == ["rationale"]
    assert "needs a reason" in error["fields"]["rationale"][0]
    assert _the_record(mine) == before


def test_the_same_plan_recorded_again_needs_no_reason(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    response = api.post(
        f"/children/{mine.pk}/plans", {"primary_option": "adoption", "concurrent": True, "recorded": "2026-02-10"}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["concurrent"] is True and response.json()["parallel_option"] == ""


def test_a_plan_with_bad_input_names_each_field_and_saves_nothing(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    before = _the_record(mine)
    response = api.post(
        f"/children/{mine.pk}/plans",
        {"primary_option": "foster_forever", "recorded": "2026-02-30", "forum": "pub", "rationale": "why\x00"},
    )
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"primary_option", "recorded", "forum", "rationale"}
    same_twice = api.post(
        f"/children/{mine.pk}/plans",
        {"primary_option": "adoption", "parallel_option": "adoption", "recorded": "2026-02-10"},
    )
    assert same_twice.status_code == 422 and list(same_twice.json()["error"]["fields"]) == ["parallel_option"]
    backdated = api.post(f"/children/{mine.pk}/plans", {**CHANGE_TO_KINSHIP, "recorded": "2025-12-01"})
    assert backdated.json()["error"]["fields"] == {
        "recorded": ["A new plan cannot be recorded before the current plan."]
    }
    assert _the_record(mine) == before


def test_the_plan_moves_stage_by_stage_and_each_move_is_kept_with_its_date(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    plan = services.current_plan(mine)
    agreed = api.post(f"/plans/{plan.pk}/stage", {"to_stage": "agreed_at_review", "date": "2026-02-01"})
    assert agreed.status_code == 200, agreed.json()
    assert agreed.json()["stage"] == "agreed_at_review"
    endorsed = api.post(
        f"/plans/{plan.pk}/stage",
        {"to_stage": "endorsed", "date": "2026-03-01", "note": "Agency decision maker agreed adoption."},
    )
    assert endorsed.status_code == 200, endorsed.json()

    history = api.get(f"/children/{mine.pk}/plans").json()[0]["stage_history"]
    assert [(e["date"], e["moved_from"], e["stage"], e["by"]) for e in history] == [
        ("2026-01-05", None, "exploring", "Sam Social-Worker"),
        ("2026-02-01", "exploring", "agreed_at_review", "Sam Social-Worker"),
        ("2026-03-01", "agreed_at_review", "endorsed", "Sam Social-Worker"),
    ]
    assert history[-1]["note"] == "Agency decision maker agreed adoption."


def test_a_move_the_plan_cannot_make_is_refused_naming_the_field_and_the_plan_stays_where_it_was(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    plan = services.current_plan(mine)
    assert (
        api.post(f"/plans/{plan.pk}/stage", {"to_stage": "agreed_at_review", "date": "2026-02-01"}).status_code == 200
    )
    before = _the_record(mine)

    leap = api.post(f"/plans/{plan.pk}/stage", {"to_stage": "achieved", "date": "2026-03-01"})
    assert leap.status_code == 422 and "cannot move from" in leap.json()["error"]["fields"]["to_stage"][0]
    back_without_reason = api.post(f"/plans/{plan.pk}/stage", {"to_stage": "exploring", "date": "2026-03-01"})
    assert list(back_without_reason.json()["error"]["fields"]) == ["note"]
    before_last_move = api.post(f"/plans/{plan.pk}/stage", {"to_stage": "endorsed", "date": "2026-01-20"})
    assert "on or after the last move" in before_last_move.json()["error"]["fields"]["date"][0]
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    in_the_future = api.post(f"/plans/{plan.pk}/stage", {"to_stage": "endorsed", "date": tomorrow})
    assert "today or in the past" in in_the_future.json()["error"]["fields"]["date"][0]
    not_a_stage = api.post(f"/plans/{plan.pk}/stage", {"to_stage": "somewhere", "date": "2026-03-01"})
    assert list(not_a_stage.json()["error"]["fields"]) == ["to_stage"]
    assert _the_record(mine) == before


def test_a_plan_that_has_been_replaced_cannot_be_moved(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    old = services.current_plan(mine)
    assert api.post(f"/children/{mine.pk}/plans", CHANGE_TO_KINSHIP).status_code == 201
    refused = api.post(f"/plans/{old.pk}/stage", {"to_stage": "agreed_at_review", "date": "2026-03-03"})
    assert refused.status_code == 422 and "has been replaced" in refused.json()["error"]["fields"]["to_stage"][0]
    assert api.post("/plans/999999/stage", {"to_stage": "agreed_at_review", "date": "2026-03-03"}).status_code == 404


# --- decisions -------------------------------------------------------------------------------


def test_a_decision_is_recorded_and_listed_with_who_decided_and_why(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    response = api.post(f"/children/{mine.pk}/decisions", DECISION)
    assert response.status_code == 201, response.json()
    decisions = api.get(f"/children/{mine.pk}/decisions").json()
    assert decisions == [
        {
            "id": response.json()["id"],
            "kind": "plan_agreed",
            "forum": "permanence_panel",
            "date": "2026-03-01",
            "decided_by": DECISION["decided_by"],
            "rationale": DECISION["rationale"],
            "evidence": DECISION["evidence"],
            "analysis_id": None,
            "recorded_by": "Sam Social-Worker",
        }
    ]


def test_a_review_changing_the_plan_records_the_new_plan_agreed_at_review(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    response = api.post(
        f"/children/{mine.pk}/decisions",
        {
            **DECISION,
            "kind": "plan_changed",
            "forum": "review",
            "primary_option": "kinship",
            "parallel_option": "adoption",
            "rationale": "Grace's special guardianship assessment is positive.",
        },
    )
    assert response.status_code == 201, response.json()
    current = api.get(f"/children/{mine.pk}/plans").json()[0]
    assert (current["primary_option"], current["parallel_option"], current["stage"], current["recorded"]) == (
        "kinship",
        "adoption",
        "agreed_at_review",
        "2026-03-01",
    )
    assert current["rationale"] == "Grace's special guardianship assessment is positive."


def test_a_decision_with_bad_input_names_each_field_and_saves_nothing(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    before = _the_record(mine)
    response = api.post(
        f"/children/{mine.pk}/decisions", {**DECISION, "kind": "vibes", "date": "2026-02-30", "decided_by": ""}
    )
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"kind", "date", "decided_by"}
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    future = api.post(f"/children/{mine.pk}/decisions", {**DECISION, "date": tomorrow})
    assert future.json()["error"]["fields"] == {"date": ["The date of the decision must be today or in the past"]}
    wrong_kind = api.post(
        f"/children/{mine.pk}/decisions", {**DECISION, "kind": "s20_reviewed", "primary_option": "kinship"}
    )
    assert list(wrong_kind.json()["error"]["fields"]) == ["primary_option"]
    no_analysis = api.post(f"/children/{mine.pk}/decisions", {**DECISION, "analysis": 999999})
    assert no_analysis.status_code == 422 and list(no_analysis.json()["error"]["fields"]) == ["analysis"]
    assert _the_record(mine) == before


def test_a_plan_decision_dated_before_the_current_plan_names_the_date_and_records_neither(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    before = _the_record(mine)
    response = api.post(
        f"/children/{mine.pk}/decisions",
        {**DECISION, "kind": "plan_changed", "date": "2025-12-01", "primary_option": "kinship"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"date": ["A new plan cannot be recorded before the current plan."]}
    assert _the_record(mine) == before


def test_a_decision_cannot_rest_on_another_childs_options_analysis(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    others = services.analysis_start(child=council["other"], date=date(2026, 4, 1), by=council["omar"])
    before = _the_record(mine)
    response = api.post(f"/children/{mine.pk}/decisions", {**DECISION, "analysis": others.pk})
    assert response.json()["error"]["fields"] == {"analysis": ["That options analysis is about another child."]}
    assert _the_record(mine) == before


# --- options analyses ------------------------------------------------------------------------


def test_an_options_analysis_compares_two_options_recommends_one_and_is_read_back_complete(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    started = api.post(f"/children/{mine.pk}/options-analyses", {"date": "2026-05-01"})
    assert started.status_code == 201, started.json()
    assert (started.json()["status"], started.json()["author"], started.json()["assessments"]) == (
        "draft",
        "Sam Social-Worker",
        [],
    )
    analysis_id = started.json()["id"]

    kinship = api.post(f"/options-analyses/{analysis_id}/options", KINSHIP)
    assert kinship.status_code == 201, kinship.json()
    assert kinship.json()["answers"] == KINSHIP["answers"] and kinship.json()["checklist"] == ["cao_sgo_attachment"]
    assert api.post(f"/options-analyses/{analysis_id}/options", FOSTERING).status_code == 201
    early = api.post(f"/options-analyses/{analysis_id}/recommendation", RECOMMENDATION)
    assert early.status_code == 422 and "7 of 9 are not assessed yet" in early.json()["error"]["fields"]["option"][0]
    for option in NOT_REALISTIC:
        assert api.post(f"/options-analyses/{analysis_id}/options", option).status_code == 201
    changed = api.post(f"/options-analyses/{analysis_id}/options", {**KINSHIP, "risks": "Grace's health: GP letter."})
    assert changed.status_code == 200 and changed.json()["id"] == kinship.json()["id"]

    recommended = api.post(f"/options-analyses/{analysis_id}/recommendation", RECOMMENDATION)
    assert recommended.status_code == 200, recommended.json()

    [analysis] = api.get(f"/children/{mine.pk}/options-analyses").json()
    assert (analysis["status"], analysis["recommended_option"], analysis["recommended_on"]) == (
        "complete",
        "kinship",
        "2026-05-20",
    )
    assert analysis["recommendation_rationale"] == RECOMMENDATION["rationale"]
    assert [(a["option"], a["realistic"], a["risks"]) for a in analysis["assessments"][:2]] == [
        ("kinship", True, "Grace's health: GP letter."),
        ("long_term_fostering", True, "Mina stays looked after."),
    ]
    assert len(analysis["assessments"]) == 9
    assert analysis["assessments"][1]["prompts_adopted"] == ["ltf_adv_support", "ltf_dis_stigma"]

    decision = api.post(
        f"/children/{mine.pk}/decisions",
        {
            **DECISION,
            "kind": "plan_changed",
            "forum": "review",
            "date": "2026-05-21",
            "primary_option": "kinship",
            "analysis": analysis_id,
        },
    )
    assert decision.status_code == 201 and decision.json()["analysis_id"] == analysis_id


def test_a_complete_analysis_is_kept_as_it_stands(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    analysis_id = api.post(f"/children/{mine.pk}/options-analyses", {"date": "2026-05-01"}).json()["id"]
    api.post(f"/options-analyses/{analysis_id}/options", KINSHIP)
    api.post(f"/options-analyses/{analysis_id}/options", FOSTERING)
    for option in NOT_REALISTIC:
        api.post(f"/options-analyses/{analysis_id}/options", option)
    assert api.post(f"/options-analyses/{analysis_id}/recommendation", RECOMMENDATION).status_code == 200
    before = _the_record(mine)
    again = api.post(f"/options-analyses/{analysis_id}/options", {**KINSHIP, "risks": "Changed afterwards"})
    assert again.status_code == 422 and "complete and cannot be changed" in again.json()["error"]["fields"]["record"][0]
    second = api.post(
        f"/options-analyses/{analysis_id}/recommendation", {**RECOMMENDATION, "option": "long_term_fostering"}
    )
    assert second.status_code == 422
    assert _the_record(mine) == before


def test_a_realistic_option_without_its_risks_is_refused_naming_the_field_and_nothing_is_saved(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    analysis_id = api.post(f"/children/{mine.pk}/options-analyses", {"date": "2026-05-01"}).json()["id"]
    before = _the_record(mine)
    no_risks = api.post(f"/options-analyses/{analysis_id}/options", {**KINSHIP, "risks": ""})
    assert no_risks.status_code == 422
    assert no_risks.json()["error"]["fields"] == {"risks": ["Enter the risks of this option for the child"]}
    not_realistic = api.post(f"/options-analyses/{analysis_id}/options", {"option": "return_home", "realistic": False})
    assert list(not_realistic.json()["error"]["fields"]) == ["not_realistic_reason"]
    wrong_statement = api.post(f"/options-analyses/{analysis_id}/options", {**KINSHIP, "checklist": ["adoption_wish"]})
    assert "do not apply to" in wrong_statement.json()["error"]["fields"]["checklist"][0]
    unknown = api.post(
        f"/options-analyses/{analysis_id}/options",
        {**KINSHIP, "option": "boarding_school", "answers": {"horoscope": "Leo"}, "prompts_adopted": ["made_up"]},
    )
    assert unknown.status_code == 422
    assert {field.split(".")[0] for field in unknown.json()["error"]["fields"]} == {
        "option",
        "answers",
        "prompts_adopted",
    }
    assert _the_record(mine) == before


def test_a_recommendation_needs_two_realistic_options_and_a_reason(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    analysis_id = api.post(f"/children/{mine.pk}/options-analyses", {"date": "2026-05-01"}).json()["id"]
    api.post(f"/options-analyses/{analysis_id}/options", KINSHIP)
    for option in NOT_REALISTIC:
        api.post(f"/options-analyses/{analysis_id}/options", option)
    api.post(
        f"/options-analyses/{analysis_id}/options",
        {"option": "long_term_fostering", "realistic": False, "not_realistic_reason": "No carers for Mina."},
    )
    before = _the_record(mine)
    refused = api.post(f"/options-analyses/{analysis_id}/recommendation", {**RECOMMENDATION, "rationale": ""})
    assert refused.status_code == 422
    fields = refused.json()["error"]["fields"]
    assert set(fields) == {"option", "rationale"} and "at least 2 realistic options" in fields["option"][0]
    before_the_analysis = api.post(
        f"/options-analyses/{analysis_id}/recommendation", {**RECOMMENDATION, "date": "2026-04-01"}
    )
    assert "on or after the date of the analysis" in before_the_analysis.json()["error"]["fields"]["date"][0]
    assert _the_record(mine) == before
    assert OptionsAnalysis.objects.get(pk=analysis_id).status == "draft"


def test_an_analysis_cannot_be_started_in_the_future(council, api_as):
    api, mine = api_as(_sam(council)), council["mine"]
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    refused = api.post(f"/children/{mine.pk}/options-analyses", {"date": tomorrow})
    assert refused.status_code == 422 and list(refused.json()["error"]["fields"]) == ["date"]
    assert api.post(f"/children/{mine.pk}/options-analyses", {"date": "1899-12-31"}).status_code == 422
    assert not OptionsAnalysis.objects.filter(child=mine).exists()


# --- access ----------------------------------------------------------------------------------

READS = {
    "plans": lambda ids: f"/children/{ids['child']}/plans",
    "decisions": lambda ids: f"/children/{ids['child']}/decisions",
    "options analyses": lambda ids: f"/children/{ids['child']}/options-analyses",
}
WRITES = {
    "move the plan": lambda ids: (
        f"/plans/{ids['plan']}/stage",
        {"to_stage": "agreed_at_review", "date": "2026-02-01"},
    ),
    "record a plan": lambda ids: (f"/children/{ids['child']}/plans", CHANGE_TO_KINSHIP),
    "record a decision": lambda ids: (f"/children/{ids['child']}/decisions", DECISION),
    "start an analysis": lambda ids: (f"/children/{ids['child']}/options-analyses", {"date": "2026-05-01"}),
    "assess an option": lambda ids: (f"/options-analyses/{ids['analysis']}/options", KINSHIP),
    "recommend": lambda ids: (f"/options-analyses/{ids['analysis']}/recommendation", RECOMMENDATION),
}


def _planning_for(child, by):
    """The child's current plan and a draft analysis with two realistic options and every other
    option assessed as not realistic: ready to recommend."""
    plan = services.current_plan(child) or services.plan_record(
        child=child, primary_option="long_term_fostering", recorded=date(2026, 1, 10), by=by
    )
    analysis = services.analysis_start(child=child, date=date(2026, 5, 1), by=by)
    services.option_assess(analysis=analysis, **KINSHIP)
    services.option_assess(analysis=analysis, **FOSTERING)
    for option in NOT_REALISTIC:
        services.option_assess(analysis=analysis, **option)
    return {"child": child.pk, "plan": plan.pk, "analysis": analysis.pk}


@pytest.fixture
def otto(council):
    return _planning_for(council["other"], council["omar"])


@pytest.fixture
def mina(council):
    return _planning_for(council["mine"], _sam(council))


@pytest.mark.parametrize("read", READS)
def test_a_social_worker_cannot_read_the_planning_of_a_child_outside_their_case_access(council, api_as, otto, read):
    response = api_as(_sam(council)).get(READS[read](otto))
    assert response.status_code == 403 and response.json()["error"]["code"] == "not_in_case_access"


@pytest.mark.parametrize("write", WRITES)
def test_a_social_worker_cannot_change_the_planning_of_a_child_outside_their_case_access(council, api_as, otto, write):
    before = _the_record(council["other"])
    response = api_as(_sam(council)).post(*WRITES[write](otto))
    assert response.status_code == 403 and response.json()["error"]["code"] == "not_in_case_access"
    assert _the_record(council["other"]) == before


def test_a_restricted_childs_planning_stays_hidden(council, api_as):
    api, hidden = api_as(_sam(council)), council["hidden"]
    ids = {"child": hidden.pk}
    for read in READS.values():
        response = api.get(read(ids))
        assert response.status_code == 403 and response.json()["error"]["code"] == "restricted"
    refused = api.post(f"/children/{hidden.pk}/plans", CHANGE_TO_KINSHIP)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "restricted"
    assert not PermanencePlan.objects.filter(child=hidden).exists()


def test_a_panel_member_reads_the_planning_of_a_child_on_their_panel(council, api_as, mina):
    api = api_as(council["people"][matrix.PANEL_MEMBER])
    for read in READS.values():
        assert api.get(read(mina)).status_code == 200
    assert api.get(f"/children/{council['mine'].pk}/options-analyses").json()[0]["assessments"]


@pytest.mark.parametrize("write", WRITES)
def test_a_panel_member_cannot_record_planning(council, api_as, mina, write):
    before = _the_record(council["mine"])
    response = api_as(council["people"][matrix.PANEL_MEMBER]).post(*WRITES[write](mina))
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert _the_record(council["mine"]) == before


@pytest.mark.parametrize("role", [matrix.PERFORMANCE_ANALYST, matrix.ADMINISTRATOR])
def test_roles_without_child_records_get_no_planning_at_all(council, api_as, mina, role):
    api = api_as(council["people"][role])
    before = _the_record(council["mine"])
    for read in READS.values():
        assert api.get(read(mina)).status_code == 403
    for write in WRITES.values():
        assert api.post(*write(mina)).status_code == 403
    assert _the_record(council["mine"]) == before


def test_a_read_only_token_reads_the_planning_but_cannot_change_it(council, api_as, mina):
    api = api_as(_sam(council), read_only=True)
    before = _the_record(council["mine"])
    for read in READS.values():
        assert api.get(read(mina)).status_code == 200
    for write in WRITES.values():
        response = api.post(*write(mina))
        assert response.status_code == 403 and response.json()["error"]["code"] == "read_only_token"
    assert _the_record(council["mine"]) == before


def test_the_social_workers_own_token_can_do_each_of_these_on_their_own_child(council, api_as, mina):
    """The access tests above refuse requests that would otherwise succeed."""
    api = api_as(_sam(council))
    for name, write in WRITES.items():
        response = api.post(*write(mina))
        assert response.status_code in (200, 201), (name, response.json())


def test_reading_the_planning_is_in_the_audit_trail_under_the_tokens_owner(council, api_as):
    sam, mine = _sam(council), council["mine"]
    api = api_as(sam)
    for read in READS.values():
        api.get(read({"child": mine.pk}))
    views = AuditEvent.objects.filter(action="view", child_id=mine.pk, username=sam.username)
    assert views.count() == len(READS) and all("API token" in v.user_agent for v in views)


def test_planning_for_a_child_plan_or_analysis_that_does_not_exist_is_not_found(council, api_as):
    api = api_as(council["people"][matrix.SERVICE_MANAGER])
    assert api.get("/children/999999/plans").status_code == 404
    assert api.post("/children/999999/decisions", DECISION).status_code == 404
    assert api.post("/plans/999999/stage", {"to_stage": "agreed_at_review", "date": "2026-02-01"}).status_code == 404
    assert api.post("/options-analyses/999999/options", KINSHIP).status_code == 404
    missing = api.post("/options-analyses/999999/recommendation", RECOMMENDATION)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
