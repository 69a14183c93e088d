"""Every demo child tells one coherent story: no adoption steps without an adoption plan and the
authority to place, no search for a family for a child not looked after, no return to panel for
an adoption plan once a placement order is made, no transition without a matched carer; and
reasons and wishes vary as real ones do. Walked on the 400-child demo and a 5,000-child council."""

from datetime import date

import pytest

from permanence.demo import load_demo
from permanence.demo.story import problems

TODAY = date(2026, 11, 24)


def _told(found):
    return "\n".join(f"child {child}: {text}" for child, text in found[:20])


@pytest.mark.slow
@pytest.mark.django_db
def test_every_child_of_the_400_child_demo_tells_one_story():
    load_demo(children=400, seed=2026, today=TODAY)
    found = problems(today=TODAY)
    assert not found, _told(found)


@pytest.mark.slow
@pytest.mark.django_db
def test_every_child_of_a_5000_child_council_tells_one_story():
    load_demo(children=5000, seed=2026, today=TODAY)
    found = problems(today=TODAY)
    assert not found, _told(found)
