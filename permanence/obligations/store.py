"""The obligations read model: stored when facts change, read by every page, checked against the engine.

- `facts_changed(ids)` listens to `children.changes.children_changed`, which every way in calls
  inside the transaction that records a fact (the case record's services, the post-save hooks of
  the models feature apps register, the 903 import and the case-system feed). It marks the stored rows of those children
  and of their brothers and sisters as behind their facts, in that same transaction, and works
  them out again as soon as it commits.
- `stored_obligations(ids, today)` reads the stored rows; any that are missing, behind their
  facts or for another day are worked out on the spot (and stored), so a page never shows
  obligations older than the facts it shows. A row the nightly job found unchanged for today
  keeps the day it was worked out for and is current by the job's record (`models.DayChecked`).
- `refresh(ids, today)` works children out and stores them; the nightly job and the check
  command are in `nightly.py`.
"""

import json
import threading
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from django.db import transaction
from django.db.models import F, Subquery
from django.utils import timezone

from permanence.timescales import compute_obligations
from permanence.timescales.obligations import DUE_SOON, NOT_APPLICABLE, OVERDUE, Obligation

from .models import DayChecked, StoredObligations
from .pack import current_pack
from .providers import related_children
from .snapshots import BATCH, snapshots_for

# --- the stored form: one compact JSON list per child --------------------------------------


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _fact_out(value):
    return {"d": value.isoformat()} if isinstance(value, date) else value


def _fact_in(value):
    return date.fromisoformat(value["d"]) if isinstance(value, dict) and "d" in value else value


def _rules():
    """The pack's rules by id: a stored obligation keeps only what its rule does not say."""
    pack = current_pack()
    if _RULES.get("pack") is not pack:
        _RULES.clear()
        _RULES.update(pack=pack, by_id={rule.id: rule for rule in pack.rules})
    return _RULES["by_id"]


_RULES: dict = {}


def encode(found: Sequence[Obligation]) -> str:
    """The child's obligations as compact JSON: a rule that does not apply is its id and why; one
    that applies keeps its title (when the rule's own is not it), dates, status and facts. What
    the rule says itself (source, kind, reason) is read back from the pack."""
    out: list[list] = []
    for o in found:
        if o.status == NOT_APPLICABLE:
            out.append([o.rule, o.explanation])
            continue
        out.append(
            [
                o.rule,
                o.explanation,
                o.title,
                o.due.isoformat() if o.due else None,
                o.status,
                o.occurrence,
                o.met_on.isoformat() if o.met_on else None,
                [[label, _fact_out(value)] for label, value in o.facts],
            ]
        )
    return json.dumps(out, separators=(",", ":"), ensure_ascii=False)


def decode(items: str, child_id: int) -> list[Obligation]:
    """Back to the engine's obligations (KeyError for a rule the pack no longer has)."""
    cid, rules, out = str(child_id), _rules(), []
    for item in json.loads(items):
        rule = rules[item[0]]
        if len(item) == 2:
            out.append(
                Obligation(
                    rule=rule.id,
                    title=rule.title,
                    due=None,
                    status=NOT_APPLICABLE,
                    source=rule.source,
                    child_id=cid,
                    explanation=item[1],
                    kind=rule.kind,
                    reason=rule.reason,
                    shown_as=rule.shown_as,
                )
            )
            continue
        _, explanation, title, due, status, occurrence, met_on, facts = item
        out.append(
            Obligation(
                rule=rule.id,
                title=title,
                due=_day(due),
                status=status,
                source=rule.source,
                child_id=cid,
                occurrence=occurrence,
                met_on=_day(met_on),
                facts=tuple((label, _fact_in(value)) for label, value in facts),
                explanation=explanation,
                kind=rule.kind,
                reason=rule.reason,
                shown_as=rule.shown_as,
            )
        )
    return out


def digest(items: str) -> str:
    return f"{zlib.crc32(items.encode()):08x}{len(items):08x}"


def row_for(
    child_id: int, found: Sequence[Obligation], *, today: date, version: int, now, items: str | None = None
) -> StoredObligations:
    """The row to store (`items`: `encode(found)`, when the caller has it already)."""
    items = encode(found) if items is None else items
    return StoredObligations(
        child_id=child_id,
        day=today,
        facts_version=version,
        computed_version=version,
        items=items,
        digest=digest(items),
        overdue=sum(1 for o in found if o.status == OVERDUE),
        due_soon=sum(1 for o in found if o.status == DUE_SOON),
        refreshed_at=now,
    )


STORED_FIELDS = ["day", "computed_version", "items", "digest", "overdue", "due_soon", "refreshed_at"]


def save_rows(rows: list[StoredObligations]) -> None:
    """Insert or replace rows. `facts_version` is never overwritten: a fact recorded while these
    were being worked out leaves the row behind its facts, to be worked out again. A child stored
    here is marked behind again by the next fact about them, in this transaction too."""
    _pending.heard = None
    if rows:
        StoredObligations.objects.bulk_create(
            rows, batch_size=1000, update_conflicts=True, unique_fields=["child"], update_fields=STORED_FIELDS
        )


# --- working children out and storing them ---------------------------------------------


