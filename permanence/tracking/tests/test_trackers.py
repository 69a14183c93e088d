"""The three trackers that replace the PLO, proceedings and permanence spreadsheets."""

from datetime import date, datetime
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.children.models import Hearing, Person, Proceedings, Relationship
from permanence.meetings import services as meetings
from permanence.obligations.selectors import child_obligations
from permanence.planning import services as planning
from permanence.planning.models import Meeting
from permanence.tracking import trackers
from permanence.tracking.spreadsheet import workbook_bytes
from permanence.web.tests.builders import record_case

TODAY = date(2026, 11, 23)


def row_for(result, child):
    return next(r for r in result.rows if r.child.pk == child.pk)


def plo_case(ref, worker=None, **dates):
    child = record_case(ref, worker=worker)
    child.proceedings.all().delete()
    Proceedings.objects.create(child=child, pre_proceedings_start=date(2026, 8, 3), **dates)
    return child


def test_the_proceedings_tracker_counts_weeks_from_issue_and_moves_the_end_by_each_extension(sam):
    child = record_case(worker=sam)
    row = row_for(trackers.run("proceedings", today=TODAY), child)
    assert row.values["issued"] == date(2026, 3, 2)
    assert row.values["week"] == 39  # 2 March to 23 November is 38 whole weeks: the 39th week
    assert row.values["extensions"] == 8
    assert row.values["due"] == date(2026, 10, 26)  # 26 + 8 weeks after issue
    assert row.status == "overdue"


def test_a_tracker_shows_the_same_status_for_a_child_as_the_childs_own_page(sam):
    child = record_case(worker=sam)
    page = child_obligations(child, today=TODAY)
    on_page = {o.rule: o.status for o in page.open}
    assert row_for(trackers.run("proceedings", today=TODAY), child).status == on_page["proceedings-26-weeks"]
    permanence = row_for(trackers.run("permanence", today=TODAY), child)
    assert permanence.status in on_page.values()
    assert permanence.status_title in {o.title for o in page.open if o.status == permanence.status}


def test_an_adoption_plan_in_proceedings_needs_an_adm_decision(sam):
    child = record_case(worker=sam)
    planning.plan_record(child=child, primary_option="adoption", parallel_option="kinship", recorded=date(2026, 6, 1))
    row = row_for(trackers.run("proceedings", today=TODAY), child)
    assert row.values["adm_needed"] == "Yes" and row.values["adm_made"] is None
    assert row.values["plan"].startswith("Adoption")


def test_the_plo_tracker_says_what_the_next_step_is(sam):
    no_letter = plo_case("N", worker=sam)
    no_fgc = plo_case(
        "F", worker=sam, letter_before_proceedings=date(2026, 8, 10), pre_proceedings_meeting=date(2026, 8, 24)
    )
    result = trackers.run("plo", today=TODAY)
    assert row_for(result, no_letter).values["next_step"] == "Send the letter before proceedings"
    assert row_for(result, no_fgc).values["next_step"] == "Offer a family group conference"
    assert row_for(result, no_fgc).values["weeks_pre"] == 17


def test_connected_people_identified_but_not_assessed_are_the_next_step(sam):
    child = plo_case(
        "C", worker=sam, letter_before_proceedings=date(2026, 8, 10), pre_proceedings_meeting=date(2026, 8, 24)
    )
    Meeting.objects.create(child=child, kind="family_group_conference", date=date(2026, 9, 1))
    aunt = Person.objects.create(first_name="Jo", last_name="Aunt")
    gran = Person.objects.create(first_name="Val", last_name="Gran")
    Relationship.objects.create(child=child, person=aunt, relationship="aunt_uncle", connected_person=True)
    Relationship.objects.create(
        child=child,
        person=gran,
        relationship="grandparent",
        connected_person=True,
        assessment_outcome="Viability assessment positive",
    )
    row = row_for(trackers.run("plo", today=TODAY), child)
    assert (row.values["connected_identified"], row.values["connected_assessed"]) == (2, 1)
    assert row.values["next_step"] == "Assess 1 connected person"
    assert row.values["fgc"] == date(2026, 9, 1)


def test_children_in_pre_proceedings_are_not_in_the_proceedings_tracker(sam):
    child = plo_case("P", worker=sam)
    assert child.pk not in trackers.population("proceedings", TODAY)
    assert child.pk in trackers.population("plo", TODAY)
    assert child.pk in trackers.population("permanence", TODAY)


