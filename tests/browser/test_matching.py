"""A family finder opens a waiting child, sees a ranked shortlist with reasons, and records a
link that becomes a match through panel and the Agency Decision Maker."""

from datetime import date

import pytest
from playwright.sync_api import expect

from permanence.accounts.models import User
from permanence.matching import selectors
from permanence.matching.models import CarerProfile, ChildProfile
from permanence.meetings import services as meetings
from permanence.meetings.models import Panel
from permanence.planning.selectors import authority_for

from .conftest import screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def _waiting_child_for_adoption():
    """A demo child waiting for adoption, with authority to place and carers who fit. In the small
    demo the waiting child's needs may be beyond every available adopter's approval: then one
    household approved for the child's age is taken as approved to meet those needs, as a family
    finder would find after recruiting."""
    waiting = []
    for profile in ChildProfile.objects.filter(status="searching").select_related("child").order_by("started", "pk"):
        shortlist = selectors.shortlist_for(profile.child)
        if (
            shortlist["facts"].option == "adoption"
            and shortlist["verdict"].waiting
            and not shortlist["held"]
            and authority_for(profile.child, date.today()).authorised
        ):
            if shortlist["rows"]:
                return profile.child
            waiting.append((profile.child, shortlist["facts"]))
    for child, facts in waiting:
        adopters = CarerProfile.objects.filter(approval_type="adopter", status="available").order_by("pk")
        household = next(
            (
                p
                for p in adopters
                if (p.preferred_age_min or 0)
                <= facts.age
                <= (p.preferred_age_max if p.preferred_age_max is not None else 17)
            ),
            None,
        )
        if household is not None:
            household.needs = {
                **household.needs,
                **{need: max(level, household.needs.get(need, 0)) for need, level in facts.needs.items()},
            }
            household.save(update_fields=["needs"])
            if selectors.shortlist_for(child)["rows"]:
                return child
    pytest.fail("the demo council has a child waiting for adoption, with authority to place, and carers who fit")


def _todays_panel():
    chair = User.objects.get(username="panel.member")
    members = [(m.person, m.role) for m in Panel.objects.order_by("pk").first().members.exclude(role="chair")]
    return meetings.panel_create(date=date.today(), chair=chair, members=members)


def test_a_family_finder_links_a_waiting_child_the_panel_recommends_and_the_adm_decides(page, demo_council):
    child = _waiting_child_for_adoption()
    panel = _todays_panel()
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
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{child.full_name} with {carers}")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is linked with")

    page.get_by_label("What the visit found").fill("A warm, calm home; ready for a young child.")
    page.get_by_role("button", name="Save the visit").click()
    page.get_by_label("Matching report").fill("The carers can meet the child's health needs and support contact.")
    page.get_by_role("button", name="Save the matching report").click()
    page.get_by_label("Permanence panel").select_option(label=f"Permanence panel {date.today():%d/%m/%Y}")
    page.get_by_role("button", name="Add to the panel").click()
    # The family finder is not offered the panel's minutes: the panel records them.
    expect(page.locator("main")).to_contain_text("The panel's chair, a vice chair or its agency adviser records")
    expect(page.get_by_role("link", name="Record the panel's minutes")).to_have_count(0)
    match_url = page.url
    screenshot(page, "match-at-panel")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    # The panel's chair records the minutes: who took part, the recommendation and its reasons.
    sign_in(page, username="panel.member")
    page.goto(f"/meetings/panels/{panel.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name=child.full_name).click()
    page.get_by_role("link", name="Record the panel's minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Panel minutes for {child.full_name}")
    page.get_by_label("Recommended (or agreed)").check()
    page.get_by_label("The panel's recommendation, in its words").fill(
        f"{child.first_name} should be placed for adoption with {carers}."
    )
    page.get_by_label("The reasons for the recommendation").fill("The carers can meet the child's needs for life.")
    page.get_by_role("group", name="Did every member agree?").get_by_label("Yes").check()
    today = date.today()
    page.get_by_role("textbox", name="Day", exact=True).fill(str(today.day))
    page.get_by_role("textbox", name="Month", exact=True).fill(str(today.month))
    page.get_by_role("textbox", name="Year", exact=True).fill(str(today.year))
    screenshot(page, "panel-minutes")
    assert_accessible(page)
    page.get_by_role("button", name="Complete the minutes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("minutes")
    expect(page.locator("main")).to_contain_text("Quorate")
    expect(page.get_by_role("link", name="Record your decision")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    # The Agency Decision Maker decides, having considered the minutes.
    sign_in(page, username="adm")
    page.goto(match_url)
    page.get_by_role("link", name="Record your decision").click()
    expect(page.locator("main")).to_contain_text("The carers can meet the child's needs for life.")
    page.get_by_label("I have considered the panel's minutes and its recommendation").check()
    page.get_by_label(
        f"Agreed: {child.first_name} should be placed for adoption with these prospective adopters"
    ).check()
    page.get_by_role("textbox", name="Day", exact=True).fill(str(today.day))
    page.get_by_role("textbox", name="Month", exact=True).fill(str(today.month))
    page.get_by_role("textbox", name="Year", exact=True).fill(str(today.year))
    page.get_by_label("Reasons").fill("The carers can meet the child's needs throughout childhood.")
    screenshot(page, "adm-decision")
    assert_accessible(page)
    page.get_by_role("button", name="Record the decision").click()
    page.goto(match_url)
    expect(page.locator("dl").first).to_contain_text("Match approved")
    expect(page.locator("main")).to_contain_text("Agree the introductions plan")
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


def test_the_suggested_plan_explains_each_proposal_and_leaves_settled_children_where_they_are(page, demo_council):
    sign_in(page, username="family.finder")
    page.goto("/family-finding/")
    expect(page.get_by_role("table").first).to_contain_text("Waiting since the decision")
    page.get_by_role("link", name="Suggested plan for all waiting children").click()
    expect(page.get_by_role("heading", name="Proposals")).to_be_visible()
    first = page.locator(".govuk-summary-card").first
    expect(first).to_contain_text("Constraints held")
    expect(first).to_contain_text("Why")
    expect(page.locator("main")).to_contain_text("never moves a child from a confirmed long-term or permanent home")
    screenshot(page, "suggested-plan")
    assert_accessible(page)
