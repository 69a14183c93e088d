"""A service manager runs the monthly permanence tracking meeting, from the agenda to the actions."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import fill_date, screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_a_service_manager_runs_the_monthly_tracking_meeting(page, demo_council):
    sign_in(page, username="service.manager")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Permanence tracking meeting").click()
    page.get_by_label("Attendees").fill(
        "IRO service manager, CLA service manager, Family, Friends and Fostering manager"
    )
    # An empty form builds nothing: the date and the chair are asked for, never assumed.
    page.get_by_role("button", name="Build the agenda").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the date of the meeting")
    expect(summary).to_contain_text("Choose who chairs the meeting")
    today = date.today()
    page.get_by_role("textbox", name="Day", exact=True).fill(str(today.day))
    page.get_by_role("textbox", name="Month", exact=True).fill(str(today.month))
    page.get_by_role("textbox", name="Year", exact=True).fill(str(today.year))
    page.get_by_label("Chair").select_option(label="Simone Ashworth")
    page.get_by_role("button", name="Build the agenda").click()
    rows = page.locator("#agenda tbody tr")
    # Waits for the agenda the click builds (count() would ask at once, maybe of the form still).
    expect(rows.first, "the demo council has children whose plans need the meeting").to_be_visible()
    # Taken in order of risk: the first child meets the most serious rule on the agenda.
    page.get_by_text("How the agenda is chosen").click()
    rules = page.locator("details table tbody tr")
    first_rule = next(rules.nth(n) for n in range(rules.count()) if not rules.nth(n).inner_text().endswith("\t0"))
    assert first_rule.locator("strong").inner_text() in rows.first.inner_text()
    screenshot(page, "tracking-agenda")
    assert_accessible(page)

    first = rows.first.get_by_role("link")
    name = first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text() == name

    # Saving with nothing filled in is refused, with the fields named.
    page.get_by_role("button", name="Save", exact=True).click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter what was discussed" in summary.inner_text() and "Enter what was decided" in summary.inner_text()

    page.get_by_label("What was discussed").fill("The review is late because the IRO was on leave.")
    page.get_by_label("What was decided").fill("Hold the review within two weeks; team manager to confirm the date.")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "Recorded for" in page.locator(".govuk-notification-banner").inner_text()

    page.get_by_text("Add an action").click()
    page.get_by_label("Action").fill("Confirm the review date with the IRO")
    fill_date(page, "Date due", date(2026, 12, 4))
    page.get_by_role("button", name="Add action").click()
    assert "Confirm the review date with the IRO" in page.locator("#actions + table").inner_text()
    screenshot(page, "tracking-item")
    assert_accessible(page)

    page.get_by_role("link", name="Agenda of").click()
    discussed = page.locator("tr[data-discussed='yes']")
    expect(discussed).to_have_count(1)  # waits for the agenda the click opens
    assert name in discussed.inner_text()
    page.get_by_role("link", name="Meeting pack to print").click()
    pack = page.locator("main").inner_text()
    assert "Hold the review within two weeks" in pack and "Confirm the review date with the IRO" in pack
    screenshot(page, "tracking-pack")
    # The pack prints as a meeting pack: no site chrome, the marking on the page and on every printed
    # page (the print style sheet's page margins), each child whole on a page, a page count on each.
    assert "OFFICIAL-SENSITIVE" in pack and "Signed in as" not in page.content() and "Sign out" not in pack
    assert "For discussion" in pack and "How the agenda was chosen" in pack
    assert_accessible(page)
    pages = printed_pages(page)
    children = page.locator("section.pp-child").count()
    assert 1 <= pages <= children + 4, f"{pages} printed pages for {children} children to discuss"


def printed_pages(page):
    """How many A4 pages the page prints to in Chromium (the PDF's page tree count)."""
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    page.emulate_media(media="screen")
    return int(max(re.findall(rb"/Count (\d+)", pdf), key=int))
