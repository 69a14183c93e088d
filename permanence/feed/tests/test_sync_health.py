"""Health assessments, dental checks, care plans and missing episodes from the SSD: each child's
applied whole or not at all, a re-run harmless, an older extract never stepping back in time."""

from datetime import date

from permanence.children.models import Child, DentalCheck, HealthAssessment, MissingEpisode, StatutoryPlan
from permanence.feed.models import SyncProblem, SyncRun

from . import extracts as x


def held():
    """Every health check, care plan and missing episode, with when it was last written."""
    out = {}
    for model in (HealthAssessment, DentalCheck, StatutoryPlan, MissingEpisode):
        for row in model.objects.values():
            out[(model.__name__, row["id"])] = row
    return out


def child(ref):
    return Child.objects.get(council_reference=ref)


def test_the_first_sync_brings_each_childs_health_checks_care_plans_and_missing_episodes(sync, october):
    run = sync(x.council_with_health(), october)
    assert run.status == SyncRun.SUCCEEDED and run.problem_count == 0, list(run.problems.values_list("message"))
    ava, ben = child("P100"), child("P200")
    assert list(ava.health_assessments.values_list("kind", "date")) == [("initial", date(2026, 1, 20))]
    assert list(ava.dental_checks.values_list("date", flat=True)) == [date(2026, 3, 3)]
    assert list(ava.statutory_plans.values_list("kind", "date")) == [
        ("care_plan", date(2026, 1, 5)),
        ("care_plan", date(2026, 2, 2)),
    ]
    assert list(ben.health_assessments.values_list("kind", "date")) == [("review", date(2026, 3, 10))]
    assert list(ben.missing_episodes.order_by("start").values_list("kind", "start", "end", "interview_declined")) == [
        ("M", date(2026, 4, 4), date(2026, 4, 5), True),
        ("A", date(2026, 6, 14), None, False),
    ]
    assert run.counts["health"]["new"] == 2 and run.counts["missing"]["new"] == 2


def test_the_same_extract_again_changes_none_of_them(sync, october):
    sync(x.council_with_health(), october)
    before = held()
    run = sync(x.council_with_health(), x.at("2026-10-02"))
    assert held() == before and run.people == {"unchanged": 3}


def test_a_second_extract_with_a_new_assessment_a_return_and_a_vanished_plan_changes_exactly_so(sync, october):
    sync(x.council_with_health(), october)
    before = held()
    tables = x.plus(x.council_with_health(), "ssd_cla_health", x.health("H4", "P100", "2026-07-18", kind="Health"))
    tables = x.changed(tables, "ssd_missing", "M2", miss_missing_episode_end_date="2026-06-15")
    tables = x.without(tables, "ssd_cla_care_plan", "CP1")
    run = sync(tables, x.at("2026-10-08"))
    assert run.status == SyncRun.SUCCEEDED and run.problem_count == 0
    after = held()
    changed = {key for key in after if key in before and after[key] != before[key]}
    new = {key for key in after if key not in before}
    away = MissingEpisode.objects.get(child=child("P200"), kind="A")
    assert changed == {("MissingEpisode", away.pk)} and away.end == date(2026, 6, 15)
    assessment = HealthAssessment.objects.get(date=date(2026, 7, 18))
    assert new == {("HealthAssessment", assessment.pk)} and assessment.kind == "review"
    assert StatutoryPlan.objects.filter(child=child("P100")).count() == 2  # kept, not deleted
    ended = run.problems.get(kind=SyncProblem.ENDED)
    assert (ended.table, ended.row) == ("ssd_cla_care_plan", "CP1") and "kept as it was" in ended.message
    assert run.people == {"changed": 2, "unchanged": 1}


def test_an_older_extract_never_takes_back_a_return_or_an_assessment(sync, october):
    newer = x.plus(x.council_with_health(), "ssd_cla_health", x.health("H4", "P100", "2026-07-18"))
    newer = x.changed(newer, "ssd_missing", "M2", miss_missing_episode_end_date="2026-06-15")
    sync(newer, x.at("2026-10-20"))
    before = held()
    run = sync(x.council_with_health(), october)  # a late copy of an earlier night's extract
    assert held() == before
    assert run.people["refused, older than held"] == 2
    assert {p.person for p in run.problems.all()} == {"P100", "P200"}
    assert all("newer than this extract" in p.message for p in run.problems.all())


def test_a_child_with_one_bad_health_row_keeps_everything_while_the_others_are_brought_up_to_date(sync, october):
    sync(x.council_with_health(), october)
    before = held()
    tables = x.plus(x.council_with_health(), "ssd_cla_care_plan", x.care_plan("CP3", "P100", "2026-05-01"))
    tables = x.plus(tables, "ssd_cla_health", x.health("H5", "P100", '=HYPERLINK("x")', kind="Dental Check"))
    tables = x.plus(tables, "ssd_missing", x.missing("M4", "P200", "2026-09-01", "2026-09-02"))
    run = sync(tables, x.at("2026-10-02"))
    ava_after = {k: v for k, v in held().items() if v["child_id"] == child("P100").pk}
    assert ava_after == {k: v for k, v in before.items() if v["child_id"] == child("P100").pk}  # nothing half-applied
    assert MissingEpisode.objects.filter(child=child("P200"), start=date(2026, 9, 1)).exists()
    problem = run.problems.get(kind=SyncProblem.PROBLEM)
    assert (problem.table, problem.row, problem.field, problem.person) == (
        "ssd_cla_health",
        "5",
        "clah_health_check_date",
        "P100",
    )


def test_an_assessment_corrected_here_after_the_extract_was_taken_is_not_overwritten(sync, october):
    sync(x.council_with_health(), october)
    assessment = HealthAssessment.objects.get(child=child("P200"))
    assessment.date = date(2026, 3, 11)  # corrected here today, after the extract of 1 October
    assessment.save()
    tables = x.changed(x.council_with_health(), "ssd_cla_health", "H3", clah_health_check_date="2026-03-09")
    tables = x.plus(tables, "ssd_cla_health", x.health("H6", "P200", "2026-09-09"))
    run = sync(tables, x.at("2026-10-02"))
    assessment.refresh_from_db()
    assert assessment.date == date(2026, 3, 11)
    assert HealthAssessment.objects.filter(child=child("P200"), date=date(2026, 9, 9)).exists()
    kept = run.problems.get(kind=SyncProblem.KEPT)
    assert (kept.table, kept.row) == ("ssd_cla_health", "4") and "not overwritten" in kept.message
