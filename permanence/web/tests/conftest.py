"""Named people and children for the web page tests, built through the services.

Sam Social-Worker and Omar Other-Worker are social workers in two teams; Tara Team-Manager
manages Sam's team; Irene Reviewer is an IRO; Simone Service-Manager sees everyone.
Ava Example has been looked after since 5 January 2026.
"""

from datetime import date

import pytest

from permanence.accounts import roles
from permanence.accounts.models import Team

from .builders import child_in_care, full_history, person

AVA_ENTERED = date(2026, 1, 5)


@pytest.fixture
def team(db):
    return Team.objects.create(name="Children in Care 1", service="Children looked after")


@pytest.fixture
def other_team(db):
    return Team.objects.create(name="Children in Care 2", service="Children looked after")


@pytest.fixture
def sam(team):
    """Sam Social-Worker, a social worker in Children in Care 1."""
    return person("sam", "Sam", "Social-Worker", roles.SOCIAL_WORKER, team)


@pytest.fixture
def omar(other_team):
    """Omar Other-Worker, a social worker in Children in Care 2."""
    return person("omar", "Omar", "Other-Worker", roles.SOCIAL_WORKER, other_team)


@pytest.fixture
def tara(team):
    """Tara Team-Manager, who manages Children in Care 1."""
    manager = person("tara", "Tara", "Team-Manager", roles.TEAM_MANAGER, team)
    team.manager = manager
    team.save()
    return manager


@pytest.fixture
def irene(db):
    """Irene Reviewer, an Independent Reviewing Officer."""
    return person("irene", "Irene", "Reviewer", roles.IRO)


@pytest.fixture
def simone(db):
    """Simone Service-Manager, who sees every child looked after."""
    return person("simone", "Simone", "Service-Manager", roles.SERVICE_MANAGER)


@pytest.fixture
def ava(sam, irene):
    """Ava Example, born 10 March 2020, looked after since 5 January 2026; Sam's, reviewed by Irene."""
    return child_in_care("Ava", "Example", reference="C1001", born=date(2020, 3, 10), entered=AVA_ENTERED,
                         social_worker=sam, iro=irene)


@pytest.fixture
def ava_with_history(ava, sam, irene):
    return full_history(ava, entered=AVA_ENTERED, iro=irene, social_worker=sam)


@pytest.fixture
def ben(omar, irene):
    """Ben Other, Omar's, in the other team."""
    return child_in_care("Ben", "Other", reference="C1002", born=date(2018, 7, 1), entered=date(2025, 9, 1),
                         social_worker=omar, iro=irene)
