"""The chain's head, anchored outside the table it protects.

The hash chain alone shows a changed or a removed row in the middle, but not rows removed from
the end, nor a chain re-computed from a changed row onwards: both leave a chain that checks. So
every so often (nightly, and with `permanence audit checkpoint`) the chain's head is written to
an append-only file outside the database as a checkpoint: the newest row's id and hash and how
many rows there were, signed with HMAC-SHA256 under a key the database does not hold
(PERMANENCE_AUDIT_KEY, or one derived from SECRET_KEY). `verify` reads the checkpoints back:

- a checkpoint's row missing, and no row after it: the newest rows were deleted (the tail);
- a checkpoint's row present with another hash: the chain was re-computed (re-hashed);
- fewer rows up to a checkpoint's row than it counted: rows were deleted and the rest re-linked;
- a checkpoint whose signature does not check: the file was edited.
"""

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .models import AuditEvent


def _key():
    key = getattr(settings, "PERMANENCE_AUDIT_KEY", "") or ""
    if key:
        return key.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"permanence audit checkpoints", hashlib.sha256).digest()


def path():
    return Path(settings.PERMANENCE_AUDIT_ANCHORS)


def _sign(values):
    body = json.dumps(values, sort_keys=True, separators=(",", ":"))
    return hmac.new(_key(), body.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Checkpoint:
    at: str
    last_id: int
    last_hash: str
    count: int
    signature: str

    def values(self):
        return {"at": self.at, "last_id": self.last_id, "last_hash": self.last_hash, "count": self.count}

    @property
    def signed(self):
        return hmac.compare_digest(self.signature, _sign(self.values()))


def write_checkpoint():
    """Append the chain's head to the anchor file (created owner-only); returns the Checkpoint or None
    when the log is empty."""
    head = AuditEvent.objects.order_by("-id").values("id", "hash").first()
    if head is None:
        return None
    values = {
        "at": timezone.now().isoformat(timespec="seconds"),
        "last_id": head["id"],
        "last_hash": head["hash"],
        "count": AuditEvent.objects.filter(id__lte=head["id"]).count(),
    }
    checkpoint = Checkpoint(**values, signature=_sign(values))
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as anchor:
        anchor.write(json.dumps({**values, "signature": checkpoint.signature}, sort_keys=True) + "\n")
    return checkpoint


def checkpoints():
    """Every checkpoint in the anchor file, oldest first ([] when there is none yet).
    A line that cannot be read is returned as a checkpoint that does not check."""
    target = path()
    if not target.exists():
        return []
    found = []
    for line in target.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            found.append(
                Checkpoint(
                    str(data["at"]), int(data["last_id"]), str(data["last_hash"]), int(data["count"]), data["signature"]
                )
            )
        except (ValueError, KeyError, TypeError):
            found.append(Checkpoint("?", 0, "", 0, ""))
    return found


def problems():
    """What the checkpoints say is missing or re-computed: [(row id or None, what is wrong)]."""
    found = []
    rows = None
    for checkpoint in checkpoints():
        if not checkpoint.signed:
            found.append(
                (None, f"the checkpoint of {checkpoint.at} does not carry a valid signature (the anchor was edited)")
            )
            continue
        row = AuditEvent.objects.filter(id=checkpoint.last_id).values("hash").first()
        newest = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if row is None and newest < checkpoint.last_id:
            found.append(
                (
                    checkpoint.last_id,
                    f"the newest rows were deleted: the checkpoint of {checkpoint.at} saw row {checkpoint.last_id}, "
                    f"the log now ends at row {newest} (a deleted tail)",
                )
            )
            continue
        if row is None:
            found.append(
                (checkpoint.last_id, f"is missing, though the checkpoint of {checkpoint.at} saw it (a deleted row)")
            )
            continue
        if row["hash"] != checkpoint.last_hash:
            found.append(
                (
                    checkpoint.last_id,
                    f"has a different hash from the one signed in the checkpoint of {checkpoint.at} "
                    "(the chain was re-hashed after a change)",
                )
            )
            continue
        rows = AuditEvent.objects.filter(id__lte=checkpoint.last_id).count()
        if rows != checkpoint.count:
            found.append(
                (
                    checkpoint.last_id,
                    f"the checkpoint of {checkpoint.at} counted {checkpoint.count} rows up to here, "
                    f"there are {rows} (rows were deleted and the chain re-linked)",
                )
            )
    return found
