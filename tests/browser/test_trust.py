"""The Content Security Policy as a real browser enforces it (no bypass): GOV.UK Frontend's
inline script runs with its nonce, nothing is blocked; and an administrator meets the
two-factor set-up page on first sign-in."""

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_pages_work_under_the_content_security_policy(browser, live_server, council):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    sign_in(page)
    page.goto("/")
    assert page.evaluate("document.body.classList.contains('js-enabled')")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert blocked == [], blocked
    context.close()


def test_an_administrator_is_asked_to_set_up_two_step_sign_in(page, live_server, council):
    from permanence.accounts import roles
    from permanence.web.tests.builders import person

    person("admin.user", "Alex", "Admin", roles.ADMINISTRATOR, password="demo-permanence-2026")
    sign_in(page, "admin.user")
    assert "/account/two-factor/set-up/" in page.url
    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    expect(page.get_by_alt_text("QR code to add Permanence Planner to your authenticator app")).to_be_visible()
