"""The people who know a fact record it, and what is due moves at once (Chromium, axe).

As a social worker: a move, then the visit due within a week of the new placement; the visit,
and the next one moves; a care order made; proceedings issued and final evidence filed, and the
tracker changes. As the IRO: the review they chaired, the next review moving and the decisions
report linked. As a team manager: a child allocated to a worker, on that worker's caseload.
Each journey also tries bad input first and shows that nothing changed.
"""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from permanence.children.models import Carer, Child, Episode, LegalOrder, Proceedings, Review, Visit
from permanence.obligations.selectors import obligations_for_child

from .conftest import fill_date, screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser
TODAY = date.today()


def govuk(day):
    return f"{day.day} {day.strftime('%B')} {day.year}"


def open_child(page, council):
    ava = council["ava"]
    page.goto(f"/children/{ava.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ava Example")
    return ava


def short(day):
    """A due date as 'What is due' shows it: 5 Jan 2026."""
    return f"{day.day} {day.strftime('%b')} {day.year}"


def due_row(page, rule):
    """The row of 'What is due' for a rule (its id), still to do."""
    return page.locator(f'table.pp-obligations tr[data-rule="{rule}"]').first


def next_due(child, rule):
    found = [o for o in obligations_for_child(child) if o.rule == rule and o.open]
    return found[0].due if found else None


def test_a_social_worker_records_a_move_a_visit_an_order_and_proceedings(signed_in_page, council):
    page = signed_in_page
    Carer.objects.create(name="Jo and Lee Carer", kind="foster_carer", reference="FC-77", postcode="TB3 3CC")
    ava = open_child(page, council)
    menu = page.locator("#record-menu")
    expect(menu.get_by_role("link", name="Record a move")).to_be_visible()
    expect(menu.get_by_role("link", name="Record a review held")).to_have_count(0)
    screenshot(page, "record-01-child-page-menu")
    assert_accessible(page)

    # A move with no reason for the change is refused and nothing changes.
    menu.get_by_role("link", name="Record a move").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a move")
    moved_on = TODAY - timedelta(days=1)
    fill_date(page, "Date of the move", moved_on)
    page.get_by_label("Placement type (PLACE)").select_option("U4")
    page.get_by_label("Carer or home").select_option(label="Jo and Lee Carer (FC-77)")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select the reason for the change of placement")
    assert page.title().startswith("Error: Record a move")
    screenshot(page, "record-02-move-refused")
    assert_accessible(page)
    assert Episode.objects.filter(child=ava).count() == 1

    page.get_by_label("Reason for the change of placement").select_option("CARPL")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The move is recorded.")
    assert Episode.objects.filter(child=ava).count() == 2
    # The statutory visit is due within a week of the new placement (CPPCR 2010 reg 28).
    expect(due_row(page, "sw-visit")).to_contain_text(short(moved_on + timedelta(days=7)))
    screenshot(page, "record-03-visit-due-after-move")
    assert_accessible(page)

    # A visit in the future is refused; today's is recorded, and the next one moves.
    page.locator("#record-menu").get_by_role("link", name="Record a statutory visit").click()
    fill_date(page, "Date of the visit", TODAY + timedelta(days=2))
    page.get_by_label("Where the child lives").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Date of the visit must be today or in the past")
    assert_accessible(page)
    assert not Visit.objects.filter(child=ava).exists()
    fill_date(page, "Date of the visit", TODAY)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The visit is recorded.")
    assert Visit.objects.filter(child=ava, date=TODAY).exists()
    expect(due_row(page, "sw-visit")).not_to_contain_text(short(moved_on + timedelta(days=7)))
    expect(due_row(page, "sw-visit")).to_contain_text(short(next_due(ava, "sw-visit")))
    screenshot(page, "record-04-visit-recorded")

    # A care order made before the child was born is refused; then recorded.
    page.locator("#record-menu").get_by_role("link", name="Record a legal order made").click()
    page.get_by_label("Order").select_option("care_order")
    fill_date(page, "Date the order was made", ava.date_of_birth - timedelta(days=30))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("This order cannot be made before the child is born.")
    assert_accessible(page)
    assert not LegalOrder.objects.filter(child=ava, order_type="care_order").exists()
    fill_date(page, "Date the order was made", TODAY)
    page.get_by_label("Court").fill("Thornbury Family Court")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#legal-orders ~ table").first).to_contain_text("Care order (s31)")

    # Proceedings: final evidence filed before the issue date is refused; then filed, and the tracker shows it.
    proceedings = Proceedings.objects.get(child=ava)
    page.get_by_role("link", name="Update these proceedings").click()
    fill_date(page, "Date the local authority's final evidence was filed", proceedings.issued - timedelta(days=1))
    page.get_by_role("button", name="Save the change").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("cannot be filed before the application was issued")
    screenshot(page, "record-05-final-evidence-refused")
    assert_accessible(page)
    proceedings.refresh_from_db()
    assert proceedings.final_evidence_filed is None
    filed = TODAY - timedelta(days=1)
    fill_date(page, "Date the local authority's final evidence was filed", filed)
    page.get_by_role("button", name="Save the change").click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    page.goto("/trackers/proceedings/")
    row = page.get_by_role("row").filter(has_text="Ava Example")
    expect(row).to_contain_text(govuk(filed))
    screenshot(page, "record-06-proceedings-tracker")
    assert_accessible(page)


