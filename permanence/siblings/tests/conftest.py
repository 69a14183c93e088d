"""Ava (6) and Ben (9) Example share a mother, Mia, and are both looked after since 5 January 2026:
Ava with Pat and Chris Carer, Ben with the Hill family. Sam Social-Worker holds both cases."""

from datetime import date

import pytest

from permanence.accounts import roles
from permanence.accounts.models import Team
from permanence.children import services
from permanence.children.models import Carer
from permanence.web.tests.builders import child_in_care, person

ENTERED = date(2026, 1, 5)


@pytest.fixture
def sam(db):
    team = Team.objects.create(name="Children in Care 1")
    return person("sam", "Sam", "Social-Worker", roles.SOCIAL_WORKER, team, password="demo-permanence-2026")


@pytest.fixture
def carers(db):
    return (Carer.objects.create(name="Pat and Chris Carer", kind="foster_carer", reference="F-1"),
            Carer.objects.create(name="The Hill family", kind="foster_carer", reference="F-2"))


def _siblings(sam, carers, same_home=False):
    ava = child_in_care("Ava", "Example", reference="C1001", born=date(2020, 3, 10), entered=ENTERED, social_worker=sam,
                        carer=carers[0])
    ben = child_in_care("Ben", "Example", reference="C1002", born=date(2017, 1, 20), entered=ENTERED, social_worker=sam,
                        carer=carers[0] if same_home else carers[1])
    mum = services.person_create(first_name="Mia", last_name="Example")
    for child in (ava, ben):
        services.relationship_add(child=child, person=mum, relationship="mother", parental_responsibility=True)
    return ava, ben


@pytest.fixture
def apart(sam, carers):
    """Ava and Ben, placed apart since 5 January 2026."""
    return _siblings(sam, carers)


@pytest.fixture
def together(sam, carers):
    """Ava and Ben, placed together with Pat and Chris since 5 January 2026."""
    return _siblings(sam, carers, same_home=True)


ASSESSMENT = dict(
    relationship_quality="Warm; Ben looks out for Ava.", attachment="Strong mutual attachment.",
    needs="Ava needs a carer experienced with trauma; Ben has asthma.", views="Both want to see each other.",
    history="Lived together at home until January 2026.", practicalities="No carer can take both yet.",
    recommendation="apart", recommendation_reasons="Ben's needs are better met apart for now, with weekly contact.",
)
