"""The Content Security Policy as a real browser enforces it (no bypass): GOV.UK Frontend's
inline script runs with its nonce, nothing is blocked; and an administrator meets the
two-factor set-up page on first sign-in."""

import pytest
from playwright.sync_api import expect

from permanence.access import matrix
from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.children.models import Allocation
from permanence.web.tests.builders import person

from .conftest import screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_pages_work_under_the_content_security_policy(browser, live_server, council):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    blocked = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    sign_in(page)
    page.goto("/")
    assert page.evaluate("document.body.classList.contains('js-enabled')")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert blocked == [], blocked
    context.close()


def test_an_administrator_is_asked_to_set_up_two_step_sign_in(page, live_server, council):
    person("admin.user", "Alex", "Admin", roles.ADMINISTRATOR, password="demo-permanence-2026")
    sign_in(page, "admin.user")
    assert "/account/two-factor/set-up/" in page.url
    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    expect(page.get_by_alt_text("QR code to add Permanence Planner to your authenticator app")).to_be_visible()


def test_a_service_manager_restricts_a_record_and_the_team_can_no_longer_open_it(page, demo_council):
    worker = User.objects.get(username="social.worker")
    child = Allocation.objects.filter(worker=worker, end__isnull=True, role="social_worker").first().child
    manager = User.objects.filter(role=matrix.SERVICE_MANAGER).first()
    sign_in(page, username=manager.username)
    page.goto(f"/children/{child.pk}/")
    page.get_by_role("link", name="Who can open this record").click()
    expect(page.get_by_role("heading", name="Who can open this record")).to_be_visible()
    page.get_by_role("button", name="Restrict the record").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose why the record is restricted")
    page.get_by_label("The child is related to or known to a member of staff").check()
    page.get_by_label(f"{manager.get_full_name()} (Service manager").check()
    page.get_by_role("button", name="Restrict the record").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The record is restricted")
    screenshot(page, "record-access-restricted")
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, username="social.worker")
    page.goto(f"/children/{child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("You cannot open this page")
    expect(page.locator("main")).to_contain_text("restricted")


def test_a_social_worker_makes_an_api_token_for_their_own_report(page, council):
    sign_in(page)
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="Your API tokens")).to_be_visible()
    page.get_by_label("What is the token for?").fill("My weekly caseload report")
    page.get_by_role("button", name="Make the token").click()
    expect(page.locator("#new-token")).to_contain_text("pp_")
    expect(page.get_by_role("button", name="Revoke My weekly caseload report")).to_be_visible()
    screenshot(page, "api-tokens")
    assert_accessible(page)
