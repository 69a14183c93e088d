"""Feature apps add their facts to each child's snapshot through registered providers."""

from datetime import date

import pytest

from permanence.children import services
from permanence.obligations import providers
from permanence.obligations.snapshots import raw_queries, snapshots_for
from permanence.timescales.snapshot import Dated, PlanFacts


@pytest.fixture
def ava(db):
    return services.child_create(
        first_name="Ava", last_name="Example", date_of_birth=date(2020, 3, 10), council_reference="A1"
    )


@pytest.fixture
def only(monkeypatch):
    """Replace the registered providers with the ones a test names."""

    def use(**facts_by_name):
        monkeypatch.setattr(providers, "_PROVIDERS", {})
        for name, facts in facts_by_name.items():
            providers.register_fact_provider(name, facts_for=facts, raw_queries=lambda ids: [])

    return use


def test_every_feature_app_registers_its_facts():
    assert [p.name for p in providers.fact_providers()] == ["planning", "siblings", "meetings", "support"]


def test_decisions_from_several_apps_arrive_in_date_order(ava, only):
    only(
        planning=lambda ids: {ava.pk: {"decisions": (Dated("plan_agreed", date(2026, 5, 1)),)}},
        meetings=lambda ids: {ava.pk: {"decisions": (Dated("adm_decided", date(2026, 3, 1)),)}},
    )
    snapshot = snapshots_for([ava.pk])[ava.pk]
    assert [d.kind for d in snapshot.decisions] == ["adm_decided", "plan_agreed"]


def test_a_fact_only_one_app_may_give_is_refused_when_two_give_it(ava, only):
    plan = PlanFacts(date(2026, 5, 1), "adoption", None)
    only(planning=lambda ids: {ava.pk: {"plan": plan}}, other=lambda ids: {ava.pk: {"plan": plan}})
    with pytest.raises(ValueError, match="two fact providers give 'plan'; the second is 'other'"):
        snapshots_for([ava.pk])


def test_a_child_no_app_knows_about_gets_the_record_alone(ava, only):
    only(planning=lambda ids: {})
    snapshot = snapshots_for([ava.pk])[ava.pk]
    assert snapshot.plan is None and snapshot.decisions == () and snapshot.child.dob == date(2020, 3, 10)


def test_the_benchmark_reads_the_rows_of_the_record_and_of_every_provider(ava):
    # seven case-record queries, six for the dated facts of care, seven for planning, five for siblings, four for meetings, one for support
    assert len(raw_queries([ava.pk])) == 7 + 6 + 7 + 5 + 4 + 1
