"""The demo council's case record holds nothing the product would refuse, checked by the same
rules as the pages, the API and the 903 import; its dated facts look like a real council's:
most on time, some late, a few missing."""

from collections import defaultdict
from datetime import date, timedelta

import pytest

from permanence.children import rules
from permanence.children.models import (
    Child,
    Episode,
    HealthAssessment,
    LongTermFosterConfirmation,
    StatutoryPlan,
    TemporaryApproval,
)
from permanence.demo import load_demo
from permanence.timescales.dates import age_on

TODAY = date(2026, 3, 2)
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo():
    return load_demo(children=150, seed=4, today=TODAY)


def test_every_childs_episodes_are_coherent_by_the_records_own_rules(demo):
    runs = defaultdict(list)
    for episode in Episode.objects.order_by("child_id", "start").values():
        runs[episode["child_id"]].append(episode)
    births = dict(Child.objects.values_list("id", "date_of_birth"))
    problems = {
        child: found
        for child, run in runs.items()
        if (found := rules.episodes_problems(run, date_of_birth=births[child], today=TODAY))
    }
    assert len(runs) > 100 and problems == {}


def test_initial_health_assessments_are_mostly_on_time_and_some_late(demo):
    firsts = {}
    for episode in Episode.objects.filter(reason_new="S").order_by("start").values("child_id", "start"):
        firsts.setdefault(episode["child_id"], episode["start"])
    done = dict(
        HealthAssessment.objects.filter(kind=HealthAssessment.INITIAL).order_by("date").values_list("child_id", "date")
    )
    timely = [child for child, day in done.items() if day <= firsts[child] + timedelta(days=28)]
    late = [child for child, day in done.items() if day > firsts[child] + timedelta(days=28)]
    assert len(timely) > 3 * len(late) > 0


def test_connected_persons_are_on_temporary_approval_and_long_term_placements_confirmed(demo):
    approvals = list(TemporaryApproval.objects.select_related("carer"))
    assert approvals and all(a.carer.kind == "connected_person" for a in approvals)
    assert all(not rules.temporary_approval_problems(vars(a), today=TODAY) for a in approvals)
    confirmations = list(LongTermFosterConfirmation.objects.all())
    assert confirmations and all(c.confirmed_on <= TODAY for c in confirmations)


def test_young_people_turning_sixteen_in_care_have_a_needs_assessment_then_a_pathway_plan(demo):
    assessed = set(StatutoryPlan.objects.filter(kind=StatutoryPlan.NEEDS_ASSESSMENT).values_list("child_id", flat=True))
    planned = set(StatutoryPlan.objects.filter(kind=StatutoryPlan.PATHWAY_PLAN).values_list("child_id", flat=True))
    assert planned and planned <= assessed
    for plan in StatutoryPlan.objects.filter(kind__in=(StatutoryPlan.NEEDS_ASSESSMENT, StatutoryPlan.PATHWAY_PLAN)):
        dob = plan.child.date_of_birth
        assert age_on(dob, plan.date) >= 16


def test_the_demo_councils_overdue_work_is_this_seasons_not_years_old(demo):
    # A real team's week: a few duties outstanding for weeks or months, none missing for years
    # (work that fell due long ago was done, late), and no practice prompt ever overdue.
    from permanence.obligations.selectors import obligations_for_children

    found = obligations_for_children(list(Child.objects.values_list("pk", flat=True)), today=TODAY)
    overdue = [o for every in found.values() for o in every if o.status == "overdue"]
    assert overdue and all(o.kind in ("duty", "local_rule") for o in overdue)
    assert max((TODAY - o.due).days for o in overdue) < 365, sorted((TODAY - o.due).days for o in overdue)[-5:]
    children = sum(1 for every in found.values() if any(o.status == "overdue" for o in every))
    assert children < 0.4 * len(found)
