"""The hash chain: each row's hash covers its content and the previous row's hash."""

import hashlib
import json
from contextvars import ContextVar
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from .anchors import problems as anchor_problems
from .models import AuditEvent

GENESIS = "0" * 64
HASHED_FIELDS = (
    "at",
    "user_id",
    "username",
    "action",
    "model",
    "object_id",
    "child_id",
    "path",
    "before",
    "after",
    "ip",
    "user_agent",
)
# One writer at a time, by the database's own lock (never a Python lock as well: a thread
# holding it while waiting for the database's would deadlock against one holding the database's).
# PostgreSQL: an advisory lock for the transaction. SQLite: transactions begin IMMEDIATE (settings),
# so the read of the last hash and the insert happen under the write lock.
PG_LOCK_KEY = 727_0001

# Who is acting, set by the middleware for a request (or by a command).
actor = ContextVar("audit_actor", default=None)


def canonical(values):
    return json.dumps(values, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder, ensure_ascii=False)


def _normal(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def row_hash(prev_hash, values):
    content = {name: _normal(values.get(name)) for name in HASHED_FIELDS}
    return hashlib.sha256((prev_hash + canonical(content)).encode()).hexdigest()


def _prepared(values):
    """The stored form of an event's values: JSON normalised through a round trip, so the hash
    computed now is the hash recomputed from the stored row; text cut to its column."""
    for key in ("before", "after"):
        if values.get(key) is not None:
            values[key] = json.loads(canonical(values[key]))
    values["at"] = values.get("at") or timezone.now()
    values = {
        name: (
            values.get(name)
            if values.get(name) is not None
            else ("" if name in ("username", "model", "object_id", "path", "ip", "user_agent") else None)
        )
        for name in HASHED_FIELDS
    }
    values["user_agent"] = values["user_agent"][:300]
    values["path"] = values["path"][:500]
    return values


def append(**values):
    """Add one event at the end of the chain."""
    return append_many([values])[0]


def append_many(events):
    """Add events at the end of the chain in one write (a sync that changed thousands of children
    records each child's change without a round trip per child). Each is a dict of values."""

    prepared = [_prepared(dict(values)) for values in events]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PG_LOCK_KEY])
        prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
        rows = []
        for values in prepared:
            event = AuditEvent(prev_hash=prev, hash=row_hash(prev, values), **values)
            rows.append(event)
            prev = event.hash
        if len(rows) == 1:
            rows[0].save()
        else:
            AuditEvent.objects.bulk_create(rows, batch_size=2000)
    return rows


def verify(events=None):
    """Walk the chain in order; return (rows checked, first bad row id or None, what is wrong)."""

    prev = GENESIS
    count = 0
    for event in events if events is not None else AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        values = {name: getattr(event, name) for name in HASHED_FIELDS}
        if event.prev_hash != prev:
            return count, event.pk, "its link to the previous row is broken (a row was removed or inserted)"
        if row_hash(prev, values) != event.hash:
            return count, event.pk, "its content does not match its hash (the row was changed)"
        prev = event.hash
    return count, None, ""


def report(events=None):
    """Every problem in the log: (rows checked, [(row id or None, what is wrong)]). The chain is
    walked whole (each changed row and each broken link is named, not only the first), then the
    signed checkpoints outside the database are read for what the chain cannot show by itself:
    a deleted tail and a re-computed chain (anchors.py)."""
    prev, prev_id, count, found = GENESIS, 0, 0, []
    for event in events if events is not None else AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        values = {name: getattr(event, name) for name in HASHED_FIELDS}
        if event.prev_hash != prev:
            gap = f"rows {prev_id + 1} to {event.pk - 1}" if event.pk - prev_id > 2 else f"row {prev_id + 1}"
            missing = f"{gap} before it were deleted" if event.pk - prev_id > 1 else "a row was removed or inserted"
            found.append((event.pk, f"its link to the previous row is broken: {missing} (a deleted row)"))
        if row_hash(event.prev_hash, values) != event.hash:
            found.append((event.pk, "its content does not match its hash (the row was changed)"))
        prev, prev_id = event.hash, event.pk
    if events is None:
        found += anchor_problems()
    return count, found
