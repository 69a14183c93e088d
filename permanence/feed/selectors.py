"""Reads about the feed: how fresh a child's case facts are, the runs, and their problems."""

from .models import CareLeaverFacts, FeedPerson, PermanenceDates, SyncProblem, SyncRun


def facts_as_at(child_id=None):
    """The extract time of the facts held for a child (or of the last successful run)."""
    if child_id is not None:
        as_at = FeedPerson.objects.filter(child_id=child_id).values_list("as_at", flat=True).first()
        if as_at is not None:
            return as_at
    return SyncRun.objects.filter(status=SyncRun.SUCCEEDED).values_list("as_at", flat=True).first()


def last_run():
    return SyncRun.objects.first()


def last_successful_run():
    return SyncRun.objects.filter(status=SyncRun.SUCCEEDED).first()


def recent_runs(limit=20):
    return list(SyncRun.objects.select_related("by")[:limit])


def run_problems(run, *, kind=None, limit=None):
    problems = SyncProblem.objects.filter(run=run).order_by("pk")
    if kind:
        problems = problems.filter(kind=kind)
    return problems[:limit] if limit else problems


def problem_counts(run):
    """{kind: count} of what a run reported."""
    from django.db.models import Count

    return dict(
        SyncProblem.objects.filter(run=run).values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )


def permanence_dates_for(child_id):
    return list(PermanenceDates.objects.filter(child_id=child_id).order_by("-placement_order", "-pk"))


def care_leaver_facts_for(child_id):
    return list(CareLeaverFacts.objects.filter(child_id=child_id).order_by("-pathway_plan_review", "-pk"))