def test_proceedings_issued_for_a_child_in_pre_proceedings_move_to_the_proceedings_tracker(signed_in_page, council):
    page = signed_in_page
    child = Child.objects.exclude(pk=council["ava"].pk).filter(allocations__worker=council["sam"]).first()
    page.goto(f"/children/{child.pk}/")
    page.locator("#record-menu").get_by_role("link", name="Record pre-proceedings or care proceedings").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date pre-proceedings started")
    assert not Proceedings.objects.filter(child=child).exists()
    fill_date(page, "Date pre-proceedings started", TODAY - timedelta(days=40))
    fill_date(page, "Date the application was issued", TODAY - timedelta(days=3))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The proceedings are recorded.")
    page.goto("/trackers/proceedings/")
    expect(page.get_by_role("row").filter(has_text=child.full_name)).to_contain_text(govuk(TODAY - timedelta(days=3)))
    assert_accessible(page)


def test_the_iro_records_the_review_they_chaired(page, council):
    sign_in(page, "iro")
    ava = open_child(page, council)
    before = Review.objects.filter(child=ava).count()
    due_before = next_due(ava, "cla-review")
    expect(due_row(page, "cla-review")).to_contain_text(short(due_before))
    page.locator("#record-menu").get_by_role("link", name="Record a review held").click()
    fill_date(page, "Date the review was held", TODAY + timedelta(days=5))
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Date the review was held must be today or in the past")
    expect(summary).to_contain_text("Select the care plan")
    screenshot(page, "record-07-review-refused")
    assert_accessible(page)
    assert Review.objects.filter(child=ava).count() == before

    held = TODAY - timedelta(days=1)
    fill_date(page, "Date the review was held", held)
    page.get_by_label("The care plan was confirmed").check()
    page.get_by_label("The child's participation (PN code)").select_option("PN1")
    page.get_by_role("button", name="Save").click()
    # Straight on to the IRO decisions report for that review.
    expect(page.get_by_role("heading", level=1)).to_contain_text("decisions report")
    review = Review.objects.get(child=ava, date=held)
    assert review.iro.username == "iro"
    page.goto(f"/children/{ava.pk}/")
    reviews = page.locator("#reviews ~ table").first
    expect(reviews).to_contain_text(govuk(held))
    report = reviews.locator(f'a[href="/children/{ava.pk}/reviews/{review.pk}/decisions-report/"]')
    expect(report).to_contain_text("Not yet written")
    # The next review is timed from the one just held.
    due_after = next_due(ava, "cla-review")
    assert due_after > due_before
    expect(due_row(page, "cla-review")).to_contain_text(short(due_after))
    screenshot(page, "record-08-review-recorded")
    assert_accessible(page)


def test_a_team_manager_allocates_a_child_to_a_worker(page, council):
    sign_in(page, "team.manager")
    ava = open_child(page, council)
    page.locator("#record-menu").get_by_role("link", name="Allocate a social worker or IRO").click()
    page.get_by_label("Allocated social worker").check()
    page.get_by_label("Allocate to").select_option(label="Irene Reviewer (Independent Reviewing Officer)")
    fill_date(page, "Date the allocation starts", TODAY)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose someone whose role lets them hold this allocation."
    )
    assert_accessible(page)
    page.get_by_label("Allocate to").select_option(label="Omar Other-Worker (Social worker)")
    page.get_by_role("button", name="Save").click()
    # Allocated to another team, Ava leaves the manager's caseload: they land on it, told so.
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The allocation is recorded.")
    expect(page.get_by_text("Ava Example is no longer on your or your team's caseload.")).to_be_visible()
    screenshot(page, "record-09a-allocation-saved")
    assert_accessible(page)
    page.context.clear_cookies()
    sign_in(page, "other.worker")
    expect(page.get_by_role("link", name="Ava Example")).to_be_visible()
    screenshot(page, "record-09-on-the-new-workers-caseload")
    assert_accessible(page)
    assert ava.allocations.filter(worker__username="other.worker", end__isnull=True).exists()
