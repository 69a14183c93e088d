"""A social worker signs in, sees their caseload, opens a child and reads the timeline."""

import pytest
from playwright.sync_api import expect

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


def test_a_social_worker_signs_in_and_reads_a_childs_timeline(page, demo_council):
    page.goto("/")
    assert page.url.endswith("/login/?next=/")
    screenshot(page, "login")
    sign_in(page)

    assert page.get_by_role("heading", level=1).inner_text() == "Your caseload"
    rows = page.locator("table.govuk-table tbody tr")
    assert rows.count() > 0
    screenshot(page, "caseload")

    first_child = rows.first.get_by_role("link")
    name = first_child.inner_text()
    first_child.click()
    assert page.get_by_role("heading", level=1).inner_text() == name

    dates = page.locator("ol.app-timeline time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dates, "the timeline has no entries"
    assert dates == sorted(dates)
    screenshot(page, "child")


def test_a_wrong_password_is_shown_in_an_error_summary(page, council):
    sign_in(page, password="not-the-password")
    summary = page.locator(".govuk-error-summary")
    assert "Enter a correct username and password" in summary.inner_text()
    assert page.title().startswith("Error: ")
    # GOV.UK Frontend's JS moves focus to the summary so screen readers announce it.
    page.wait_for_function("document.activeElement.classList.contains('govuk-error-summary')")
    screenshot(page, "login-error")


def test_signing_out_returns_to_the_sign_in_page(signed_in_page):
    signed_in_page.get_by_role("button", name="Sign out").click()
    signed_in_page.wait_for_url("**/login/")
    assert signed_in_page.get_by_role("heading", level=1).inner_text() == "Sign in to Permanence Planner"


def test_a_child_is_found_by_name(signed_in_page):
    signed_in_page.get_by_label("Search by name or council reference").first.fill("Ava")
    signed_in_page.get_by_role("button", name="Search").click()
    assert "Ava Example" in signed_in_page.locator("table").inner_text()


def test_a_worker_opens_the_drift_dashboard_and_goes_to_an_overdue_child(page, demo_council):
    sign_in(page)
    page.get_by_role("link", name="Drift").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Drift dashboard"
    screenshot(page, "drift")
    rows = page.locator("table.govuk-table tbody tr")
    assert rows.count() > 0, "the demo caseload has overdue items"
    first_child = rows.first.get_by_role("link")
    name = first_child.inner_text()
    first_child.click()
    assert page.get_by_role("heading", level=1).inner_text() == name
    due = page.locator("#what-is-due")
    expect(due).to_be_visible()
    # What the dashboard called overdue is overdue on the child's own page, with its source.
    assert page.locator("table.pp-obligations strong.govuk-tag", has_text="Overdue").count() > 0
    assert "Source:" in page.locator("table.pp-obligations").inner_text()
    screenshot(page, "child-obligations")
