"""axe-core finds no serious or critical accessibility problems on the main pages."""

import pytest
from playwright.sync_api import expect

from .conftest import AXE, sign_in

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


def axe_problems(page):
    page.wait_for_load_state("load")  # a page still loading has no <head> to add axe to
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run()")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def readable(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def assert_accessible(page):
    problems = axe_problems(page)
    assert not problems, f"{page.url}\n{readable(problems)}"


def test_the_sign_in_page_is_accessible(page, council):
    page.goto("/login/")
    assert_accessible(page)


def test_the_sign_in_page_with_errors_is_accessible(page, council):
    sign_in(page, password="")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_the_caseload_is_accessible(signed_in_page):
    expect(signed_in_page.locator("table")).to_be_visible()
    assert_accessible(signed_in_page)


def test_the_child_page_is_accessible(signed_in_page):
    signed_in_page.locator("table tbody tr").first.get_by_role("link").click()
    signed_in_page.wait_for_selector("ol.app-timeline")
    assert_accessible(signed_in_page)


def test_the_search_page_is_accessible(signed_in_page):
    signed_in_page.goto("/children/?q=Ava")
    assert_accessible(signed_in_page)


def test_the_drift_dashboard_is_accessible(signed_in_page):
    signed_in_page.goto("/drift/")
    expect(signed_in_page.locator("table")).to_be_visible()
    assert_accessible(signed_in_page)
