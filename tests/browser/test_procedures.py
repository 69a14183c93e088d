"""The procedures a plan asks for, end to end in Chromium: a social worker records the Child's
Permanence Report and the referral to the regional adoption agency (Camden section 6), that
fostering for adoption was considered (Children Act 1989 s22C(9A)), what prospective carers were
told and their acknowledgement, and a parent's contribution (Part 6); a pre-birth assessment for
an unborn child (DfE Knowledge and Skills Statement section 1). The clock and the permanence
tracker show the dates. Every page is checked with axe."""

from datetime import date, timedelta

import pytest

from permanence.accounts.models import User
from permanence.children.models import Child
from permanence.children.services import child_open
from permanence.planning import services as planning

from .conftest import fill_date, screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_the_child_arrangements_order_check_knows_the_s10_5_d_ground(page, council):
    sign_in(page)
    page.goto("/legal-routes/child-arrangements-order-without-leave/")
    fill_date(page, "Date of the application", date.today())
    page.get_by_label("Someone the child spends time with under a child arrangements order").check()
    page.get_by_role("button", name="Check").click()
    body = page.locator("main").inner_text()
    assert "can apply without leave" in body and "s10(5)(d)" in body
    assert_accessible(page)


def test_a_social_worker_records_the_steps_of_an_adoption_plan_and_the_clock_and_tracker_see_them(
    page, council, settings
):
    settings.PERMANENCE_POLICY = "camden"
    today = date.today()
    ava = Child.objects.get(first_name="Ava", last_name="Example")
    worker = User.objects.get(username="social.worker")
    planning.plan_record(
        child=ava, primary_option="adoption", recorded=today - timedelta(days=21), by=worker, reason="Agreed at review."
    )
    sign_in(page)
    page.goto(f"/children/{ava.pk}/planning/")
    steps = page.get_by_role("table", name="Each step, where it comes from, and when the clock expects it")
    referral = steps.get_by_role("row", name="Referred to the regional adoption agency for family finding")
    assert "Overdue" in referral.inner_text()  # plan recorded 21 days ago; Camden's pack allows 2 weeks
    assert "Camden, Permanence practice guidance for social workers, section 6" in referral.inner_text()
    screenshot(page, "procedures-workspace")
    assert_accessible(page)

    # The referral, from its own link: an empty date is refused first, naming the field.
    referral.get_by_role("link", name="Record it").click()
    page.get_by_role("button", name="Save the step").click()
    assert "Enter the date" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    fill_date(page, "Date it was taken", today)
    page.get_by_label("Note (optional)").fill("Referred to Adopt London South")
    page.get_by_role("button", name="Save the step").click()
    referral = page.get_by_role("row", name="Referred to the regional adoption agency for family finding")
    assert "Adopt London South" in referral.inner_text() and "Met" in referral.inner_text()

    page.get_by_role("row", name="Child's Permanence Report completed").get_by_role("link", name="Record it").click()
    fill_date(page, "Date it was taken", today)
    page.get_by_role("button", name="Save the step").click()
    assert "Met" in page.get_by_role("row", name="Child's Permanence Report completed").inner_text()

    # Fostering for adoption considered: a decision with its reasons.
    page.locator("#fostering-for-adoption ~ dl a[href*='kind=ffa_considered']").first.click()
    page.get_by_label("Fostering for adoption considered").check()
    page.get_by_label("Permanence planning meeting").check()
    fill_date(page, "Date of the decision", today)
    page.get_by_label("Who decided").fill("Tara Team-Manager")
    page.get_by_label("Why was this decided?").fill(
        "Considered; the Ahmeds are approved as adopters and foster carers."
    )
    page.get_by_role("button", name="Save the decision").click()
    assert "the Ahmeds are approved" in page.locator("#fostering-for-adoption ~ dl").first.inner_text()

    # What the prospective carers were told, then their acknowledgement.
    page.get_by_role("button", name="Record what was shared with the carers").click()
    assert_accessible(page)
    page.get_by_label("Who was the information shared with?").fill("Mr and Mrs Ahmed, prospective adopters")
    fill_date(page, "Date it was shared", today)
    page.get_by_label("Known risks").fill("Exposure to alcohol before birth")
    page.get_by_label("Needs the child is expected to have as they grow up").fill("Speech and language therapy")
    page.get_by_role("button", name="Save what was shared").click()
    assert (
        "Mr and Mrs Ahmed"
        in page.get_by_role("table", name="What prospective carers were told, newest first").inner_text()
    )
    page.locator("a[href$='/acknowledged/']").first.click()
    assert_accessible(page)
    fill_date(page, "Date the carers acknowledged what was shared", today)
    page.get_by_role("button", name="Save the acknowledgement").click()

    # A parent's contribution to planning.
    page.get_by_role("button", name="Record a parent's contribution").click()
    assert_accessible(page)
    page.get_by_label("Which parent contributed?").fill("Mother")
    fill_date(page, "Date of the contribution", today)
    page.get_by_label("At a planning meeting or review").check()
    page.get_by_label("What they contributed to the plan").fill("Wants Ava to keep her first name and a photo book.")
    page.get_by_role("button", name="Save the contribution").click()
    assert (
        "keep her first name"
        in page.get_by_role("table", name="What the parents contributed, newest first").inner_text()
    )
    screenshot(page, "procedures-recorded")
    assert_accessible(page)

    # The permanence tracker shows the dates.
    page.goto("/trackers/permanence/")
    row = page.locator("table.pp-tracker tbody tr", has_text="Ava Example")
    text = row.inner_text()
    assert text.count(f"{today.day} {today:%B} {today.year}") >= 3, text


