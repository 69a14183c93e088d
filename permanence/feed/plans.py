"""Planning one batch of people: for each, what is new, what changed, what left the extract, and
what is newer here and must not be overwritten. A person with any problem is not written at all.

Every fact has already been judged by the record's own rules (mapping/person.py); the plan also
checks the facts against what the record holds that the feed did not bring (an episode recorded
here that overlaps one from the extract).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from permanence.children import rules
from permanence.children.models import Child

from .kinds import CHILD_FIELDS, KIND, KINDS, TABLE_KEY, digest
from .mapping.values import Problem
from .models import FeedPerson, FeedRecord, SyncProblem
from .workers import resolved


@dataclass
class Tally:
    """What a run did, by kind of record and for people."""

    kinds: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    people: dict = field(default_factory=lambda: defaultdict(int))
    changed_children: set = field(default_factory=set)

    def as_dict(self):
        out = {kind: {k: n for k, n in counts.items() if n} for kind, counts in self.kinds.items()}
        out["people"] = {k: n for k, n in self.people.items() if n}
        return {kind: counts for kind, counts in out.items() if counts or kind == "people"}


@dataclass
class Plan:
    """What one person's facts change."""

    person: str
    facts: object  # PersonFacts
    digest: str = ""  # of the person's rows in this extract
    was_held: bool = False  # the feed knew this person before this run
    child_id: int | None = None  # None: a new child
    child_values: dict = field(default_factory=dict)
    child_update: bool = False
    child_kept: bool = False
    creates: list = field(default_factory=list)  # (kind, key, values)
    updates: list = field(default_factory=list)  # (kind, record, object id, values, clear_vanished)
    adoptions: list = field(default_factory=list)  # (kind, key, object id, values, write)
    ends: list = field(default_factory=list)  # (kind, record, object id, end field or None)
    notes: list = field(default_factory=list)  # SyncProblem kwargs (ENDED, KEPT)
    kept: dict = field(default_factory=dict)  # (kind, key) -> the values held here, newer than the extract
    problems: list = field(default_factory=list)

    @property
    def changes(self):
        return bool(
            self.child_id is None
            or self.child_update
            or self.creates
            or self.updates
            or any(a[4] for a in self.adoptions)
            or self.ends
        )


