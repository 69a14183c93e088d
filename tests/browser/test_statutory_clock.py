"""The statutory clock on screen: the drift dashboard shows duties and local rules, the most
overdue first, with practice prompts apart; the child page says each item's kind and lists
prompts with their reason, never as overdue. axe-core: no serious or critical problems."""

from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def _dates(texts):
    found = []
    for text in texts:
        for part in text.split(", due ")[1:]:
            try:
                found.append(date.fromisoformat(part.strip()[:10]))
            except ValueError:
                pass
    return found


def test_the_drift_dashboard_lists_duties_and_local_rules_in_harm_order_and_prompts_apart(page, demo_council):
    sign_in(page)
    page.get_by_role("link", name="Drift").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Drift dashboard")
    rows = page.locator("table.govuk-table tbody tr")
    expect(rows.first).to_be_visible()
    items = page.locator("table.govuk-table li[data-kind]")
    kinds = set(items.evaluate_all("els => els.map(e => e.dataset.kind)"))
    assert kinds and kinds <= {"duty", "local_rule"}
    # In harm order: children with an overdue duty first, then local rules only; within each,
    # the row whose first item is oldest comes first.
    firsts = rows.evaluate_all(
        "rows => rows.map(r => { const li = r.querySelector('li[data-kind]');"
        " return [li.dataset.kind === 'duty' ? 0 : 1, li.dataset.due]; })"
    )
    assert firsts == sorted(firsts)
    expect(page.get_by_text("Practice prompts, not counted as drift")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "drift-duties-and-local-rules")

    page.get_by_role("link", name="suggestion").click()
    expect(page.get_by_text("Showing practice prompts")).to_be_visible()
    prompts = page.locator("table.govuk-table li[data-kind]")
    expect(prompts.first).to_be_visible()
    assert set(prompts.evaluate_all("els => els.map(e => e.dataset.kind)")) == {"prompt"}
    expect(page.locator("table.govuk-table .govuk-tag--red")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "drift-practice-prompts")


def test_a_childs_page_says_the_kind_of_each_item_and_keeps_prompts_apart(page, demo_council):
    sign_in(page)
    page.get_by_role("link", name="Drift").click()
    page.get_by_role("link", name="suggestion").click()
    page.locator("table.govuk-table tbody tr").first.get_by_role("link").click()
    due = page.locator("#what-is-due")
    expect(due).to_be_visible()
    expect(page.locator("#practice-prompts")).to_be_visible()
    prompts = page.locator("ul.pp-prompts li")
    expect(prompts.first).to_contain_text("Suggested")
    expect(prompts.first).to_contain_text("Why:")
    expect(page.locator("ul.pp-prompts .govuk-tag--red")).to_have_count(0)
    open_items = page.locator("table.pp-obligations tr[data-kind]")
    if open_items.count():
        expect(open_items.first).to_contain_text("Source:")
        assert set(open_items.evaluate_all("els => els.map(e => e.dataset.kind)")) <= {"duty", "local_rule"}
    assert_accessible(page)
    screenshot(page, "child-page-kinds-and-prompts")
