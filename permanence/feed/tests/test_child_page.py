"""A child whose facts come from the case system: the page shows them read-only with their source
and the time of the extract, and the case system's permanence dates in their own section."""

import pytest
from django.urls import reverse

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.children.models import Child

from . import extracts as x

PERMANENCE = {
    "perm_table_id": "PM1",
    "perm_person_id": "P100",
    "perm_adm_decision_date": "2026-07-01",
    "perm_placement_order_date": "2026-08-10",
    "perm_matched_date": "2026-10-20",
    "perm_part_of_sibling_group": "1",
    "perm_siblings_placed_together": "2",
}


@pytest.fixture
def beside_mosaic(settings):
    settings.PERMANENCE_CASE_RECORD = "case_system"
    settings.PERMANENCE_CASE_SYSTEM_NAME = "Mosaic"


def test_the_child_page_shows_the_facts_from_mosaic_as_at_the_extract_and_its_permanence_dates(
    client, sync, beside_mosaic
):
    sam = User.objects.create_user("sam", first_name="Sam", last_name="Okafor", role=roles.SOCIAL_WORKER)
    sync(x.plus(x.council(), "ssd_permanence", PERMANENCE), x.at("2026-11-02", hour=2))
    ava = Child.objects.get(council_reference="P100")
    assert ava.allocations.get(role="social_worker").worker == sam  # the feed found Sam by his staff id
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert "come from Mosaic" in html and "as at 02:00 on 2 November 2026" in html
    assert "Permanence dates from the case system" in html
    for text in (
        "ADM decision: should be placed for adoption",
        "1 July 2026",
        "Matched to prospective adopters",
        "20 October 2026",
        "Children placed together, this one included",
    ):
        assert text in html, text
    # The placement order date is an order too, beside the care orders the legal statuses give.
    assert ava.orders.filter(order_type="placement_order", made="2026-08-10").exists()


def test_a_child_without_case_system_permanence_dates_has_no_such_section(client, sync, beside_mosaic):
    sam = User.objects.create_user("sam", role=roles.SOCIAL_WORKER)
    sync(x.council(), x.at("2026-11-02"))
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[Child.objects.get(council_reference="P100").pk])).content.decode()
    assert "Permanence dates from the case system" not in html


CARE_LEAVER = {
    "clea_table_id": "CL1",
    "clea_person_id": "P200",
    "clea_care_leaver_eligibility": "Eligible",
    "clea_care_leaver_in_touch": "YES",
    "clea_care_leaver_latest_contact": "2026-10-10",
    "clea_care_leaver_accommodation": "D",
    "clea_care_leaver_accom_suitable": "1",
    "clea_care_leaver_activity": "F2",
    "clea_pathway_plan_review_date": "2026-09-01",
    "clea_care_leaver_personal_advisor": "Priya Shah",
}


def test_a_care_leavers_facts_from_the_case_system_are_shown_in_words(client, sync, beside_mosaic):
    sam = User.objects.create_user("sam", role=roles.SOCIAL_WORKER)
    run = sync(x.plus(x.council(), "ssd_care_leavers", CARE_LEAVER), x.at("2026-11-02"))
    assert run.problem_count == 0 and run.counts["care_leaver"] == {"new": 1}
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[Child.objects.get(council_reference="P200").pk])).content.decode()
    for text in (
        "Leaving care: from the case system",
        "Eligible",
        "In touch",
        "Semi-independent, transitional accommodation, suitable",
        "Full time in other education",
        "1 September 2026",
        "Priya Shah",
    ):
        assert text in html, text


def test_a_care_leaver_code_that_is_not_in_the_ssd_code_list_is_named(sync):
    run = sync(
        x.plus(x.council(), "ssd_care_leavers", dict(CARE_LEAVER, clea_care_leaver_accommodation="Q")),
        x.at("2026-11-02"),
    )
    problem = run.problems.get()
    assert (problem.table, problem.field, problem.person) == (
        "ssd_care_leavers",
        "clea_care_leaver_accommodation",
        "P200",
    )
