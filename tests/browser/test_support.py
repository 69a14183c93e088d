"""After the decision: a social worker records a contact plan and missed contact, sees the early
warning fire on the child page with its reason, records a disruption meeting and finds its lessons
in the service learning report. Every page passes axe."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .conftest import fill_date, screenshot
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def _day(days_ago):
    return date.today() - timedelta(days=days_ago)


def test_contact_early_warning_disruption_and_learning(signed_in_page, council):
    page = signed_in_page
    ava = council["ava"]
    page.goto(f"/children/{ava.pk}/")
    page.get_by_role("link", name="Stability and support").click()
    expect(page.get_by_role("heading", name="Stability and support")).to_be_visible()
    expect(page.get_by_text("No early-warning indicator fires for Ava's home.")).to_be_visible()
    screenshot(page, "01-child-page-before")
    assert_accessible(page)

    # A contact plan: first with mistakes, then right.
    page.get_by_role("link", name="Add a contact plan").click()
    page.get_by_label("Direct: meeting in person").check()
    page.get_by_role("button", name="Save the contact plan").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    assert "Enter where direct contact will take place" in summary.inner_text()
    screenshot(page, "02-contact-plan-errors")
    assert_accessible(page)
    page.get_by_label("Who is the contact with?").select_option("mother")
    page.get_by_label("Their name").fill("Mia Example")
    page.get_by_label("How often").fill("Every 2 weeks")
    page.get_by_label("Supervision").select_option("supervised")
    page.get_by_label("Where", exact=True).fill("Thornbury family centre")
    page.get_by_label("To maintain the child's identity").check()
    page.get_by_label("To lessen the child's sense of loss").check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("The child's views on contact").fill("Ava wants to see her mum, but not at weekends.")
    fill_date(page, "Date agreed", _day(60))
    fill_date(page, "Review at the looked-after review on", date.today() + timedelta(days=60))
    screenshot(page, "03-contact-plan-filled")
    page.get_by_role("button", name="Save the contact plan").click()
    page.wait_for_url(f"**/children/{ava.pk}/**")
    expect(page.get_by_role("heading", name="Contact with Mia Example (mother)")).to_be_visible()

    # Three sessions missed in a month: the first recorded with a mistake.
    for number, (days_ago, outcome) in enumerate(
        ((20, "Cancelled"), (13, "Did not happen: someone did not attend"), (6, "Cancelled"))
    ):
        page.get_by_role("link", name="Record a session of contact with Mia Example").click()
        fill_date(page, "Date contact was due", _day(days_ago))
        page.get_by_label(outcome, exact=True).check()
        if number == 0:
            page.get_by_role("button", name="Save the session").click()
            assert "Select who cancelled the contact" in page.locator(".govuk-error-summary").inner_text()
            assert_accessible(page)
        page.get_by_label("Cancelled by, or who did not attend").select_option("family")
        if number == 0:
            screenshot(page, "04-missed-session")
        page.get_by_role("button", name="Save the session").click()
        page.wait_for_url(f"**/children/{ava.pk}/**")

    warning = page.locator('[data-indicator="contact_cancelled"]')
    expect(warning).to_be_visible()
    text = warning.inner_text()
    assert "Contact sessions cancelled or not attended: 3 in the last 3 months (since" in text
    assert (
        "the threshold is 3" in text and "DfE, Knowledge and Skills Statement: Achieving Permanence, section 4" in text
    )
    expect(page.get_by_text("Contact with Mia Example cancelled by the family member").first).to_be_visible()
    page.locator("#stability").scroll_into_view_if_needed()
    screenshot(page, "05-child-page-warning")
    assert_accessible(page)

    # The disruption meeting.
    page.get_by_role("link", name="Record a disruption meeting").click()
    fill_date(page, "Date of the disruption meeting", _day(1))
    page.get_by_label("Chaired by").fill("Irene Reviewer (IRO)")
    page.get_by_label("The home", exact=True).fill("Pat and Chris Carer")
    page.get_by_label("What kind of home was it?").select_option("long_term_fostering")
    page.get_by_label("What happened", exact=True).fill(
        "Pat and Chris gave notice after weeks of missed contact and night-time distress."
    )
    page.get_by_label("The child's behaviour").check()
    page.get_by_label("Difficulties with contact").check()
    page.get_by_label("The reasons, in words").fill(
        "Cancelled contact left Ava distressed; no support was in place for the carers."
    )
    page.get_by_label("The child's views", exact=True).fill("Ava wants to keep seeing Pat and Chris.")
    page.get_by_label("The carers' views").fill("Exhausted, but want to stay in Ava's life.")
    page.get_by_label("The home cannot continue, but the relationship can be kept").check()
    page.get_by_label("Lessons for the service").fill(
        "Act on the second cancelled contact, not the fourth\nOffer carers respite before they give notice"
    )
    screenshot(page, "06-disruption-filled")
    page.get_by_role("button", name="Save the disruption meeting").click()
    page.wait_for_url(f"**/children/{ava.pk}/**")
    expect(page.get_by_text("Act on the second cancelled contact, not the fourth")).to_be_visible()

    # The service views: homes under strain, then the learning report.
    page.get_by_role("link", name="Stability", exact=True).click()
    page.wait_for_url("**/stability/")
    expect(page.get_by_role("heading", name="Homes under strain")).to_be_visible()
    expect(page.get_by_role("link", name="Ava Example")).to_be_visible()
    screenshot(page, "07-homes-under-strain")
    assert_accessible(page)
    page.get_by_role("link", name="Learning from disruption: the service learning report").click()
    page.wait_for_url("**/stability/learning/")
    expect(page.get_by_text("Act on the second cancelled contact, not the fourth")).to_be_visible()
    expect(page.get_by_text("Offer carers respite before they give notice")).to_be_visible()
    page.get_by_label("Reason").select_option("contact")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**reason=contact**")
    page.get_by_text("Offer carers respite before they give notice").wait_for()
    assert page.get_by_label("Reason").input_value() == "contact"
    screenshot(page, "08-learning-report")
    assert_accessible(page)
