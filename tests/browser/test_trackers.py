"""A manager opens a tracker, filters it, sorts it and downloads it as Excel."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from .conftest import screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_a_manager_filters_sorts_and_downloads_the_permanence_tracker(page, demo_council):
    sign_in(page, username="team.manager")
    page.get_by_role("link", name="Trackers").click()
    page.get_by_role("link", name="Permanence", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Permanence"
    rows = page.locator("table.pp-tracker tbody tr")
    everyone = rows.count()
    assert everyone > 0
    screenshot(page, "tracker-permanence")
    assert_accessible(page)

    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**overdue=on**")
    statuses = rows.evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert statuses and set(statuses) == {"overdue"}

    page.get_by_role("link", name="Days in care").click()
    page.wait_for_url("**sort=days_in_care**")
    page.get_by_role("link", name="Days in care").click()  # again: longest first
    page.wait_for_url("**order=desc**")
    header = page.locator("th[aria-sort]")
    assert header.get_attribute("aria-sort") == "descending"

    with page.expect_download() as info:
        page.get_by_role("link", name="Download as Excel (.xlsx)").click()
    download = info.value
    assert download.suggested_filename.startswith("permanence-tracker-")
    sheet = load_workbook(BytesIO(open(download.path(), "rb").read())).active
    assert sheet.cell(row=3, column=1).value == "Child"
    assert sheet.max_row - 3 == len(statuses)