def test_a_pre_birth_assessment_for_an_unborn_child(page, council):
    today = date.today()
    worker = User.objects.get(username="social.worker")
    baby = child_open(
        by=worker,
        first_name="Baby",
        last_name="Example",
        expected_date_of_birth=today + timedelta(days=60),
        council_reference="U9001",
    )
    sign_in(page)
    page.goto(f"/children/{baby.pk}/planning/")
    row = page.get_by_role("row", name="Pre-birth assessment completed")
    assert "Suggested" in row.inner_text()
    assert "DfE, Knowledge and Skills Statement: Achieving Permanence, section 1" in row.inner_text()
    row.get_by_role("link", name="Record it").click()
    fill_date(page, "Date it was taken", today)
    page.get_by_role("button", name="Save the step").click()
    assert "Met" in page.get_by_role("row", name="Pre-birth assessment completed").inner_text()
    assert_accessible(page)


def test_the_iro_sees_the_twin_track_plan_and_records_that_the_review_considered_it(page, council, settings):
    """Birmingham section 2: twin-track planning considered at the first and every later review."""
    settings.PERMANENCE_POLICY = "birmingham"
    ava = Child.objects.get(first_name="Ava", last_name="Example")
    review = ava.reviews.order_by("-date").first()
    planning.plan_record(
        child=ava,
        primary_option="return_home",
        parallel_option="adoption",
        recorded=review.date,
        reason="Agreed at review.",
    )
    sign_in(page, username="iro")
    page.goto(f"/children/{ava.pk}/reviews/{review.pk}/decisions-report/")
    plan = page.locator("dl.govuk-summary-list").first.inner_text()
    assert "Return home" in plan and "Adoption" in plan
    assert_accessible(page)
    page.get_by_role("radio", name="Confirmed: the plan stays as it is").check()
    page.get_by_label("The review considered twin-track (parallel) planning").check()
    page.get_by_label("Decision 1", exact=True).fill("Return home stays the plan; adoption in parallel.")
    page.get_by_label("Decision 1: who will carry it out").select_option(index=1)
    fill_date(page, "Decision 1: by when", date.today() + timedelta(days=42))
    page.get_by_label("The child's views").fill("Wants to go home to her mother.")
    page.get_by_role("button", name="Save the decisions report").click()
    review.refresh_from_db()
    assert review.decisions_report.twin_track_considered


def test_after_a_long_term_fostering_plan_form_e_and_the_referral_are_recorded_and_watched(page, council, settings):
    """Camden section 6: Form E and the referral to the Family, Friends and Fostering service."""
    settings.PERMANENCE_POLICY = "camden"
    today = date.today()
    ben = Child.objects.get(first_name="Ben", last_name="Sample00")
    planning.plan_record(
        child=ben, primary_option="long_term_fostering", recorded=today - timedelta(days=50), reason="Agreed at review."
    )
    sign_in(page)
    page.goto(f"/children/{ben.pk}/planning/")
    form_e = page.get_by_role("row", name="Form E (the child's profile) completed")
    assert "Overdue" in form_e.inner_text()  # 50 days after the plan; the pack allows 6 weeks
    form_e.get_by_role("link", name="Record it").click()
    fill_date(page, "Date it was taken", today)
    page.get_by_role("button", name="Save the step").click()
    assert "Met" in page.get_by_role("row", name="Form E (the child's profile) completed").inner_text()
    page.get_by_role("row", name="Referred to the Family, Friends and Fostering service").get_by_role(
        "link", name="Record it"
    ).click()
    fill_date(page, "Date it was taken", today)
    page.get_by_role("button", name="Save the step").click()
    assert_accessible(page)
    page.goto("/trackers/permanence/")
    row = page.locator("table.pp-tracker tbody tr", has_text="Sample00")
    assert row.inner_text().count(f"{today.day} {today:%B} {today.year}") >= 2, row.inner_text()
