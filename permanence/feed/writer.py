"""Writing a batch of planned people to the case record, in bulk.

The plans of a batch are written in one transaction; if the database refuses the batch, each
person is written in a transaction of their own, so one child's failure never half-applies another
and never half-applies itself. Each child's change is in the audit trail, written with it.
"""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone

from permanence.audit import chain
from permanence.children.changes import children_changed
from permanence.children.models import Child

from . import bulk
from .kinds import BATCH, KINDS, digest
from .mapping.values import Problem
from .models import FeedPerson, FeedRecord, SyncProblem
from .plans import Planner
from .workers import resolved


class BatchWriter(Planner):
    """Plans and writes one batch of people."""

    def write(self, plans):
        """Write the plans without problems: the batch at once, or person by person if refused."""
        good = [p for p in plans if not p.problems]
        try:
            with transaction.atomic():
                self._write(good)
                children_changed(p.child_id for p in good)
        except IntegrityError:
            for plan in good:
                try:
                    with transaction.atomic():
                        self._write([plan])
                        children_changed([plan.child_id])
                except IntegrityError as error:
                    plan.problems.append(
                        Problem(
                            "ssd_person",
                            "",
                            "pers_person_id",
                            plan.person,
                            f"could not be written: {error}",
                            plan.person,
                        )
                    )
        return plans

    def _write(self, plans):
        now = timezone.now()
        # Children first: new ones get their ids.
        new_children = [p for p in plans if p.child_id is None]
        ids = bulk.insert(Child, [{"council_reference": p.person, **p.child_values} for p in new_children])
        for p, child_id in zip(new_children, ids, strict=True):
            p.child_id = child_id
        changed = [p for p in plans if p.child_update]
        Child.objects.bulk_update(
            [Child(pk=p.child_id, updated_at=now, **p.child_values) for p in changed],
            [*self.child_fields, "updated_at"],
            batch_size=BATCH,
        )
        people = {fp.person_id: fp for fp in FeedPerson.objects.filter(person_id__in=[p.person for p in plans])}
        person_rows_new, person_rows_changed = [], []
        for p in plans:
            child_digest = (
                digest(p.child_values)
                if not p.child_kept
                else (people[p.person].child_digest if p.person in people else "")
            )
            held = people.get(p.person)
            if held is None:
                person_rows_new.append(
                    {
                        "person_id": p.person,
                        "child_id": p.child_id,
                        "digest": p.digest,
                        "child_digest": child_digest,
                        "as_at": self.as_at,
                    }
                )
            else:
                held.digest, held.child_digest, held.as_at, held.vanished_at = p.digest, child_digest, self.as_at, None
                person_rows_changed.append(held)
        bulk.insert(FeedPerson, person_rows_new, ids=False)
        FeedPerson.objects.bulk_update(
            person_rows_changed, ["digest", "child_digest", "as_at", "vanished_at"], batch_size=BATCH
        )
        # Facts by kind: each plan's creates, adoptions, updates and ends gathered by kind in one pass.
        grouped = {kind.name: ([], [], [], []) for kind in KINDS}
        for p in plans:
            for kind_name, key, values in p.creates:
                grouped[kind_name][0].append((p, key, values))
            for adoption in p.adoptions:
                grouped[adoption[0]][1].append((p, adoption))
            for update in p.updates:
                grouped[update[0]][2].append((p, update))
            for end in p.ends:
                grouped[end[0]][3].append((p, end))
        for kind in KINDS:
            self._write_kind(kind, *grouped[kind.name], now)
        for p in plans:
            self._tally_person(p)
        notes = [SyncProblem(run=self.run, person=p.person, **n) for p in plans for n in p.notes]
        SyncProblem.objects.bulk_create(notes, batch_size=BATCH)
        # Each child's change is in the audit trail, in the same transaction as the change itself.
        chain.append_many([self._audit(p) for p in plans if p.changes])

    def _audit(self, p):
        changes = defaultdict(lambda: defaultdict(int))
        for kind, *_ in p.creates:
            changes[kind]["new"] += 1
        for kind, _, _, values, _ in p.updates:
            if values is not None:
                changes[kind]["changed"] += 1
        for kind, _, _, _, write in p.adoptions:
            if write:
                changes[kind]["changed"] += 1
        for kind, *_ in p.ends:
            changes[kind]["ended"] += 1
        if p.child_update:
            changes["child"]["changed"] += 1
        by = self.run.by
        return {
            "action": "update" if p.was_held else "create",
            "model": "feed.sync",
            "object_id": str(self.run.pk),
            "child_id": p.child_id,
            "user_id": by.pk if by else None,
            "username": by.get_username() if by else "case system feed",
            "path": f"sync-ssd {self.run.source}"[:500],
            "after": {
                "source": "Standard Safeguarding Dataset",
                "person": p.person,
                "as_at": self.as_at.isoformat(),
                "changes": {kind: dict(counts) for kind, counts in changes.items()},
            },
        }

    def _write_kind(self, kind, creates, adoptions, updates, ends, now):
        """One kind's creates [(plan, key, values)], adoptions, updates and ends [(plan, item)]."""
        made = bulk.insert(
            kind.model,
            [values for _, _, values in creates],
            columns={"child_id": [p.child_id for p, _, _ in creates]},
        )
        records = [
            {"child_id": p.child_id, "kind": kind.name, "key": key, "object_id": pk, "digest": digest(values)}
            for (p, key, values), pk in zip(creates, made, strict=True)
        ]
        records += [
            {"child_id": p.child_id, "kind": kind.name, "key": key, "object_id": pk, "digest": digest(values)}
            for p, (_, key, pk, values, _) in adoptions
        ]
        bulk.insert(FeedRecord, records, ids=False)
        rewrites = [
            kind.model(pk=pk, child_id=p.child_id, updated_at=now, **values)
            for p, (_, _, pk, values, write) in adoptions
            if write
        ]
        changed_records = []
        for p, (_, record, pk, values, _) in updates:
            if values is not None:
                rewrites.append(kind.model(pk=pk, child_id=p.child_id, updated_at=now, **values))
                record.digest = digest(values)
            else:
                record.digest = digest(self._values_of(kind, p, record))
            record.vanished_at = None
            changed_records.append(record)
        if rewrites:
            kind.model.objects.bulk_update(rewrites, [*kind.fields, "updated_at"], batch_size=BATCH)
        ended = []
        for _, (_, record, pk, end_field) in ends:
            if end_field:
                ended.append(pk)
            record.vanished_at = self.as_at
            changed_records.append(record)
        if ended:
            kind.model.objects.filter(pk__in=ended).update(**{kind.end_field: self.day, "updated_at": now})
        if changed_records:
            FeedRecord.objects.bulk_update(changed_records, ["digest", "vanished_at"], batch_size=BATCH)
        counts = self.tally.kinds[kind.name]
        counts["new"] += len(creates) + sum(1 for _, a in adoptions if a[4])
        counts["unchanged"] += sum(1 for _, a in adoptions if not a[4])
        counts["changed"] += sum(1 for _, u in updates if u[3] is not None)
        counts["ended"] += len(ends)

    def _values_of(self, kind, p, record):
        for fact in p.facts.facts:
            if fact.kind == kind.name and fact.key == record.key:
                return resolved(fact, self.workers)
        return {}

    def _tally_person(self, p):
        if not p.was_held:
            self.tally.people["new"] += 1
            self.tally.changed_children.add(p.child_id)
        elif p.changes:
            self.tally.people["changed"] += 1
            self.tally.changed_children.add(p.child_id)
        else:
            self.tally.people["unchanged"] += 1
