"""Each person who runs a meeting, through the pages they use, in Chromium with axe: the team
manager's and service manager's dashboards and filters, the tracking agenda narrowed to a team
and a worker, the reviews of one IRO with an escalation's stage and outcome, and the panel's
structured minutes handed to the Agency Decision Maker, who decides having considered them."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from permanence.accounts.models import Team, User
from permanence.children.models import Allocation, Episode, LegalOrder
from permanence.children.orders import PLACEMENT_ORDER
from permanence.meetings import services as meetings
from permanence.meetings.models import Panel

from .conftest import fill_date, screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def _drift_children(page):
    """The number of children the drift dashboard is showing, as its opening sentence says."""
    return int(re.search(r"soon for (\d+) child", page.locator("main").inner_text()).group(1))


def _title_says_error_at_most_once(page):
    assert page.title().count("Error:") <= 1, page.title()


def test_a_team_manager_narrows_the_drift_dashboard_to_a_worker_and_back_to_the_team(page, demo_council):
    manager = User.objects.get(username="team.manager")
    sign_in(page, username="team.manager")
    page.get_by_role("link", name="Drift", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Drift dashboard")
    team = _drift_children(page)
    assert team > 0
    counts = page.locator(".pp-count").first.inner_text()
    assert "dut" in counts and "local rule" in counts, "the overdue count says how many are duties and local rules"
    screenshot(page, "tm-drift-team")
    assert_accessible(page)

    # One worker of the team: fewer children, each allocated to them.
    worker = (
        Allocation.objects.filter(role=Allocation.SOCIAL_WORKER, end__isnull=True, team=manager.team)
        .values_list("worker__first_name", "worker__last_name")
        .first()
    )
    name = " ".join(worker)
    page.get_by_label("Social worker").select_option(label=name)
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**worker=**")
    one = _drift_children(page)
    assert one < team
    workers = page.locator("table.govuk-table tbody tr td:nth-child(2)").all_inner_texts()
    assert workers and all(name in text for text in workers)
    screenshot(page, "tm-drift-worker")
    assert_accessible(page)

    # My cases: the team manager's own, which is not the team's.
    page.get_by_label("Social worker").select_option(label="All workers")
    page.get_by_label("Show").select_option(label="My cases")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**scope=mine**")
    assert _drift_children(page) != team
    _title_says_error_at_most_once(page)


def test_a_service_manager_sees_the_whole_service_narrows_the_agenda_and_reads_one_iros_reviews(page, demo_council):
    manager = User.objects.get(username="service.manager")
    iro = User.objects.get(username="iro")
    sign_in(page, username="service.manager")

    # Drift: the whole service, then each team and one worker, each a part of the whole.
    page.get_by_role("link", name="Drift", exact=True).click()
    service = _drift_children(page)
    by_team = {}
    for team in Team.objects.filter(
        pk__in=Allocation.objects.filter(role=Allocation.SOCIAL_WORKER, end__isnull=True).values("team")
    ):
        page.get_by_label("Show").select_option(label="Whole service")
        page.get_by_label("Team").select_option(label=team.name)
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(f"**team={team.pk}**")
        by_team[team.name] = _drift_children(page)
        expect(page.locator(".govuk-caption-l").first).to_contain_text(team.name)
    # Each child counted in their own team's view and in no other: the filter really changes the list.
    assert len(set(by_team.values())) > 1 and sum(by_team.values()) == service, by_team
    screenshot(page, "sm-drift-team")
    assert_accessible(page)
    worker = User.objects.get(username="social.worker")
    page.get_by_label("Team").select_option(label="All teams")
    page.get_by_label("Social worker").select_option(label=worker.get_full_name())
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**worker=**")
    assert 0 < _drift_children(page) < service

    # The tracking agenda, narrowed to each team and to one worker; the pack follows.
    meeting = meetings.tracking_meeting_create(date=date.today(), chair=manager)
    page.goto(f"/meetings/tracking/{meeting.pk}/")
    rows = page.locator("#agenda tbody tr")
    everyone = rows.count()
    assert everyone > 1
    on_agenda = {}
    for team_name in by_team:
        page.get_by_label("Team").select_option(label=team_name)
        page.get_by_role("button", name="Show these children").click()
        page.wait_for_url("**team=**")
        on_agenda[team_name] = rows.count() if page.locator("#agenda").count() else 0
    assert len(set(on_agenda.values())) > 1 and sum(on_agenda.values()) <= everyone, on_agenda
    biggest = max(on_agenda, key=on_agenda.get)
    page.get_by_label("Team").select_option(label=biggest)
    page.get_by_role("button", name="Show these children").click()
    expect(page.locator("#agenda-filtered")).to_contain_text(f"in {biggest}")
    screenshot(page, "sm-agenda-team")
    assert_accessible(page)
    page.get_by_label("Team").select_option(label="All teams")
    page.get_by_label("Social worker").select_option(label=worker.get_full_name())
    page.get_by_role("button", name="Show these children").click()
    page.wait_for_url("**worker=**")
    assert 0 < rows.count() < everyone
    assert all(worker.get_full_name() in text for text in rows.all_inner_texts())
    page.get_by_role("link", name="Meeting pack to print").click()
    pack = page.locator("main").inner_text()
    assert f"Only the children allocated to {worker.get_full_name()}" in pack and "OFFICIAL-SENSITIVE" in pack
    screenshot(page, "sm-pack-worker")
    assert_accessible(page)

    # The IRO's desk, one IRO at a time, with an escalation's stage and, once closed, its outcome.
    child = Allocation.objects.filter(role=Allocation.IRO, end__isnull=True, worker=iro).first().child
    escalation = meetings.escalation_raise(
        child=child,
        concern="The plan for adoption has had no family finding for four months.",
        stage="service_manager",
        raised_on=date.today() - timedelta(days=20),
        respond_by=date.today() - timedelta(days=6),
        by=iro,
    )
    page.goto("/meetings/")  # the printed pack has no site menu
    page.get_by_role("link", name="Reviews and escalations").click()
    everyone = page.locator("main").inner_text()
    assert "3. Service manager" in everyone and "no family finding for four months" in everyone
    page.get_by_label("Independent Reviewing Officer").select_option(label=iro.get_full_name())
    page.get_by_role("button", name="Show their reviews").click()
    page.wait_for_url("**iro=**")
    expect(page.locator("main")).to_contain_text(f"{iro.get_full_name()} is the Independent Reviewing Officer for")
    assert "IRO" not in page.locator("#reviews thead").inner_text().split()  # one IRO: no IRO column needed
    screenshot(page, "sm-iro-desk-one-iro")
    assert_accessible(page)
    meetings.escalation_update(
        escalation=escalation, on=date.today(), note="Family finding started; Form E sent.", outcome="resolved"
    )
    page.goto(f"/children/{child.pk}/escalations/{escalation.pk}/")
    summary = page.locator("dl").first.inner_text()
    assert "3. Service manager" in summary and "Resolved: the plan was put right" in summary
    screenshot(page, "sm-escalation-resolved")
    assert_accessible(page)


def _child_for_an_adoption_plan():
    """The youngest child looked after under a care order or interim care order, with no placement
    order yet: the panel is asked whether they should be placed for adoption, and the Agency Decision
    Maker decides (Adoption Agencies Regulations 2005 regs 18-19)."""
    ordered = LegalOrder.objects.filter(order_type=PLACEMENT_ORDER).values_list("child_id", flat=True)
    episode = (
        Episode.objects.filter(end__isnull=True, legal_status__in=("C1", "C2"))
        .exclude(child_id__in=ordered)
        .select_related("child")
        .order_by("-child__date_of_birth", "pk")
        .first()
    )
    assert episode is not None, "the demo council has a child under a care order and no placement order"
    return episode.child


def test_a_panel_chair_records_structured_minutes_and_the_adm_decides_having_considered_them(page, demo_council):
    child = _child_for_an_adoption_plan()
    chair = User.objects.get(username="panel.member")
    members = [(m.person, m.role) for m in Panel.objects.order_by("pk").first().members.exclude(role="chair")]
    panel = meetings.panel_create(date=date.today(), chair=chair, members=members)
    meetings.panel_item_add(panel=panel, child=child, matter="adoption_plan", papers="Child's permanence report")

    # The panel's chair finds the panel from the menu and records the minutes.
    sign_in(page, username="panel.member")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Permanence panel").first.click()
    screenshot(page, "panel-list")
    assert_accessible(page)
    page.get_by_role("link", name=f"{date.today():%-d %B %Y}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{date.today():%-d %B %Y}")
    assert child.full_name in page.locator("main").inner_text()
    screenshot(page, "panel-detail")
    assert_accessible(page)
    page.get_by_role("link", name=child.full_name).click()
    page.get_by_role("link", name="Record the panel's minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Panel minutes for {child.full_name}")
    expect(page.locator(".govuk-caption-l")).to_contain_text("adoption plan (for the Agency Decision Maker)")

    # Saving with nothing said is refused, each missing part named.
    page.get_by_role("button", name="Complete the minutes").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    text = summary.inner_text()
    assert "This field is required" not in text
    assert "recommendation" in text.lower() and "reasons" in text.lower()
    _title_says_error_at_most_once(page)
    screenshot(page, "panel-minutes-errors")
    assert_accessible(page)

    present = page.get_by_role("group", name="Members and advisers who took part in this item")
    assert present.get_by_role("checkbox").count() >= 5
    for n in range(present.get_by_role("checkbox").count()):
        present.get_by_role("checkbox").nth(n).check()
    page.get_by_label("Recommended (or agreed)").check()
    page.get_by_label("The panel's recommendation, in its words").fill(
        f"{child.first_name} should be placed for adoption."
    )
    page.get_by_label("Permanence option recommended").select_option("adoption")
    page.get_by_label("The reasons for the recommendation").fill(
        "No family member can care for the child long term; the child needs a family for life."
    )
    page.get_by_role("group", name="Did every member agree?").get_by_label("Yes").check()
    fill_date(page, "Date the minutes were completed", date.today())
    page.get_by_role("button", name="Complete the minutes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("minutes")
    minutes = page.locator("main").inner_text()
    assert "Quorate" in minutes and "the child needs a family for life" in minutes
    assert chair.get_full_name() in minutes, "the minutes name the members who took part"
    screenshot(page, "panel-minutes-recorded")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    # The Agency Decision Maker finds it waiting, reads the minutes, and decides.
    sign_in(page, username="adm")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Permanence panel").first.click()
    waiting = page.get_by_role("heading", name="Waiting for the Agency Decision Maker").locator(
        "xpath=following-sibling::*[1]"
    )
    waiting.get_by_role("link", name=child.full_name).click()
    page.get_by_role("link", name="Record your decision").click()
    main = page.locator("main").inner_text()
    assert "the child needs a family for life" in main and "Quorate" in main
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("considered")
    _title_says_error_at_most_once(page)
    assert_accessible(page)
    page.get_by_label("I have considered the panel's minutes and its recommendation").check()
    page.get_by_role("group", name="Decision").get_by_role("radio").first.check()
    fill_date(page, "Date of the decision", date.today())
    page.get_by_label("Reasons", exact=True).fill("I agree with the panel: adoption meets the child's needs for life.")
    screenshot(page, "adm-decision-form")
    assert_accessible(page)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("main")).to_contain_text("having considered the panel's minutes")
    screenshot(page, "adm-decision-recorded")
    assert_accessible(page)
