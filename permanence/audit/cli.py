"""`permanence audit verify`: walk the hash chain and name the first row that does not match."""

import argparse

from .chain import verify


def audit_main(argv):
    parser = argparse.ArgumentParser(prog="permanence audit", description="Check the audit log.")
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("verify", help="recompute the hash chain and report the first tampered row")
    args = parser.parse_args(argv)
    if args.action == "verify":
        count, bad, why = verify()
        if bad is None:
            print(f"Audit log intact: {count} rows, hash chain verified.")
            return 0
        print(f"Audit log TAMPERED: row {bad} {why}. Checked {count} rows.")
        return 1
    return 2
