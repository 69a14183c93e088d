"""The IRO works from their desk: the reviews to chair, a decisions report in its parts, and a
concern about the plan taken up under the dispute resolution process, which the team manager sees."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .conftest import fill_date, screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_an_iro_records_a_review_and_escalates_a_drifting_plan(page, demo_council):
    sign_in(page, username="iro")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Reviews and escalations").click()
    expect(page.get_by_role("heading", name="My reviews to chair")).to_be_visible()
    rows = page.locator("#reviews tbody tr")
    assert rows.count() > 0, "the demo IRO chairs reviews"
    screenshot(page, "iro-desk")
    assert_accessible(page)

    name = rows.first.get_by_role("link").inner_text()
    rows.first.get_by_role("link").click()
    page.get_by_role("link", name="Record the decisions report").first.click()
    # Saving an empty report names each missing part.
    page.get_by_role("button", name="Save the decisions report").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say whether the review confirmed or changed the care plan")
    expect(summary).to_contain_text("Record at least one decision")
    screenshot(page, "decisions-report-errors")
    assert_accessible(page)
    page.get_by_role("radio", name="Changed").check()
    page.get_by_label("If it changed: what changed, and why").fill(
        "Parallel plan of special guardianship with the aunt added after her positive viability assessment."
    )
    page.get_by_label("Decision 1", exact=True).fill("Complete the special guardianship assessment of the aunt")
    page.get_by_label("Decision 1: who will carry it out").select_option(index=1)
    fill_date(page, "Decision 1: by when", date.today() + timedelta(days=42))
    page.get_by_label("The child's views").fill("Said she likes seeing her aunt and wants to stay at her school.")
    page.get_by_role("button", name="Save the decisions report").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("decisions report")

    page.get_by_role("link", name="Raise a concern about the plan").click()
    page.get_by_label("What is the concern about the child's plan?").fill(
        "Final evidence has slipped twice; the plan will not be secured within the child's timescale."
    )
    page.get_by_label("2. Team manager").check()
    fill_date(page, "Response wanted by", date.today() + timedelta(days=10))
    page.get_by_role("button", name="Record the escalation").click()
    expect(page.get_by_role("heading", name="Escalation about the plan")).to_be_visible()
    screenshot(page, "escalation")
    assert_accessible(page)

    # The team manager sees it on the desk and on the child's page, and cannot record its outcome.
    page.context.clear_cookies()
    sign_in(page, username="team.manager")
    page.goto("/meetings/iro/")
    expect(page.get_by_role("heading", name="Reviews to chair")).to_be_visible()
    assert "Final evidence has slipped twice" in page.locator("main").inner_text()
    screenshot(page, "iro-desk-team-manager")
    assert_accessible(page)
    page.locator("#reviews").get_by_role("link", name=name).first.click()
    assert "Final evidence has slipped twice" in page.locator("main").inner_text()
    page.goto(page.locator("main a", has_text="Final evidence has slipped twice").first.get_attribute("href"))
    expect(page.get_by_role("heading", name="Escalation about the plan")).to_be_visible()
    expect(page.get_by_role("heading", name="Record what happened")).to_have_count(0)