def test_the_permanence_tracker_counts_days_in_care_and_since_the_plan(sam):
    child = record_case(worker=sam)
    planning.plan_record(child=child, primary_option="kinship", recorded=date(2026, 11, 13))
    row = row_for(trackers.run("permanence", today=TODAY), child)
    assert row.values["entered_care"] == date(2026, 1, 5)
    assert row.values["days_in_care"] == (TODAY - date(2026, 1, 5)).days
    assert row.values["days_since_plan"] == 10
    assert row.values["stage"] == "Being explored"
    assert row.values["carer"] == "Grandma C1"


def test_filters_narrow_to_a_worker_an_iro_or_the_overdue(sam, team):
    pat = User.objects.create_user("pat", first_name="Pat", last_name="Worker", role=roles.SOCIAL_WORKER, team=team)
    mine, theirs = record_case("A", worker=sam), record_case("B", worker=pat)
    only_pat = trackers.run("proceedings", today=TODAY, filters=trackers.TrackerFilters(worker=pat.pk))
    assert [r.child for r in only_pat.rows] == [theirs] and only_pat.total == 2
    overdue = trackers.run("proceedings", today=TODAY, filters=trackers.TrackerFilters(overdue_only=True))
    assert {r.child for r in overdue.rows} == {mine, theirs}
    assert (
        trackers.run("proceedings", today=date(2026, 4, 1), filters=trackers.TrackerFilters(overdue_only=True)).rows
        == []
    )


def test_sorting_puts_blanks_last_whichever_way_round(sam):
    early = record_case("E", worker=sam)
    late = record_case("L", worker=sam)
    late.proceedings.update(issued=date(2026, 5, 4))
    planning.plan_record(child=late, primary_option="kinship", recorded=date(2026, 6, 1))
    for descending in (False, True):
        by_plan = trackers.run(
            "permanence", today=TODAY, filters=trackers.TrackerFilters(sort="plan_agreed", descending=descending)
        )
        assert [r.child for r in by_plan.rows] == [late, early]
    by_week = trackers.run("proceedings", today=TODAY, filters=trackers.TrackerFilters(sort="week", descending=True))
    assert [r.child for r in by_week.rows] == [early, late]


def test_the_excel_download_reads_back_with_real_dates_and_week_numbers(sam):
    child = record_case(worker=sam)
    result = trackers.run("proceedings", today=TODAY)
    sheet = load_workbook(BytesIO(workbook_bytes(result))).active
    headers = [c.value for c in sheet[3]]
    assert headers[:6] == ["Child", "Council reference", "Social worker", "Team", "IRO", "Issued"]
    values = dict(zip(headers, [c.value for c in sheet[4]], strict=True))
    assert values["Child"] == child.full_name
    assert values["Issued"] == datetime(2026, 3, 2)
    assert sheet.cell(row=4, column=headers.index("Issued") + 1).number_format == "DD/MM/YYYY"
    assert values["Week number"] == 39 and values["Extensions (weeks)"] == 8
    assert values["Most urgent: status"] == "Overdue"
    assert values["Most urgent: what is due"] == "Care proceedings concluded"
    assert sheet.freeze_panes == "B4"


def test_the_tracker_page_lists_children_with_links_and_downloads_the_same_rows(client, sam):
    child = record_case(worker=sam)
    client.force_login(sam)
    url = reverse("tracker", args=["proceedings"])
    html = client.get(url).content.decode()
    assert reverse("child-detail", args=[child.pk]) in html and "Week number" in html
    download = client.get(url, {"format": "xlsx"})
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "proceedings-tracker-" in download["Content-Disposition"]
    sheet = load_workbook(BytesIO(download.content)).active
    assert sheet.cell(row=4, column=1).value == child.full_name


def test_an_unknown_tracker_is_not_found_and_a_bad_filter_is_named(client, sam):
    client.force_login(sam)
    assert client.get("/trackers/spreadsheet-of-doom/").status_code == 404
    html = client.get(reverse("tracker", args=["permanence"]), {"worker": "nobody"}).content.decode()
    assert "govuk-error-summary" in html and "Select the social worker from the list" in html


def test_a_tracker_with_nobody_in_it_says_so(client, sam):
    client.force_login(sam)
    html = client.get(reverse("tracker", args=["plo"])).content.decode()
    assert "No child matches these filters" in html


