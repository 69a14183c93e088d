"""Reads: the decisions for the planning documents, and the sibling facts in bulk for the engine."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from permanence.children import services as children
from permanence.obligations import selectors as obligations
from permanence.planning import services as planning
from permanence.siblings import selectors, services
from permanence.timescales.obligations import MET, PROMPT
from permanence.tracking import selectors as tracking
from permanence.web.tests.builders import child_in_care

from .conftest import ASSESSMENT, ENTERED

TODAY = date(2026, 4, 1)
CONTACT = {"with_whom": "Ben", "frequency": "Every week", "kind": "direct", "review_date": date(2026, 9, 1)}


def test_children_in_different_homes_are_apart_from_the_day_both_were_placed(apart):
    ava, ben = apart
    facts = selectors.sibling_facts_for([ava.pk, ben.pk])
    assert facts[ava.pk].apart == ((str(ben.pk), ENTERED, None),)
    assert facts[ben.pk].apart == ((str(ava.pk), ENTERED, None),)


def test_children_together_have_no_sibling_facts(together):
    ava, ben = together
    assert selectors.sibling_facts_for([ava.pk, ben.pk]) == {}


def test_a_recorded_sibling_link_counts_as_well_as_a_shared_parent(sam, carers):
    ava = child_in_care("Ava", "Solo", reference="C2001", born=date(2020, 3, 10), entered=ENTERED, carer=carers[0])
    cal = child_in_care("Cal", "Solo", reference="C2002", born=date(2015, 3, 10), entered=ENTERED, carer=carers[1])
    cal_person = children.person_create(first_name="Cal", last_name="Solo", as_child=cal)
    children.relationship_add(child=ava, person=cal_person, relationship="sibling_half")
    facts = selectors.sibling_facts_for([ava.pk, cal.pk])
    assert facts[ava.pk].apart[0][0] == str(cal.pk) and facts[cal.pk].apart[0][0] == str(ava.pk)


def test_the_bulk_read_is_a_fixed_number_of_queries(apart, sam, carers):
    ids = [c.pk for c in apart]
    with CaptureQueriesContext(connection) as few:
        selectors.sibling_facts_for(ids[:1])
    with CaptureQueriesContext(connection) as more:
        selectors.sibling_facts_for(ids)
    assert len(few) == len(more) == 5


def test_the_sibling_assessment_prompt_from_the_record(apart, sam):
    ava, ben = apart
    found = {o.rule: o for o in obligations.obligations_for_child(ava, today=TODAY)}
    # No law sets a time for the sibling assessment or contact plan: suggestions, never overdue.
    assert found["sibling-assessment"].status == PROMPT and found["sibling-assessment"].kind == "prompt"
    assert found["sibling-assessment"].due == date(2026, 2, 2)
    assert found["sibling-contact-plan"].status == PROMPT
    services.sibling_assessment_record(children=[ava, ben], date=date(2026, 2, 20), by=sam, **ASSESSMENT)
    services.sibling_decision_record(
        child=ava,
        decision="apart",
        reasons="Different needs",
        date=date(2026, 3, 1),
        forum="review",
        siblings=[ben],
        contact=CONTACT,
        by=sam,
    )
    found = {o.rule: o for o in obligations.obligations_for_child(ava, today=TODAY)}
    assert found["sibling-assessment"].status == MET and found["sibling-assessment"].met_on == date(2026, 2, 20)
    assert found["sibling-contact-plan"].status == MET
    # Ben is covered by the same assessment, but has no contact plan of his own yet.
    found = {o.rule: o for o in obligations.obligations_for_child(ben, today=TODAY)}
    assert found["sibling-assessment"].status == MET and found["sibling-contact-plan"].status == PROMPT


def test_the_drift_batch_reads_the_sibling_prompts_and_counts_none_as_drift(apart):
    ava, ben = apart
    by_child = obligations.obligations_for_children([ava.pk, ben.pk], today=TODAY)
    assert {o.rule for o in by_child[ava.pk] if o.status == PROMPT} >= {"sibling-assessment", "sibling-contact-plan"}
    drift = tracking.drift([ava.pk, ben.pk], today=TODAY)
    overdue = {o.rule for row in drift.overdue for o in row.obligations}
    assert not overdue & {"sibling-assessment", "sibling-contact-plan"}
    assert {o.rule for row in drift.prompts for o in row.obligations} >= {"sibling-assessment"}


def test_sibling_decisions_newest_first_for_the_planning_documents(together, sam):
    ava, ben = together
    services.sibling_decision_record(
        child=ava, decision="together", reasons="First", date=date(2026, 2, 1), forum="review", by=sam
    )
    services.sibling_decision_record(
        child=ava, decision="together", reasons="Confirmed", date=date(2026, 3, 1), forum="review", by=sam
    )
    assert [d.reasons for d in selectors.sibling_decisions(ava)] == ["Confirmed", "First"]
    assert selectors.sibling_decisions(ben) == []


def test_the_child_page_summary_warns_and_asks_for_an_early_decision_when_the_plan_is_adoption(apart, sam):
    ava, ben = apart
    planning.plan_record(child=ava, primary_option="adoption", recorded=date(2026, 3, 1), by=sam)
    summary = selectors.sibling_summary(ava, today=TODAY)
    assert summary.apart_from == [ben]
    messages = " ".join(message for message, _ in summary.warnings)
    assert "no sibling assessment" in messages and "no current sibling contact plan" in messages
    assert "The plan for Ava is adoption: decide now" in messages
