"""A performance analyst reads the adoption scorecard and stability figures, filters them by
team and year, and finds the SSDA903 download and upload."""

import pytest
from playwright.sync_api import expect

from .conftest import screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_analyst_reads_the_scorecard_filters_by_team_and_finds_the_return(page, demo_council):
    sign_in(page, username="analyst")
    page.get_by_role("link", name="Performance").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Performance"
    for title in ("Entering care to moving in with the adoptive family", "Three or more placements in the year",
                  "Care proceedings duration", "Children taking part in their reviews"):
        assert page.get_by_role("heading", name=title).count() >= 1
    expect(page.get_by_role("table", name="Three or more placements in the year")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "returns-performance")

    page.get_by_label("Team").select_option(label="Children in Care 1")
    page.get_by_role("button", name="Show figures").click()
    assert "Children in Care 1" in page.locator(".govuk-caption-l").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel workbook").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.get_by_role("link", name="SSDA903 download and upload").click()
    assert page.get_by_role("heading", level=1).inner_text() == "SSDA903 return"
    assert_accessible(page)
    screenshot(page, "returns-903")