def computed(ids: Sequence[int], *, today: date) -> Iterator[tuple[int, list[Obligation]]]:
    """Fresh from the case record, one child at a time: (child id, obligations, not-applicable
    rules included). The case record is read a batch at a time; a caller that keeps only what it
    needs of each child (the nightly job) holds one batch's snapshots, never its obligations."""
    pack = current_pack()
    for i in range(0, len(ids), BATCH):
        for child_id, snapshot in snapshots_for(ids[i : i + BATCH]).items():
            yield child_id, compute_obligations(snapshot, pack, today, include_not_applicable=True)


def compute(ids: Sequence[int], *, today: date) -> dict[int, list[Obligation]]:
    """Fresh from the case record: {child id: obligations, not-applicable rules included}."""
    return dict(computed(ids, today=today))


def refresh(
    ids: Iterable[int], *, today: date | None = None, store: bool = True, keep: bool = True
) -> dict[int, list[Obligation]]:
    """Work these children out for `today` and store them, with the facts' version read first;
    a batch at a time. Returns them unless `keep` is false (a whole import's children)."""
    ids = sorted(set(ids))
    today = today or date.today()
    out: dict[int, list[Obligation]] = {}
    for i in range(0, len(ids), BATCH):
        batch = ids[i : i + BATCH]
        versions = dict(StoredObligations.objects.filter(child_id__in=batch).values_list("child_id", "facts_version"))
        found = compute(batch, today=today)
        if store:
            now = timezone.now()
            save_rows([row_for(c, obs, today=today, version=versions.get(c, 0), now=now) for c, obs in found.items()])
        if keep:
            out.update(found)
    return out


def holds_the_day(day: date, refreshed_at, checked_at, today: date) -> bool:
    """Whether a row (current with its facts) holds `today`'s obligations: worked out for today, or
    last written before the nightly job for today started (`checked_at`), which compared what it
    holds with a fresh computation for today and found it unchanged."""
    return day == today or (day < today and checked_at is not None and refreshed_at <= checked_at)


def rows_for(ids: Sequence[int], today: date, *fields: str):
    """Stored rows as (child id, day, facts version, computed version, refreshed at, when the
    nightly job for `today` started or None, *fields): one query, the job's record read with them."""
    checked = DayChecked.objects.filter(day=today).values("started_at")[:1]
    return (
        StoredObligations.objects.filter(child_id__in=ids)
        .annotate(checked_at=Subquery(checked))
        .values_list("child_id", "day", "facts_version", "computed_version", "refreshed_at", "checked_at", *fields)
    )


def stored_obligations(ids: Iterable[int], *, today: date | None = None) -> dict[int, list[Obligation]]:
    """{child id: obligations} read from the read model in one query; a child whose row is missing,
    behind its facts or for another day is worked out now (and stored, unless it is for a day
    before the one stored)."""
    ids = list(ids)
    today = today or date.today()
    out: dict[int, list[Obligation]] = {}
    behind, earlier = [], []
    seen = set()
    for child_id, day, facts_version, computed_version, refreshed_at, checked_at, items in rows_for(
        ids, today, "items"
    ).iterator(chunk_size=2000):
        seen.add(child_id)
        if facts_version == computed_version and holds_the_day(day, refreshed_at, checked_at, today):
            try:
                out[child_id] = decode(items, child_id)
                continue
            except KeyError:  # stored under a pack that had a rule this one has not
                pass
        if day > today:
            earlier.append(child_id)
        else:
            behind.append(child_id)
    behind += [cid for cid in ids if cid not in seen]
    out.update(refresh(behind, today=today))
    out.update(refresh(earlier, today=today, store=False))
    return {child_id: out[child_id] for child_id in sorted(out)}


# --- facts changed: mark behind now, work out again once committed -----------------------

_pending = threading.local()


def facts_changed(ids: Iterable[int]) -> None:
    """These children's facts changed in the current transaction: mark their stored obligations
    (and their brothers' and sisters') behind, and work them out again when it commits. A child
    already heard in this transaction (the service said so, then the visit's own save hook) is
    marked once: the mark stands until the transaction ends."""
    ids = set(ids)
    heard = _heard_in_this_transaction()
    if heard is not None:
        ids -= heard[0]
    if not ids:
        return
    marked = ids | related_children(ids)
    if heard is not None:
        heard[0].update(ids)
        marked -= heard[1]
        heard[1].update(marked)
    ordered = sorted(marked)
    for i in range(0, len(ordered), BATCH):
        StoredObligations.objects.filter(child_id__in=ordered[i : i + BATCH]).update(
            facts_version=F("facts_version") + 1
        )
    if not marked:
        return
    # Many facts in one transaction are worked out once: the first callback to run takes them all.
    waiting = getattr(_pending, "ids", None)
    if waiting is None:
        waiting = _pending.ids = set()
    waiting |= marked
    transaction.on_commit(_refresh_pending)


def _heard_in_this_transaction() -> tuple[set[int], set[int]] | None:
    """(children whose facts changed, children marked behind) so far in the transaction under way;
    None outside one. Django starts a new list of commit callbacks when a transaction commits or
    rolls back, or rolls back to a savepoint (whose marks are undone with it): while that list is
    the same, so is the transaction and every mark made in it."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    held = getattr(_pending, "heard", None)
    if held is None or held[0] is not connection.run_on_commit:
        held = _pending.heard = (connection.run_on_commit, set(), set())
    return held[1], held[2]


def _refresh_pending() -> None:
    ids = getattr(_pending, "ids", None)
    if ids:
        _pending.ids = set()
        refresh(ids, keep=False)
