"""Beside the council's case system: a service manager checks last night's feed, and a social
worker opens a child whose facts come from it (read-only, with source and time) and still
records the plan's decision here."""

from datetime import date

import pytest
from playwright.sync_api import expect

from permanence.accounts import roles
from permanence.feed.sync import ssd_sync
from permanence.feed.tests import extracts as x
from permanence.web.tests.builders import person

from .conftest import screenshot, sign_in
from .test_accessibility import assert_accessible
from .test_planning import fill_date

pytestmark = pytest.mark.browser
PASSWORD = "demo-permanence-2026"


@pytest.fixture
def fed_council(transactional_db, settings, tmp_path):
    """Sam, Irene and Sian; last night's extract synced, with one child refused for a bad row."""

    settings.PERMANENCE_CASE_RECORD = "case_system"
    settings.PERMANENCE_CASE_SYSTEM_NAME = "Mosaic"
    person("sam", "Sam", "Okafor", roles.SOCIAL_WORKER, password=PASSWORD)
    person("irene", "Irene", "Reeves", roles.IRO, password=PASSWORD)
    person("sian", "Sian", "Service", roles.SERVICE_MANAGER, password=PASSWORD)
    ssd_sync(source=x.write(tmp_path / "night-1", x.council_with_health(), as_at=x.at("2026-11-22", hour=2)))
    night2 = x.changed(x.council_with_health(), "ssd_cla_episodes", "E3", clae_cla_episode_start_reason="Q")
    night2 = x.plus(night2, "ssd_cla_visits", x.visit("V9", "P100", "2026-11-20"))
    return ssd_sync(source=x.write(tmp_path / "night-2", night2, as_at=x.at("2026-11-23", hour=2)))


def test_a_service_manager_checks_last_nights_feed_and_downloads_its_problems(page, fed_council):
    sign_in(page, "sian", PASSWORD)
    page.get_by_role("link", name="Case system feed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Case system feed")
    summary = page.locator(".govuk-summary-list").first
    expect(summary).to_contain_text("Succeeded")
    expect(summary).to_contain_text("23 November 2026")
    expect(summary).to_contain_text("1 refused, with problems")
    expect(page.get_by_role("table", name="What the run changed")).to_contain_text("Statutory visits")
    problems = page.get_by_role("table", name="First things this run reported")
    expect(problems).to_contain_text("clae_cla_episode_start_reason")
    expect(problems).to_contain_text("P200")
    screenshot(page, "feed-status")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything this run reported (CSV)").click()
    assert "clae_cla_episode_start_reason" in open(download.value.path(), encoding="utf-8").read()
    page.get_by_role("link", name="See them all, page by page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Run {fed_council.pk}")
    page.get_by_role("link", name="Problems only").click()
    expect(page.get_by_role("table", name="What this run reported")).to_contain_text(
        "not a known reason for new episode"
    )
    screenshot(page, "feed-run")
    assert_accessible(page)


def test_a_childs_facts_from_mosaic_are_read_only_while_the_plan_is_decided_here(page, fed_council):
    sign_in(page, "sam", PASSWORD)
    page.get_by_label("Search by name or council reference").first.fill("Ava")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Ava Brook").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ava Brook")
    banner = page.locator("#case-system-facts")
    expect(banner).to_contain_text("come from Mosaic, as at 02:00 on 23 November 2026")
    expect(banner).to_contain_text("They are read-only here")
    expect(page.locator("[data-fact-source]").first).to_contain_text("Read only")
    expect(page.locator("[data-fact-source]").first).to_contain_text("From Mosaic, as at 02:00 on 23 November 2026")
    # Her health assessments and care plans come from Mosaic too: shown with their source, with no
    # way to record or change them here.
    health = page.locator("#health-education + [data-fact-source]")
    expect(health).to_contain_text("From Mosaic, as at 02:00 on 23 November 2026")
    expect(page.locator("#health-education ~ ul").first).to_contain_text("Initial health assessment")
    expect(page.locator("#health-education ~ ul").first).to_contain_text("dental check")
    expect(page.get_by_role("link", name="Change the health assessment")).to_have_count(0)
    expect(page.get_by_role("link", name="Record a health assessment")).to_have_count(0)
    expect(page.get_by_role("link", name="Record a dental check")).to_have_count(0)
    screenshot(page, "feed-child-page")
    assert_accessible(page)

    # The permanence plan and its decisions are the product's own: recorded here as always.
    page.get_by_role("button", name="Open permanence planning").click()
    page.get_by_role("button", name="Record a decision").click()
    page.get_by_label("Permanence plan agreed").check()
    page.get_by_label("Looked-after review").check()
    fill_date(page, "Date of the decision", date(2026, 11, 20))
    page.get_by_label("Who decided").fill("Irene Reeves (IRO), looked-after review")
    page.get_by_label("Permanence plan", exact=True).select_option("long_term_fostering")
    page.get_by_label("Why was this decided?").fill(
        "Ava is settled; her carers want to care for her until she is grown up."
    )
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Permanence planning")
    expect(page.locator("#decisions ~ table").first).to_contain_text("Ava is settled")
    assert_accessible(page)
