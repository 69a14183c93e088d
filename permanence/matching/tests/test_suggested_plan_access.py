"""The suggested plan asks the access policy: a restricted child, or one outside the reader's case
scope, is never proposed or named there, nor named as the brother or sister of a child who is."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from permanence.access import matrix
from permanence.children import services as children
from permanence.matching import services
from permanence.planning import services as planning
from permanence.web.tests.builders import sign_in

STARTED = date(2026, 2, 1)


def names(html, word):
    """Whether the page names `word` (as a word: not inside a token or another word)."""
    return re.search(rf"(?<![\w/]){re.escape(word)}(?![\w/])", html) is not None


@pytest.fixture
def searching(council):
    """Mina (Sam's), Hana (restricted, Mina's sister) and Otto (Omar's, another team): all three
    on an adoption plan with family finding open."""
    sam = council["people"][matrix.SOCIAL_WORKER]
    for key in ("hidden", "other"):
        planning.plan_record(child=council[key], primary_option="adoption", recorded=date(2026, 1, 5), by=sam)
    for key in ("mine", "hidden", "other"):
        services.family_finding_start(child=council[key], date=STARTED, today=STARTED)
    mother = children.person_create(first_name="Marta", last_name="Mother")
    for key in ("mine", "hidden"):
        children.relationship_add(
            child=council[key], person=mother, relationship="mother", parental_responsibility=True
        )
    return council


@pytest.mark.parametrize("role", [matrix.FAMILY_FINDER, matrix.SOCIAL_WORKER, matrix.TEAM_MANAGER])
def test_the_suggested_plan_never_names_a_child_the_reader_may_not_see(client, searching, role):
    sign_in(client, searching["people"][role])
    response = client.get(reverse("matching-plan"))
    assert response.status_code == 200
    html = response.content.decode()
    assert not names(html, "Hana") and not names(html, "A3")
    if role != matrix.FAMILY_FINDER:  # the family finder searches for every child in the council
        assert not names(html, "Otto")


def test_the_service_manager_sees_the_other_teams_child_but_not_the_restricted_one(searching):
    client = sign_in(Client(), searching["people"][matrix.SERVICE_MANAGER])
    html = client.get(reverse("matching-plan")).content.decode()
    assert names(html, "Otto") and not names(html, "Hana")