class Planner:
    """Plans one batch of people (the writer writes the plans)."""

    def __init__(self, *, run, tables, workers, tally):
        self.run, self.tables, self.workers, self.tally = run, set(tables), workers, tally
        self.as_at = run.as_at
        self.day = timezone.localtime(run.as_at).date() if timezone.is_aware(run.as_at) else run.as_at.date()
        self.child_fields = [f for f, table in CHILD_FIELDS.items() if table in self.tables]

    # --- planning ----------------------------------------------------------------------------

    def plan(self, people_facts, digests):
        """[Plan] for the people, with every problem found (a person with one is not written)."""
        plans = [
            Plan(person=f.person, facts=f, digest=digests.get(f.person, ""), problems=list(f.problems))
            for f in people_facts
        ]
        ok = [p for p in plans if not p.problems]
        self.workers.resolve(ok)
        held = {fp.person_id: fp for fp in FeedPerson.objects.filter(person_id__in=[p.person for p in ok])}
        for p in ok:
            p.was_held = p.person in held
        new_refs = [p.person for p in ok if p.person not in held]
        adopted = dict(Child.objects.filter(council_reference__in=new_refs).values_list("council_reference", "pk"))
        child_ids = {}
        for p in ok:
            p.child_id = held[p.person].child_id if p.person in held else adopted.get(p.person)
            if p.child_id:
                child_ids[p.child_id] = p
        current_children = {
            row["pk"]: row
            for row in Child.objects.filter(pk__in=list(child_ids)).values("pk", "updated_at", *self.child_fields)
        }
        records = defaultdict(dict)  # child id -> {(kind, key): FeedRecord}
        linked = defaultdict(set)  # kind -> object ids the feed already keeps
        for record in FeedRecord.objects.filter(child_id__in=list(child_ids)):
            records[record.child_id][(record.kind, record.key)] = record
            linked[record.kind].add(record.object_id)
        objects = {}  # kind -> {object id: values}
        for kind in KINDS:
            objects[kind.name] = {
                row["pk"]: row
                for row in kind.model.objects.filter(child_id__in=list(child_ids)).values(
                    "pk", "child_id", "updated_at", *kind.fields
                )
            }
        for p in ok:
            self._plan_child(p, held.get(p.person), current_children.get(p.child_id))
            if p.child_id:
                self._plan_facts(p, records[p.child_id], objects, linked)
            else:
                for fact in p.facts.facts:
                    p.creates.append((fact.kind, fact.key, resolved(fact, self.workers)))
        return plans

    def _plan_child(self, p, held, current):
        values = {f: p.facts.child[f] for f in self.child_fields}
        p.child_values = values
        if current is None:
            return
        now_digest = digest({f: current[f] for f in self.child_fields})
        if now_digest == digest(values):
            return
        written = held.child_digest if held else None  # None: a child recorded here, now adopted
        if now_digest != written and current["updated_at"] > self.as_at:
            p.child_kept = True
            p.notes.append(
                {
                    "kind": SyncProblem.KEPT,
                    "table": "ssd_person",
                    "field": "",
                    "message": f"The child's details were changed here after this extract was taken ({when(self.as_at)}): not overwritten.",
                }
            )
            return
        p.child_update = True

    def _plan_facts(self, p, records, objects, linked):
        seen = set()
        by_natural = defaultdict(
            dict
        )  # kind -> {natural key: object id} of records made here, not yet kept by the feed
        for kind in KINDS:
            if not kind.natural:
                continue
            for pk, row in objects[kind.name].items():
                if row["child_id"] == p.child_id and pk not in linked[kind.name]:
                    by_natural[kind.name].setdefault(tuple(row[f] for f in kind.natural), pk)
        for fact in p.facts.facts:
            kind = KIND[fact.kind]
            values = resolved(fact, self.workers)
            seen.add((fact.kind, fact.key))
            record = records.get((fact.kind, fact.key))
            new_digest = digest(values)
            if record is not None:
                row = objects[fact.kind].get(record.object_id)
                if row is None:  # removed here since: made again
                    p.creates.append((fact.kind, fact.key, values))
                    p.notes.append(self._note(fact, SyncProblem.ENDED, "was removed here; made again from the extract"))
                    continue
                if record.digest == new_digest and not record.vanished_at:
                    self.tally.kinds[fact.kind]["unchanged"] += 1
                    continue
                current = digest({f: row[f] for f in kind.fields})
                if current == new_digest and not record.vanished_at:
                    p.updates.append((fact.kind, record, record.object_id, None, False))  # only the digest moves
                    continue
                if current != record.digest and row["updated_at"] > self.as_at:
                    p.notes.append(self._note(fact, SyncProblem.KEPT, self._kept_message()))
                    p.kept[(fact.kind, fact.key)] = row
                    self.tally.kinds[fact.kind]["kept"] += 1
                    continue
                p.updates.append((fact.kind, record, record.object_id, values, bool(record.vanished_at)))
                continue
            natural = tuple(values[f] for f in kind.natural) if kind.natural else None
            pk = by_natural[fact.kind].pop(natural, None) if natural else None
            if pk is None:
                p.creates.append((fact.kind, fact.key, values))
                continue
            row = objects[fact.kind][pk]
            current = digest({f: row[f] for f in kind.fields})
            if current == new_digest:
                p.adoptions.append((fact.kind, fact.key, pk, values, False))
            elif row["updated_at"] > self.as_at:
                p.adoptions.append((fact.kind, fact.key, pk, {f: row[f] for f in kind.fields}, False))
                p.kept[(fact.kind, fact.key)] = row
                p.notes.append(self._note(fact, SyncProblem.KEPT, self._kept_message()))
                self.tally.kinds[fact.kind]["kept"] += 1
            else:
                p.adoptions.append((fact.kind, fact.key, pk, values, True))
        for (kind_name, key), record in records.items():
            if (kind_name, key) in seen or record.vanished_at:
                continue
            kind = KIND[kind_name]
            if not all(t in self.tables for t in kind.tables):
                continue  # its table was not in this extract: nothing can be said to have left it
            row = objects[kind_name].get(record.object_id)
            end_field = kind.end_field if row is not None and kind.end_field and row[kind.end_field] is None else None
            p.ends.append((kind_name, record, record.object_id, end_field))
            what = f"ended on {self.day:%d/%m/%Y}" if end_field else "kept as it was"
            p.notes.append(
                {
                    "kind": SyncProblem.ENDED,
                    "table": kind.tables[0],
                    "row": key,
                    "field": kind.tables[0] and TABLE_KEY.get(kind.tables[0], ""),
                    "message": f"This {kind_name} is no longer in the extract: {what}, not deleted.",
                }
            )
        self._check_against_held(p, objects, records)

    def _check_against_held(self, p, objects, records):
        """The child's episodes as they will stand (the extract's, those kept here because they are
        newer, and those recorded here that the feed never brought) must not overlap."""
        kept_ids = {r.object_id for (k, _), r in records.items() if k == "episode"}
        adopted = {a[2] for a in p.adoptions if a[0] == "episode"}
        here_only = [
            (row["start"], row["end"])
            for pk, row in objects["episode"].items()
            if row["child_id"] == p.child_id and pk not in kept_ids and pk not in adopted
        ]
        final = []
        for fact in p.facts.of("episode"):
            held = p.kept.get(("episode", fact.key))
            span = (held["start"], held["end"]) if held else (fact.values["start"], fact.values["end"])
            final.append((fact, span, held is not None))
        for i, (fact, (start, end), kept) in enumerate(final):
            others = here_only + [span for j, (_, span, _) in enumerate(final) if j != i]
            clash = rules.overlapping(start, end, others)
            if clash is None or not (kept or here_only):
                continue  # two of the extract's own episodes were judged when it was read
            until = f"{clash[1]:%d/%m/%Y}" if clash[1] else "now (still open)"
            why = "as changed here after the extract, it" if kept else "it"
            p.problems.append(
                Problem(
                    fact.table,
                    fact.row,
                    "clae_cla_episode_start_date",
                    str(fact.values["start"]),
                    f"{why} overlaps an episode held here ({clash[0]:%d/%m/%Y} to {until}): "
                    "episodes of one child never overlap",
                    p.person,
                )
            )

    def _note(self, fact, kind, message):
        return {
            "kind": kind,
            "table": fact.table,
            "row": fact.row,
            "field": TABLE_KEY.get(fact.table, ""),
            "message": message,
        }

    def _kept_message(self):
        return f"Changed here after this extract was taken ({when(self.as_at)}): not overwritten."

    # --- writing ------------------------------------------------------------------------------


def when(moment):
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local:%H:%M} on {local:%d/%m/%Y}"
