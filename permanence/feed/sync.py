"""One sync from a council's SSD extract into the case record: `permanence sync-ssd SOURCE`.

A run is **per child with a report**: each child's facts are applied whole or not at all. A child
with any problem in any of their rows keeps what the record held (the problems are listed by
table, row and field); every other child is brought up to date. A problem with the extract as a
whole (no ssd_person, a missing column, a file that is not CSV, a database that cannot be read,
an extract that would end more than a tenth of the people held) fails the run and changes nothing.
A re-run is harmless: an unchanged person is recognised by the digest of their rows and not
touched; a child's facts are never stepped back to an extract older than the one they are as at.
"""

import fcntl
import hashlib
import logging
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from permanence.audit import chain
from permanence.children.changes import children_changed

from .kinds import KINDS
from .mapping.person import Lookups, default_role_of, map_person
from .mapping.values import Problem
from .models import FeedPerson, FeedRecord, SyncProblem, SyncRun
from .plans import Tally, when
from .sources import SourceError, describe, open_source
from .staging import Staging
from .workers import Workers
from .writer import BatchWriter

log = logging.getLogger(__name__)
BATCH = 1000
LOCK_KEY = 727_0018  # PostgreSQL advisory lock: one sync at a time
# More people than this share of those held leaving the extract at once is taken for a partial
# extract: the run fails rather than ending them (PERMANENCE_SSD_MAX_VANISHED, 0 to 1).
MAX_VANISHED = 0.10


def ssd_sync(
    *,
    source: str,
    as_at: datetime | None = None,
    by=None,
    progress: Callable[[str], None] | None = None,
    batch_size: int = BATCH,
    max_vanished: float | None = None,
    today=None,
) -> SyncRun:
    """Read the extract at `source` and bring the case record up to date; returns the SyncRun."""
    say = progress or (lambda message: None)
    started = time.perf_counter()
    run = SyncRun.objects.create(
        started_at=timezone.now(), source=describe(source)[:500], as_at=as_at or timezone.now(), by=by
    )
    tally = Tally()
    problems: list[Problem] = []
    try:
        with one_sync_at_a_time(run):
            _run(run, source, as_at, tally, problems, say, batch_size, max_vanished, today)
        run.status = SyncRun.SUCCEEDED
    except SourceError as error:
        run.status, run.message = SyncRun.FAILED, str(error)
        say(f"Failed: {error}")
    except Exception as error:  # recorded for the status page, then raised for the scheduler's log
        run.status, run.message = SyncRun.FAILED, f"{type(error).__name__}: {error}"
        _finish(run, tally, problems)
        log.exception("SSD sync %s failed", run.pk)
        raise
    _finish(run, tally, problems)
    say(f"Done in {time.perf_counter() - started:.1f} s")
    return run


@contextmanager
def one_sync_at_a_time(run):
    """Two syncs at once would each plan against what the other is writing: the second is refused.
    (A lock the database or the operating system lets go of if the process dies.) A run left
    "running" by a process that died is marked failed."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            if not cursor.fetchone()[0]:
                raise SourceError("another sync is running: this one read nothing and changed nothing")
        try:
            _stale(run)
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        return
    with open(lock_path(), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SourceError("another sync is running: this one read nothing and changed nothing") from None
        try:
            _stale(run)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def lock_path():
    """The lock file of this database's sync (one database, one sync at a time)."""
    folder = _staging_folder() or Path(tempfile.gettempdir())
    name = hashlib.sha1(str(connection.settings_dict["NAME"]).encode()).hexdigest()[:12]
    return folder / f"ssd-sync-{name}.lock"


def _stale(run):
    SyncRun.objects.filter(status=SyncRun.RUNNING).exclude(pk=run.pk).update(
        status=SyncRun.FAILED,
        message="This run stopped before it finished (its process ended): no child was left half-applied, "
        "and the next run brings the rest up to date.",
        finished_at=timezone.now(),
    )


def _run(run, source, as_at, tally, problems, say, batch_size, max_vanished, today):
    extract = open_source(source)
    run.source = extract.description[:500]
    run.as_at = as_at or extract.default_as_at()
    run.save(update_fields=["source", "as_at"])
    say(f"Reading {extract.description} (as at {timezone.localtime(run.as_at):%d/%m/%Y %H:%M})")
    try:
        with Staging(folder=_staging_folder()) as staging:
            # A first load stages every row as it is read; a later run reads the extract first and
            # stages only the rows of the people it will apply.
            staging.load(extract, progress=say, everything=not FeedPerson.objects.exists())
            _apply(run, staging, tally, problems, say, batch_size, max_vanished, today)
    finally:
        extract.close()


def _finish(run, tally, problems):
    SyncProblem.objects.bulk_create(
        [
            SyncProblem(
                run=run,
                kind=SyncProblem.PROBLEM,
                table=p.table[:60],
                row=p.row[:60],
                field=p.field[:60],
                value=p.value[:80],
                message=p.message[:300],
                person=p.person[:48],
            )
            for p in problems
        ],
        batch_size=2000,
    )
    run.counts = tally.as_dict()
    run.problem_count = len(problems)
    run.finished_at = timezone.now()
    run.save()


