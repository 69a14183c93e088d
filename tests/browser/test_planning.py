"""A social worker weighs the permanence options for a child and records the decision.

Open a child, start an options analysis, assess two options on their own pages, compare them
side by side, record the recommendation and the decision, and download the analysis as Word
and PDF.
"""

from datetime import date
from io import BytesIO

import pytest
from playwright.sync_api import expect

from .conftest import fill_date, screenshot
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def open_ava(page):
    page.get_by_label("Search by name or council reference").first.fill("Ava")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Ava Example").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ava Example"


def assess(page, option, *, strengths, risks, tick=None, belonging=""):
    page.get_by_role("link", name=f"Assess {option}").click()
    assert page.get_by_role("heading", level=1).inner_text() == option
    page.get_by_role("group", name="Is this a realistic option for the child?").get_by_label("Yes").check()
    page.get_by_label("Strengths for this child").fill(strengths)
    page.get_by_label("Risks for this child").fill(risks)
    page.get_by_label("The child's views").fill("Ava says she wants to stay near her nan.")
    if belonging:
        page.get_by_label("Can the care arrangement offer the child a stable family environment").fill(belonging)
    if tick:
        page.get_by_label(tick).check()
    page.get_by_role("button", name="Save this option").click()


def not_realistic(page, option, reason):
    page.get_by_role("link", name=f"Assess {option}").click()
    page.get_by_role("group", name="Is this a realistic option for the child?").get_by_role("radio", name="No").check()
    page.get_by_label("Why is it not realistic?").fill(reason)
    page.get_by_role("button", name="Save this option").click()


NOT_REALISTIC = {
    "Stay at home (with or without a supervision order)": "Ava cannot live safely at home: the findings of fact stand.",
    "Return home (reunification)": "The parenting assessment was negative and the changes needed are not in Ava's timescale.",
    "Kinship care with connected persons": "Grace seeks an order: kinship fostering would keep Ava looked after without need.",
    "Child arrangements order": "Grace needs the parental responsibility a special guardianship order gives.",
    "Adoption (including fostering for adoption and concurrent planning)": "Ava has a secure family placement with Grace.",
    "Residential care": "Ava's needs are met in a family.",
    "Supported move to independence (16 and 17)": "Ava is 6.",
}


