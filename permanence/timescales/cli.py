"""`permanence deadlines CASE.json`: what is due, overdue and met for one case file.
`permanence rules --policy NAME`: the law table of a pack (its rules, kinds, sources and tests)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from .casefile import parse_case
from .engine import compute_obligations
from .lawtable import as_markdown, as_text, document
from .obligations import Obligation
from .policy import Pack, PolicyError, list_packs, load_pack
from .snapshot import CaseFileError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="permanence deadlines",
        description="Print the obligations for one case file (format: docs/case-file.md).",
    )
    parser.add_argument("case_file", metavar="CASE.json", help="the case file, or - for standard input")
    parser.add_argument(
        "--policy", default="england", help=f"policy pack (default england; available: {', '.join(list_packs())})"
    )
    parser.add_argument("--today", help="the date to compute for, YYYY-MM-DD (default: today)")
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    parser.add_argument(
        "--all", action="store_true", help="also list the rules that do not apply (status not_applicable)"
    )
    return parser


def _fail(prog: str, message: str) -> int:
    print(f"{prog}: {message}", file=sys.stderr)
    return 2


def deadlines_main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    fail = "permanence deadlines"
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        return _fail(fail, f"--today: {args.today!r} is not a date (expected YYYY-MM-DD)")
    try:
        pack = load_pack(args.policy)
    except PolicyError as error:
        return _fail(fail, str(error))
    try:
        if args.case_file == "-":
            text = sys.stdin.read()
        else:
            with open(args.case_file, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as error:
        return _fail(fail, f"cannot read {args.case_file}: {error.strerror}")
    try:
        case = parse_case(json.loads(text))
    except json.JSONDecodeError as error:
        return _fail(fail, f"{args.case_file}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})")
    except CaseFileError as error:
        return _fail(fail, f"{args.case_file}: {error}")
    obligations = compute_obligations(case, pack, today, include_not_applicable=args.all)
    if args.json:
        print(json.dumps([o.as_dict() for o in obligations], indent=2))
    else:
        print(format_table(obligations, pack, today))
    return 0


def format_table(obligations: list[Obligation], pack: Pack, today: date) -> str:
    rows = [("RULE", "KIND", "TITLE", "DUE", "STATUS", "SOURCE")]
    for o in obligations:
        status = o.status_name + (f" ({o.met_on:%d/%m/%Y})" if o.met_on else "")
        cited = o.source if not o.is_prompt else (o.reason + (f" ({o.source})" if o.source else ""))
        rows.append((o.rule, o.kind_name, o.title, o.due.strftime("%d/%m/%Y") if o.due else "-", status, cited))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [f"Obligations on {today:%d/%m/%Y} under the {pack.title} pack"]
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True)) + "  " + row[5])
    if len(rows) == 1:
        lines.append("No obligations: nothing in this case starts a rule of this pack.")
    else:
        prompts = sum(1 for o in obligations if o.is_prompt)
        if prompts:
            lines.append(f"Practice prompts ({prompts}) are suggestions: never overdue, never counted as drift.")
    return "\n".join(lines)


def rules_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="permanence rules",
        description="Print the law table of a policy pack: each rule, its kind, how it counts, its source "
        "and the tests that prove it (docs/law-table.md).",
    )
    parser.add_argument(
        "--policy", default="england", help=f"policy pack (default england; available: {', '.join(list_packs())})"
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table (as in docs/law-table.md)")
    parser.add_argument(
        "--own", action="store_true", help="only the rules the pack itself adds or changes (not those it extends)"
    )
    parser.add_argument(
        "--document", action="store_true", help="print docs/law-table.md: every shipped pack, in Markdown"
    )
    args = parser.parse_args(argv)
    if args.document:
        print(document(), end="")
        return 0
    try:
        pack = load_pack(args.policy)
    except PolicyError as error:
        return _fail("permanence rules", str(error))
    print(as_markdown(pack, own_only=args.own) if args.markdown else as_text(pack))
    return 0
