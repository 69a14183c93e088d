"""`permanence deadlines CASE.json`: what is due, overdue and met for one case file."""

import argparse
import json
import sys
from datetime import date

from .engine import compute_obligations
from .obligations import STATUS_NAMES
from .policy import PolicyError, list_packs, load_pack
from .snapshot import CaseFileError, CaseSnapshot


def _parser():
    parser = argparse.ArgumentParser(
        prog="permanence deadlines",
        description="Print the obligations for one case file (format: docs/case-file.md).",
    )
    parser.add_argument("case_file", metavar="CASE.json", help="the case file, or - for standard input")
    parser.add_argument("--policy", default="england", help=f"policy pack (default england; available: {', '.join(list_packs())})")
    parser.add_argument("--today", help="the date to compute for, YYYY-MM-DD (default: today)")
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    parser.add_argument("--all", action="store_true", help="also list the rules that do not apply (status not_applicable)")
    return parser


def _fail(message):
    print(f"permanence deadlines: {message}", file=sys.stderr)
    return 2


def deadlines_main(argv):
    args = _parser().parse_args(argv)
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        return _fail(f"--today: {args.today!r} is not a date (expected YYYY-MM-DD)")
    try:
        pack = load_pack(args.policy)
    except PolicyError as error:
        return _fail(str(error))
    try:
        text = sys.stdin.read() if args.case_file == "-" else open(args.case_file, encoding="utf-8").read()
    except OSError as error:
        return _fail(f"cannot read {args.case_file}: {error.strerror}")
    try:
        case = CaseSnapshot.from_dict(json.loads(text))
    except json.JSONDecodeError as error:
        return _fail(f"{args.case_file}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})")
    except CaseFileError as error:
        return _fail(f"{args.case_file}: {error}")
    obligations = compute_obligations(case, pack, today, include_not_applicable=args.all)
    if args.json:
        print(json.dumps([o.as_dict() for o in obligations], indent=2))
    else:
        print(format_table(obligations, pack, today))
    return 0


def format_table(obligations, pack, today):
    rows = [("RULE", "TITLE", "DUE", "STATUS", "SOURCE")]
    for o in obligations:
        status = STATUS_NAMES[o.status] + (f" ({o.met_on:%d/%m/%Y})" if o.met_on else "")
        rows.append((o.rule, o.title, o.due.strftime("%d/%m/%Y") if o.due else "-", status, o.source))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [f"Obligations on {today:%d/%m/%Y} under the {pack.title} pack"]
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths)) + "  " + row[4])
    if len(rows) == 1:
        lines.append("No obligations: nothing in this case starts a rule of this pack.")
    return "\n".join(lines)
