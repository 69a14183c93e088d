"""`permanence audit verify`: walk the hash chain and read the signed checkpoints; name every row
that was changed or deleted, a deleted tail and a re-hashed chain.
`permanence audit checkpoint`: sign the chain's head into the anchor file (also a nightly job)."""

import argparse

from .anchors import path, write_checkpoint
from .chain import report


def audit_main(argv):
    parser = argparse.ArgumentParser(prog="permanence audit", description="Check the audit log.")
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("verify", help="recompute the hash chain, read the checkpoints, name every problem")
    sub.add_parser("checkpoint", help="sign the chain's head into the anchor file outside the database")
    args = parser.parse_args(argv)
    if args.action == "checkpoint":
        checkpoint = write_checkpoint()
        if checkpoint is None:
            print("The audit log is empty: nothing to anchor.")
        else:
            print(f"Checkpoint signed: row {checkpoint.last_id}, {checkpoint.count} rows, written to {path()}.")
        return 0
    if args.action == "verify":
        count, problems = report()
        if not problems:
            print(f"Audit log intact: {count} rows, hash chain and signed checkpoints verified.")
            return 0
        print(f"Audit log TAMPERED: {len(problems)} problem{'' if len(problems) == 1 else 's'} in {count} rows.")
        for row, why in problems:
            print(f"  row {row}: {why}" if row is not None else f"  {why}")
        return 1
    return 2
