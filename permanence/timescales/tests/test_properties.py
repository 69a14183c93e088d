"""Properties that hold for any case: checked with generated cases."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from permanence.timescales import compute_obligations, load_pack
from permanence.timescales.obligations import MET, OVERDUE

from .helpers import PlanFacts, case, episode

days = st.integers(min_value=0, max_value=3 * 365)
START = date(2023, 1, 2)


@st.composite
def cases(draw):
    entered = START + timedelta(days=draw(days))
    review_gaps = draw(st.lists(st.integers(min_value=10, max_value=250), max_size=5))
    reviews, day = [], entered
    for gap in review_gaps:
        day += timedelta(days=gap)
        reviews.append(day.isoformat())
    visit_gaps = draw(st.lists(st.integers(min_value=5, max_value=120), max_size=8))
    visits, day = [], entered
    for gap in visit_gaps:
        day += timedelta(days=gap)
        visits.append(day.isoformat())
    return case(dob="2015-06-15", episodes=[episode(entered.isoformat())], reviews=reviews, visits=visits)


PACK = load_pack("camden")


@settings(max_examples=150, deadline=None)
@given(cases(), st.integers(min_value=0, max_value=4 * 365))
def test_no_due_date_comes_before_the_child_entered_care(snapshot, offset):
    today = START + timedelta(days=offset)
    entered = snapshot.episodes[0].start
    for o in compute_obligations(snapshot, PACK, today):
        assert o.due is None or o.due > entered, o


@settings(max_examples=150, deadline=None)
@given(cases(), st.integers(min_value=0, max_value=4 * 365))
def test_the_same_case_and_date_always_give_the_same_obligations(snapshot, offset):
    today = START + timedelta(days=offset)
    assert compute_obligations(snapshot, PACK, today) == compute_obligations(snapshot, PACK, today)


@settings(max_examples=150, deadline=None)
@given(cases(), st.integers(min_value=0, max_value=4 * 365))
def test_holding_the_overdue_review_turns_it_into_met(snapshot, offset):
    today = START + timedelta(days=offset)
    overdue = [o for o in compute_obligations(snapshot, PACK, today) if o.rule == "cla-review" and o.status == OVERDUE]
    if not overdue:
        return
    past = tuple(r for r in snapshot.reviews if r < today)
    snapshot = snapshot.__class__(**{**_fields(snapshot), "reviews": past})
    overdue = [o for o in compute_obligations(snapshot, PACK, today) if o.rule == "cla-review" and o.status == OVERDUE]
    if not overdue:
        return
    held = snapshot.__class__(**{**_fields(snapshot), "reviews": (*past, today)})
    after = {o.occurrence: o for o in compute_obligations(held, PACK, today) if o.rule == "cla-review"}
    assert after[overdue[0].occurrence].status == MET


@settings(max_examples=100, deadline=None)
@given(cases(), st.integers(min_value=200, max_value=4 * 365))
def test_recording_the_missing_plan_turns_the_overdue_plan_into_met(snapshot, offset):
    today = START + timedelta(days=offset)
    found = [
        o for o in compute_obligations(snapshot, PACK, today) if o.rule == "permanence-plan" and o.status == OVERDUE
    ]
    if not found:
        return
    planned = snapshot.__class__(**{**_fields(snapshot), "plan": PlanFacts(today, "long_term_fostering")})
    after = [o for o in compute_obligations(planned, PACK, today) if o.rule == "permanence-plan"]
    assert after[0].status == MET


def _fields(snapshot):
    return {name: getattr(snapshot, name) for name in snapshot.__dataclass_fields__}
