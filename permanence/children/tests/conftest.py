"""Named people and a child in care, built through the services, for the case record tests."""

from datetime import date

import pytest

from permanence.accounts.models import Team, User
from permanence.accounts import roles
from permanence.children import services


@pytest.fixture
def team(db):
    return Team.objects.create(name="Children in Care 1", service="Children looked after")


@pytest.fixture
def sam(team):
    """Sam, a social worker in Children in Care 1."""
    return User.objects.create_user("sam", first_name="Sam", last_name="Social-Worker", role=roles.SOCIAL_WORKER, team=team)


@pytest.fixture
def irene(db):
    """Irene, an Independent Reviewing Officer."""
    return User.objects.create_user("irene", first_name="Irene", last_name="Reviewer", role=roles.IRO)


@pytest.fixture
def ava(db):
    """Ava, born 10 March 2020."""
    return services.child_create(
        first_name="Ava", last_name="Example", date_of_birth=date(2020, 3, 10), sex="2", council_reference="C1001"
    )


EPISODE = dict(reason_new="S", legal_status="C1", category_of_need="N1", placement="U6", provider="PR1")


@pytest.fixture
def ava_in_care(ava):
    """Ava became looked after on 5 January 2026 on an interim care order, with foster carers."""
    services.episode_create(child=ava, start=date(2026, 1, 5), **EPISODE)
    return ava
