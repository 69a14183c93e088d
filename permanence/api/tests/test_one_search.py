"""Finding a child: the search page and the API's list of children give the same children for the
same words, to every role that may search, and never a child the person may not see."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from permanence.access import matrix
from permanence.web.tests.builders import child_in_care, sign_in

# Mina (A1) is Sam's; Otto (A2) is Omar's; Hana (A3) is Sam's but restricted, naming nobody.
QUERIES = [
    "example",
    "EXAMPLE",
    "mina",
    "Mina Example",
    "example mina",
    "mi ex",
    "a2",
    "A3",
    "hana",
    "mina otto",
    "zebedee",
]
SEARCHING_ROLES = [
    matrix.SOCIAL_WORKER,
    matrix.TEAM_MANAGER,
    matrix.IRO,
    matrix.FAMILY_FINDER,
    matrix.PANEL_MEMBER,
    matrix.ADM,
    matrix.SERVICE_MANAGER,
]


def on_the_page(client, query):
    response = client.get(reverse("child-search"), {"q": query})
    assert response.status_code == 200
    return [summary.child.full_name for summary in response.context["results"].object_list]


def in_the_api(api, query):
    response = api.get("/children", {"q": query})
    assert response.status_code == 200, response.json()
    return [f"{child['first_name']} {child['last_name']}" for child in response.json()["items"]]


@pytest.mark.parametrize("role", SEARCHING_ROLES)
def test_the_same_words_find_the_same_children_on_the_search_page_and_in_the_api(council, api_as, role):
    person = council["people"][role]
    client, api = sign_in(Client(), person), api_as(person)
    for query in QUERIES:
        found = on_the_page(client, query)
        assert found == in_the_api(api, query), f"{role} searching for {query!r}"
        assert "Hana Example" not in found, f"{role} found a restricted record searching for {query!r}"


def test_every_word_must_match_a_name_or_the_whole_reference_whatever_the_case(council, api_as):
    simone = council["people"][matrix.SERVICE_MANAGER]  # sees every child looked after
    api = api_as(simone)
    assert in_the_api(api, "example") == ["Mina Example", "Otto Example"]
    assert in_the_api(api, "MINA example") == ["Mina Example"]
    assert in_the_api(api, "mina otto") == []  # both words must match the one child
    assert in_the_api(api, "a1") == ["Mina Example"]  # the whole council reference, case ignored
    assert in_the_api(api, "a") == ["Mina Example", "Otto Example"]  # part of the name, not of a reference


def test_a_reference_is_matched_whole_not_in_part(council, api_as):
    sam = council["people"][matrix.SOCIAL_WORKER]
    child_in_care("Zoe", "Sample", reference="A10", born=date(2019, 4, 1), entered=date(2026, 1, 5), social_worker=sam)
    api, client = api_as(sam), sign_in(Client(), sam)
    assert in_the_api(api, "a1") == on_the_page(client, "a1") == ["Mina Example"]
    assert in_the_api(api, "A10") == on_the_page(client, "A10") == ["Zoe Sample"]


def test_a_restricted_record_is_found_by_nobody_it_does_not_name(council, api_as):
    for role in SEARCHING_ROLES:
        api = api_as(council["people"][role])
        assert in_the_api(api, "A3") == [] and in_the_api(api, "Hana") == []