def test_the_tracker_page_takes_the_same_number_of_queries_for_1_or_20_children(client, sam):
    client.force_login(sam)
    record_case("A", worker=sam)
    url = reverse("tracker", args=["permanence"])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(19):
        record_case(f"B{i}", worker=sam)
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(url)
    assert response.context["result"].total == 20
    assert len(twenty.captured_queries) == len(one.captured_queries)


def test_libreoffice_opens_the_download_with_real_dates_and_week_numbers(sam, tmp_path):
    """LibreOffice, not just openpyxl, reads the workbook: the issue date is a date shown dd/mm/yyyy."""
    import shutil
    import subprocess

    import pytest

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (Debian package libreoffice-calc-nogui) is not installed on this machine")
    record_case(worker=sam)
    book = tmp_path / "proceedings.xlsx"
    book.write_bytes(workbook_bytes(trackers.run("proceedings", today=TODAY)))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "html",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    html = (tmp_path / "proceedings.html").read_text(encoding="utf-8", errors="replace")
    assert "02/03/2026" in html  # issued 2 March 2026, shown day first
    assert 'sdnum="1033;0;DD/MM/YYYY"' in html  # a real date cell with the tracker's format, not text
    assert ">39<" in html  # the week number is a number


def test_a_name_typed_as_a_formula_stays_text_in_the_excel_download(sam):
    """A child recorded as =HYPERLINK(...) must not become a live link when a manager opens the tracker."""
    child = record_case(worker=sam)
    attack = '=HYPERLINK("http://evil.example","Click")'
    type(child).objects.filter(pk=child.pk).update(first_name=attack, last_name="")
    sheet = load_workbook(BytesIO(workbook_bytes(trackers.run("proceedings", today=TODAY)))).active
    cell = next(c for c in sheet[4] if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert cell.data_type == "s" and cell.quotePrefix and cell.value.startswith("=HYPERLINK")


def test_the_trackers_show_the_next_review_panel_and_hearing_a_manager_tracks(sam, pat):
    child = record_case(worker=sam)
    proceedings = child.proceedings.get()
    Hearing.objects.create(proceedings=proceedings, kind=Hearing.CMH, date=date(2026, 4, 1))  # past: not next
    Hearing.objects.create(proceedings=proceedings, kind=Hearing.IRH, date=date(2026, 12, 9))
    Hearing.objects.create(proceedings=proceedings, kind=Hearing.FINAL, date=date(2027, 1, 20))
    panel = meetings.panel_create(date=date(2026, 12, 3), chair=pat)
    meetings.panel_item_add(panel=panel, child=child, matter="plan_after_review", today=TODAY)
    permanence = row_for(trackers.run("permanence", today=TODAY), child)
    assert permanence.values["next_hearing"] == date(2026, 12, 9)
    assert permanence.values["next_panel"] == date(2026, 12, 3)
    # Reviewed on 28 January 2026 (the first review): the second is due 3 months later, 28 April.
    assert permanence.values["next_review"] == date(2026, 4, 28)
    proceedings_row = row_for(trackers.run("proceedings", today=TODAY), child)
    assert proceedings_row.values["next_hearing"] == date(2026, 12, 9)
    assert proceedings_row.values["next_panel"] == date(2026, 12, 3)


def test_the_permanence_tracker_shows_the_report_the_referral_and_the_carers_told(sam):
    """Camden s6: after an adoption plan, the Child's Permanence Report and the referral to the
    regional adoption agency; Part 6: what prospective carers were told."""
    child = record_case(worker=sam)
    planning.plan_record(child=child, primary_option="adoption", recorded=date(2026, 10, 1))
    planning.plan_step_record(child=child, kind="raa_referral", date=date(2026, 10, 8), today=TODAY)
    planning.plan_step_record(child=child, kind="cpr_completed", date=date(2026, 11, 2), today=TODAY)
    planning.carer_briefing_record(
        child=child, carers="Mr and Mrs Ahmed", shared_on=date(2026, 11, 10), known_risks="Epilepsy", today=TODAY
    )
    row = row_for(trackers.run("permanence", today=TODAY), child)
    assert row.values["profile_done"] == date(2026, 11, 2)
    assert row.values["referred"] == date(2026, 10, 8)
    assert row.values["carers_told"] == date(2026, 11, 10)
    assert "Child's Permanence Report or Form E" in [c.header for c in trackers.TRACKERS["permanence"].columns]