def _staging_folder():
    folder = getattr(settings, "VAR_DIR", None)
    if folder is None:
        return None
    path = folder / "ssd-staging"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _apply(run, staging, tally, problems, say, batch_size, max_vanished, today):
    today = today or timezone.localdate()
    problems.extend(staging.problems)
    blocked = {p.person for p in staging.problems if p.person}
    digests = staging.digests()
    people = staging.people()
    in_extract = set(people)
    held = {
        person: (digest, as_at, vanished)
        for person, digest, as_at, vanished in FeedPerson.objects.values_list(
            "person_id", "digest", "as_at", "vanished_at"
        )
    }
    active = {p for p, (_, _, vanished) in held.items() if vanished is None}
    leaving = active - in_extract
    limit = getattr(settings, "PERMANENCE_SSD_MAX_VANISHED", MAX_VANISHED) if max_vanished is None else max_vanished
    if active and len(leaving) > limit * len(active):
        raise SourceError(
            f"{len(leaving):,} of the {len(active):,} people held are not in this extract (more than "
            f"{limit:.0%}): a partial extract? Nothing was changed. If they really have all left, run again "
            "with --max-vanished 1."
        )
    todo, older = [], []
    for person in people:
        known = held.get(person)
        if known is None or known[2] is not None or known[0] != digests.get(person) or person in blocked:
            if known is not None and known[1] > run.as_at and known[0] != digests.get(person):
                older.append(person)
            else:
                todo.append(person)
    tally.people["unchanged"] += len(people) - len(todo) - len(older)
    tally.people["refused, older than held"] += len(older)
    for person in older:
        as_at = held[person][1]
        problems.append(
            Problem(
                "ssd_person",
                "",
                "pers_person_id",
                person,
                f"the facts held for this child are as at {when(as_at)}, newer than this extract "
                f"({when(run.as_at)}): not applied",
                person,
            )
        )
    # The unchanged are confirmed as at this extract, so their facts show its time.
    moving = set(todo) | set(older)
    unchanged = [p for p in people if p not in moving]
    for i in range(0, len(unchanged), 5000):
        FeedPerson.objects.filter(person_id__in=unchanged[i : i + 5000], as_at__lt=run.as_at).update(as_at=run.as_at)
    staging.stage(todo, progress=say)
    lookups = staging.lookups()
    workers = Workers(lookups)
    mapping_lookups = Lookups(
        professionals=lookups["ssd_professionals"], departments=lookups["ssd_department"], role_of=_role_reader()
    )
    writer = BatchWriter(run=run, tables=staging.present, workers=workers, tally=tally)
    say(f"People: {len(people):,} in the extract, {len(todo):,} new or changed, {len(older):,} older than held")
    done = 0
    for i in range(0, len(todo), batch_size):
        batch = todo[i : i + batch_size]
        rows = staging.rows_for(batch)
        facts = [map_person(person, rows[person], mapping_lookups, today=today) for person in batch]
        for f in facts:
            if f.person in blocked and not f.problems:
                f.problems.append(
                    Problem(
                        "ssd_person",
                        "",
                        "pers_person_id",
                        f.person,
                        "has a problem in another table (listed)",
                        f.person,
                    )
                )
        plans = writer.plan(facts, digests)
        writer.write(plans)
        for plan in plans:
            if plan.problems:
                tally.people["refused, with problems"] += 1
                problems.extend(
                    p for p in plan.problems if not (p.message.startswith("has a problem in another table"))
                )
        done += len(batch)
        reset_queries()  # with DEBUG on, Django keeps every query: a national load's would fill memory
        say(f"People applied: {done:,} of {len(todo):,}")
    _leave(run, leaving, tally)


def _leave(run, leaving, tally):
    """People no longer in the extract: kept, never deleted; their open allocations and orders end."""
    if not leaving:
        return
    day = timezone.localtime(run.as_at).date()
    leaving = sorted(leaving)
    with transaction.atomic():
        for i in range(0, len(leaving), 2000):
            chunk = leaving[i : i + 2000]
            people = list(FeedPerson.objects.filter(person_id__in=chunk).values_list("person_id", "child_id"))
            child_ids = [c for _, c in people]
            for kind in KINDS:
                records = FeedRecord.objects.filter(child_id__in=child_ids, kind=kind.name, vanished_at__isnull=True)
                ids = list(records.values_list("object_id", flat=True))
                if kind.end_field and ids:
                    kind.model.objects.filter(pk__in=ids, **{f"{kind.end_field}__isnull": True}).update(
                        **{kind.end_field: day, "updated_at": timezone.now()}
                    )
                tally.kinds[kind.name]["ended"] += records.update(vanished_at=run.as_at)
            FeedPerson.objects.filter(person_id__in=chunk).update(vanished_at=run.as_at)
            SyncProblem.objects.bulk_create(
                [
                    SyncProblem(
                        run=run,
                        kind=SyncProblem.ENDED,
                        table="ssd_person",
                        field="pers_person_id",
                        value=person,
                        person=person,
                        message="This person is no longer in the extract: the child's record is kept; open allocations and orders are ended.",
                    )
                    for person, _ in people
                ]
            )
            tally.changed_children.update(child_ids)
            children_changed(child_ids)
            chain.append_many(
                [
                    {
                        "action": "update",
                        "model": "feed.sync",
                        "object_id": str(run.pk),
                        "child_id": child_id,
                        "username": "case system feed",
                        "path": f"sync-ssd {run.source}"[:500],
                        "after": {"person": person, "left the extract": run.as_at.isoformat()},
                    }
                    for person, child_id in people
                ]
            )
    tally.people["left the extract"] += len(leaving)


def _role_reader():
    """Involvement roles: the council's own words (PERMANENCE_SSD_ROLES, {text: role}) before the defaults."""
    own = {k.strip().lower(): v for k, v in getattr(settings, "PERMANENCE_SSD_ROLES", {}).items()}

    def role_of(text):
        lowered = (text or "").strip().lower()
        if lowered in own:
            return own[lowered] or None
        return default_role_of(text)

    return role_of