def test_a_social_worker_weighs_the_options_and_records_the_decision(signed_in_page):
    page = signed_in_page
    today = date.today()
    open_ava(page)
    page.get_by_role("button", name="Open permanence planning").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Permanence planning"
    screenshot(page, "planning-workspace")

    page.get_by_role("button", name="Start an options analysis").click()
    fill_date(page, "Date of the analysis", today)
    page.get_by_role("button", name="Start the analysis").click()
    assert "Options analysis of" in page.get_by_role("heading", level=1).inner_text()

    # A mistake first: a realistic option needs its risks; the error summary says so.
    page.get_by_role("link", name="Assess Long-term fostering").click()
    page.get_by_role("group", name="Is this a realistic option for the child?").get_by_label("Yes").check()
    page.get_by_label("Strengths for this child").fill("Settled with Pat and Chris for over a year.")
    page.get_by_role("button", name="Save this option").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter the risks of this option for the child" in summary.inner_text()
    screenshot(page, "planning-option-error")
    assert_accessible(page)
    # "No" reveals the question why: the radios stay valid ARIA (no aria-expanded on a radio).
    realistic = page.get_by_role("group", name="Is this a realistic option for the child?")
    realistic.get_by_role("radio", name="No").check()
    expect(page.get_by_label("Why is it not realistic?")).to_be_visible()
    assert_accessible(page)
    realistic.get_by_role("radio", name="Yes").check()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the options analysis").click()

    assess(
        page,
        "Long-term fostering",
        strengths="Settled with Pat and Chris for over a year.",
        risks="Ava would stay looked after, with reviews and social work visits.",
        tick="Lack of Parental Responsibility for the carers.",
    )
    assert "assessment saved" in page.locator(".govuk-notification-banner").inner_text()
    assess(
        page,
        "Special guardianship",
        strengths="Grace, her grandmother, offers a lifelong home in the family.",
        risks="Grace is 68; support will be needed as Ava reaches her teens.",
        tick="Child has a strong attachment to the alternative carers and legally defined permanence",
        belonging="Ava already spends every weekend at Grace's and has her own room there.",
    )
    screenshot(page, "planning-analysis")

    page.get_by_role("button", name="Compare the options side by side").click()
    table = page.locator("table.app-compare__table")
    expect(table).to_be_visible()  # the page the click opens, before reading all its headers at once
    headers = table.locator("thead th[scope=col]").all_inner_texts()
    assert headers == ["Long-term fostering", "Special guardianship"]
    belonging_row = table.locator("tr", has=page.locator("th[scope=row]", has_text="Belonging"))
    assert "Ava already spends every weekend" in belonging_row.inner_text()
    screenshot(page, "planning-compare")
    assert_accessible(page)

    # No recommendation while options are left unassessed: each is weighed, realistic or not.
    page.get_by_role("button", name="Record the recommendation").click()
    page.get_by_label("Special guardianship").check()
    page.get_by_label("Why is this option recommended over the others?").fill("Grace offers belonging.")
    fill_date(page, "Date of the recommendation", today)
    page.get_by_role("button", name="Record the recommendation").click()
    assert "Assess every option before recommending one: 7 of 9" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_role("link", name="Back to the options analysis").click()
    for option, reason in NOT_REALISTIC.items():
        not_realistic(page, option, reason)
    page.get_by_role("button", name="Record the recommendation").click()
    page.get_by_label("Special guardianship").check()
    page.get_by_label("Why is this option recommended over the others?").fill(
        "Special guardianship with Grace gives Ava belonging in her own family and keeps her identity."
    )
    fill_date(page, "Date of the recommendation", today)
    screenshot(page, "planning-recommend")
    page.get_by_role("button", name="Record the recommendation").click()
    assert "Recommended: Special guardianship" in page.locator(".govuk-panel").inner_text()

    page.get_by_role("button", name="Record the decision on this recommendation").click()
    assert page.get_by_label("Permanence plan", exact=True).input_value() == "special_guardianship"
    page.get_by_label("Permanence planning meeting").check()
    fill_date(page, "Date of the decision", today)
    page.get_by_label("Who decided").fill("Tara Team-Manager, permanence planning meeting")
    page.get_by_label("Why was this decided?").fill("The meeting agreed the recommendation of the options analysis.")
    screenshot(page, "planning-decision")
    page.get_by_role("button", name="Save the decision").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Permanence planning"
    assert "The meeting agreed the recommendation" in page.locator("#decisions ~ table").first.inner_text()
    assert "Special guardianship" in page.locator(".govuk-summary-list").first.inner_text()
    screenshot(page, "planning-workspace-after")

    page.get_by_role("link", name="Options analysis of").first.click()
    with page.expect_download() as word_download:
        page.get_by_role("link", name="Download as a Word document (.docx)").click()
    word = word_download.value
    assert word.suggested_filename.endswith(".docx")
    from docx import Document

    with open(word.path(), "rb") as handle:
        text = "\n".join(p.text for p in Document(BytesIO(handle.read())).paragraphs)
    assert "Ava Example" in text and "Special guardianship with Grace" in text

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download as a PDF").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_stage_move_the_plan_cannot_make_is_not_offered(signed_in_page):
    page = signed_in_page
    open_ava(page)
    page.get_by_role("button", name="Open permanence planning").click()
    page.get_by_role("button", name="Record a change of stage").click()
    stages = page.get_by_role("group", name="Where has the plan got to?")
    # Waits for the page the click opens (count() would ask at once, before it has loaded).
    expect(stages.get_by_label("Agreed at review")).to_have_count(1)
    expect(stages.get_by_label("Placed")).to_have_count(0)
    page.get_by_role("button", name="Save the change of stage").click()
    assert "Select the stage the plan has reached" in page.locator(".govuk-error-summary").inner_text()
    screenshot(page, "planning-stage-error")
    page.get_by_role("group", name="Where has the plan got to?").get_by_label("Agreed at review").check()
    fill_date(page, "Date the plan reached this stage", date.today())
    page.get_by_role("button", name="Save the change of stage").click()
    assert "The plan is now at “Agreed at review”" in page.locator(".govuk-notification-banner").inner_text()
    assert "Agreed at review" in page.locator("table", has_text="Stage history").inner_text()
