"""A family finder opens a waiting child, sees a ranked shortlist with reasons, and records a
link that becomes a match through panel and the Agency Decision Maker."""

from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def _waiting_child_for_adoption():
    from permanence.matching import selectors
    from permanence.matching.models import ChildProfile

    for profile in ChildProfile.objects.filter(status="searching").select_related("child").order_by("started", "pk"):
        shortlist = selectors.shortlist_for(profile.child)
        if shortlist["rows"] and shortlist["facts"].option == "adoption":
            return profile.child
    pytest.fail("the demo council has a child waiting for adoption with carers who fit")


def test_a_family_finder_links_a_waiting_child_with_carers_and_the_link_becomes_a_match(page, demo_council):
    from permanence.meetings import services as meetings

    child = _waiting_child_for_adoption()
    meetings.panel_create(date=date.today())
    sign_in(page, username="family.finder")
    page.get_by_role("link", name="Family finding").first.click()
    screenshot(page, "family-finding-home")
    assert_accessible(page)
    page.get_by_role("link", name=child.full_name).click()

    # The shortlist: ranked households, each part of the score with its reason.
    expect(page.get_by_role("heading", name="Shortlist")).to_be_visible()
    first = page.locator(".app-shortlist-item").first
    assert first.locator("h3").inner_text().startswith("1. ")
    reasons = first.locator("table").inner_text()
    assert "Distance to the child's community" in reasons and "Time waiting" in reasons
    assert "Ethnicity:" in first.inner_text()
    screenshot(page, "shortlist")
    assert_accessible(page)

    carers = first.locator("h3 a").inner_text()
    first.get_by_role("button").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"{child.full_name} with {carers}"
    assert "is linked with" in page.locator(".govuk-notification-banner").inner_text()

    page.get_by_label("What the visit found").fill("A warm, calm home; ready for a young child.")
    page.get_by_role("button", name="Save the visit").click()
    page.get_by_label("Matching report").fill("The carers can meet the child's health needs and support contact.")
    page.get_by_role("button", name="Save the matching report").click()
    # Today's panel: the demo council also has one a fortnight ago and one a fortnight ahead.
    page.get_by_label("Permanence panel").select_option(label=f"Permanence panel {date.today():%d/%m/%Y}")
    page.get_by_role("button", name="Add to the panel").click()
    page.get_by_label("The panel's recommendation").fill("The panel recommends the match.")
    page.get_by_role("button", name="Save the recommendation").click()
    assert "The Agency Decision Maker records the decision" in page.inner_text("main")
    match_url = page.url
    screenshot(page, "match-at-panel")
    assert_accessible(page)

    # The Agency Decision Maker agrees the match on the same record.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, username="adm")
    page.goto(match_url)
    page.get_by_label("Agreed: the match should go ahead").check()
    page.get_by_label("Reasons").fill("The carers can meet the child's needs throughout childhood.")
    page.get_by_role("button", name="Save the decision").click()
    assert "Match approved" in page.locator("dl").first.inner_text()
    assert "Agree the introductions plan" in page.inner_text("main")
    screenshot(page, "match-approved")
    assert_accessible(page)


def test_the_carer_register_filters_by_approval_and_status(page, demo_council):
    sign_in(page, username="family.finder")
    page.goto("/family-finding/carers/")
    page.get_by_label("Approval type").select_option("adopter")
    page.get_by_label("Status").select_option("available")
    page.get_by_role("button", name="Apply filters").click()
    assert "Approved adopters" in page.locator("table").inner_text()
    screenshot(page, "carer-register")
    assert_accessible(page)
    page.locator("table tbody a").first.click()
    assert "Needs they can meet" in page.locator("table caption").inner_text()
    screenshot(page, "carer-detail")
    assert_accessible(page)
