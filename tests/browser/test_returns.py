"""A performance analyst reads the adoption scorecard and stability figures, filters them by
team and year, and finds the SSDA903 download and upload."""

import csv
import io

import pytest
from playwright.sync_api import expect

from permanence.jobs.testing import run_queued_jobs
from permanence.returns.export import export_903

from .conftest import screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_analyst_reads_the_scorecard_filters_by_team_and_finds_the_return(page, demo_council):
    sign_in(page, username="analyst")
    page.get_by_role("link", name="Performance").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Performance"
    for title in (
        "Entering care to moving in with the adoptive family",
        "Three or more placements in the year",
        "Care proceedings duration",
        "Children taking part in their reviews",
    ):
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


def test_service_manager_uploads_a_return_follows_the_import_and_downloads_the_problems(page, demo_council, tmp_path):
    """The upload is checked and imported by the background job, off the request: the page says it
    is waiting, then shows what the job found; the problem list is on screen and as a CSV file."""
    export_903(year=2026, out_dir=tmp_path / "clean")
    export_903(year=2026, out_dir=tmp_path / "bad")
    header = list(csv.reader(io.StringIO((tmp_path / "bad" / "Header.csv").read_text())))
    header[1][4], header[2][2] = "=HYPERLINK(1)", "31/02/2015"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(header)
    (tmp_path / "bad" / "Header.csv").write_text(out.getvalue())

    sign_in(page, username="service.manager")
    page.goto("/performance/return/")
    page.get_by_label("Collection year").select_option("2026")
    page.get_by_label("SSDA903 CSV files").set_input_files(sorted(str(p) for p in (tmp_path / "bad").glob("*.csv")))
    assert_accessible(page)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SSDA903 upload")
    expect(page.get_by_role("status")).to_contain_text("Waiting")
    assert_accessible(page)
    screenshot(page, "returns-upload-waiting")

    run_queued_jobs()  # the worker takes the job; the page asks again every 2 seconds
    expect(page.get_by_role("heading", name="Problems in the files")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Nothing was imported")).to_be_visible()
    expect(page.get_by_role("cell", name="is not a date written dd/mm/YYYY", exact=False).first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "returns-upload-problems")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the problem list", exact=False).click()
    listed = list(csv.reader(io.StringIO(download.value.path().read_text())))
    assert listed[0] == ["file", "row", "column", "value", "problem"]
    assert ["Header.csv", "2", "UPN", "'=HYPERLINK(1)"] in [row[:4] for row in listed]

    page.goto("/performance/return/")
    page.get_by_label("Collection year").select_option("2026")
    page.get_by_label("SSDA903 CSV files").set_input_files(sorted(str(p) for p in (tmp_path / "clean").glob("*.csv")))
    page.get_by_role("button", name="Upload and check").click()
    run_queued_jobs()
    expect(page.get_by_role("heading", name="Return imported")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("the record already held everything in the files")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "returns-upload-imported")
