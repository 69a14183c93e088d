"""A social worker records a child's wishes and feelings, a sibling assessment and a decision
that two brothers and sisters live apart, and sees them on the child page; the pages pass axe."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from permanence.children import services
from permanence.children.models import Carer, Person
from permanence.web.tests.builders import child_in_care

from .conftest import fill_date, screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def siblings(council):
    """Ava (from the council) and her brother Zak, in care with different carers, sharing their mother Mia."""

    ava = council["ava"]
    hills = Carer.objects.create(name="The Hill family", kind="foster_carer", reference="F-HILL")
    zak = child_in_care(
        "Zak",
        "Example",
        reference="C1009",
        born=date.today() - timedelta(days=10 * 365),
        entered=ava.episodes.get().start,
        social_worker=council["sam"],
        carer=hills,
    )
    services.relationship_add(
        child=zak, person=Person.objects.get(first_name="Mia"), relationship="mother", parental_responsibility=True
    )
    return ava, zak


def test_record_wishes_and_a_sibling_decision_and_see_them_on_the_child_page(signed_in_page, siblings):
    page = signed_in_page
    ava, _zak = siblings
    today = date.today()
    page.goto(f"/children/{ava.pk}/")
    expect(page.get_by_role("heading", name="Sibling decision")).to_be_visible()
    expect(
        page.get_by_text("Ava is placed apart from a brother or sister in care and no sibling assessment is recorded.")
    ).to_be_visible()
    screenshot(page, "01-child-page-before")
    assert_accessible(page)

    # The child's wishes and feelings: first with a mistake, then right.
    page.get_by_role("link", name="Record Ava's wishes and feelings").click()
    page.get_by_role("button", name="Save wishes and feelings").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    screenshot(page, "02-wishes-errors")
    assert_accessible(page)
    fill_date(page, "Date obtained", today)
    page.get_by_label("Direct work with the child").check()
    page.get_by_label("What the child said").fill("I want to live with Pat and Chris and see Zak every week.")
    page.get_by_label("The child's understanding").fill("Knows she cannot go home; understands 'forever family'.")
    screenshot(page, "03-wishes-filled")
    page.get_by_role("button", name="Save wishes and feelings").click()
    page.wait_for_url(f"**/children/{ava.pk}/**")
    views = page.locator("#child-views ~ table").first
    assert "I want to live with Pat and Chris and see Zak every week." in views.inner_text()

    # Apart without an assessment is refused with a clear message.
    page.get_by_role(
        "link", name="Record whether Ava lives together with or apart from their brothers and sisters"
    ).click()
    page.get_by_label("Live apart").check()
    page.get_by_label("Reasons for the decision").fill("Zak's needs are better met with the Hill family for now.")
    fill_date(page, "Date of the decision", today)
    page.get_by_label("Where was the decision made?").select_option("review")
    page.get_by_role("button", name="Save the decision").click()
    summary = page.locator(".govuk-error-summary")
    assert "Record the sibling assessment first" in summary.inner_text()
    screenshot(page, "04-apart-refused")
    assert_accessible(page)

    # The assessment, then the decision with its contact plan.
    page.get_by_role("link", name="Record the sibling assessment").last.click()
    fill_date(page, "Date of the assessment", today)
    for label, text in (
        ("Quality of the relationships between the children", "Close; Zak looks after Ava."),
        ("Attachments between the children", "Strong mutual attachment."),
        ("Each child's needs", "Ava needs therapeutic parenting; Zak needs a school move avoided."),
        ("Each child's views", "Both want to see each other often."),
        ("Shared history and family functioning", "Lived together at home until they came into care."),
        ("Reasons for the recommendation", "No carer can meet both children's needs yet; weekly contact."),
    ):
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_label("Place the children apart").check()
    screenshot(page, "05-assessment")
    page.get_by_role("button", name="Save the assessment").click()
    page.wait_for_url(f"**/children/{ava.pk}/**")

    page.get_by_role(
        "link", name="Record whether Ava lives together with or apart from their brothers and sisters"
    ).click()
    page.get_by_label("Live apart").check()
    page.get_by_label("Reasons for the decision").fill("Zak's needs are better met with the Hill family for now.")
    fill_date(page, "Date of the decision", today)
    page.get_by_label("Where was the decision made?").select_option("review")
    page.get_by_label("With whom").fill("Zak")
    page.get_by_label("How often").fill("Every week")
    page.get_by_label("Direct: meeting in person, or by phone or video call").check()
    fill_date(page, "Review the contact plan by", date.today() + timedelta(days=180))
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_url(f"**/children/{ava.pk}/**")

    section = page.locator("#sibling-decision ~ dl").first
    assert "Live apart" in section.inner_text() and "Hill family" in section.inner_text()
    expect(page.get_by_role("cell", name="Every week", exact=True)).to_be_visible()
    expect(page.get_by_text("no sibling assessment is recorded")).not_to_be_visible()
    page.locator("#sibling-decision").scroll_into_view_if_needed()
    screenshot(page, "06-child-page-after")
    assert_accessible(page)


def test_the_my_plan_letter_pages_are_accessible(signed_in_page, siblings):
    page = signed_in_page
    ava, _ = siblings
    page.goto(f"/children/{ava.pk}/my-plan/")
    page.get_by_role("button", name="Start a new letter from the current plan").click()
    expect(page.get_by_role("heading", name="My plan letter")).to_be_visible()
    screenshot(page, "07-letter-draft")
    assert_accessible(page)
    # The author does not review their own letter: the team manager does.
    expect(page.get_by_role("button", name="Mark as reviewed")).to_have_count(0)
    letter_url = page.url
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "team.manager")
    page.goto(letter_url)
    page.get_by_role("button", name="Mark as reviewed").click()
    page.get_by_role("link", name="Print the letter").click()
    assert "Dear Ava," in page.locator(".app-print__letter").inner_text()
    screenshot(page, "08-letter-print")
    assert_accessible(page)
