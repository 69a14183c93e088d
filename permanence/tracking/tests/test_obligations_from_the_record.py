"""The app reads the same obligations from the case record as the command line reads from a file."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.obligations.batch import compute_all
from permanence.obligations.selectors import obligations_for_child
from permanence.obligations.snapshots import snapshots_for
from permanence.planning import services as planning
from permanence.timescales import CaseSnapshot, compute_obligations, load_pack
from permanence.tracking import selectors
from permanence.tracking.digest import digest_main
from permanence.web.tests.builders import record_case

TODAY = date(2026, 11, 23)
CASE_FILE = {
    "child": {"id": "C1", "dob": "2020-03-10"},
    "episodes": [
        {
            "start": "2026-01-05",
            "end": None,
            "legal_status": "C1",
            "placement": "U1",
            "reason_new": "S",
            "carer": {"connected_person": True, "temporary_approval_extended": False},
        }
    ],
    "reviews": [{"date": "2026-01-28"}],
    "proceedings": {"issued": "2026-03-02", "extensions": [{"weeks": 8}], "concluded": None},
    "orders": [{"type": "supervision_order", "made": "2026-06-01", "extended_to": None}],
    "plan": {"recorded": None},
}


def summary(obligations):
    return [(o.rule, o.occurrence, o.due, o.status) for o in obligations]


def test_the_child_page_and_the_deadlines_command_agree_on_the_same_case(db, settings):
    settings.PERMANENCE_POLICY = "leeds"
    child = record_case()
    from_record = obligations_for_child(child, today=TODAY)

    # What the record cannot hold yet (no model for it), the file says it does not record either.
    not_held = sorted(snapshots_for([child.pk])[child.pk].unknown)
    case_file = {**CASE_FILE, "not_recorded": not_held}
    from_file = compute_obligations(
        CaseSnapshot.from_dict(case_file), load_pack("leeds"), TODAY, include_not_applicable=True
    )
    assert summary(from_record) == summary(from_file)


def test_the_drift_dashboard_finds_the_overdue_and_the_late_proceedings(sam):
    child = record_case(worker=sam)
    ids = selectors.children_in_scope(sam, "mine", today=TODAY)
    assert ids == [child.pk]
    found = selectors.drift(ids, today=TODAY)
    assert found.counts["proceedings_late"] == 1
    assert found.counts["no_plan"] == 1
    assert {o.rule for o in found.overdue[0].obligations} >= {"cla-review", "permanence-plan", "temporary-approval"}


def test_recording_the_plan_takes_the_child_off_the_no_plan_list(sam):
    child = record_case(worker=sam)
    planning.plan_record(child=child, primary_option="kinship", recorded=date(2026, 11, 20))
    found = selectors.drift([child.pk], today=TODAY)
    assert found.counts["no_plan"] == 0


def test_the_dashboard_takes_the_same_number_of_queries_for_1_or_12_children(sam):
    record_case("A", worker=sam)
    with CaptureQueriesContext(connection) as one:
        selectors.drift(selectors.children_in_scope(sam, "mine", today=TODAY), today=TODAY)
    for i in range(11):
        record_case(f"B{i}", worker=sam)
    with CaptureQueriesContext(connection) as twelve:
        found = selectors.drift(selectors.children_in_scope(sam, "mine", today=TODAY), today=TODAY)
    assert found.children == 12
    assert len(twelve.captured_queries) == len(one.captured_queries)


def test_a_team_view_covers_every_worker_in_the_team(sam, team):
    pat = User.objects.create_user("pat", first_name="Pat", last_name="Worker", role=roles.SOCIAL_WORKER, team=team)
    record_case("A", worker=sam)
    record_case("B", worker=pat)
    assert len(selectors.children_in_scope(sam, "team", today=TODAY)) == 2
    assert len(selectors.children_in_scope(sam, "mine", today=TODAY)) == 1


def test_the_digest_lists_each_workers_overdue_items_with_sources(sam, capsys):
    record_case(worker=sam)
    assert digest_main(["--today", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "Sam Social-Worker" in out and "Permanence plan by the second review" in out and "reg 33" in out


def test_the_digest_emails_workers(sam, mailoutbox):
    sam.email = "sam@example.org"
    sam.save()
    record_case(worker=sam)
    assert digest_main(["--today", "2026-11-23", "--email"]) == 0
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["sam@example.org"]


def test_the_batch_counts_agree_with_the_dashboard(sam):
    ids = [record_case(f"R{i}", worker=sam).pk for i in range(3)]
    result = compute_all(ids, today=TODAY, processes=1)
    dashboard = selectors.drift(ids, today=TODAY)
    assert result.children == 3
    assert result.by_status["overdue"] == dashboard.counts["overdue"]


@pytest.mark.django_db(transaction=True)  # the forked processes read committed rows over their own connections
def test_the_parallel_batch_adds_up_to_the_same_as_one_process(sam):
    ids = [record_case(f"Q{i}", worker=sam).pk for i in range(6)]
    one = compute_all(ids, today=TODAY, processes=1)
    split = compute_all(ids, today=TODAY, processes=2, batch=2)
    assert (split.children, split.obligations, split.by_status) == (one.children, one.obligations, one.by_status)
