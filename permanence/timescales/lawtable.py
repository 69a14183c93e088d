"""The law table: every rule of a pack, its kind, how it counts, its source and the tests that
prove it. `permanence rules --policy NAME` prints it; docs/law-table.md is it for every pack.

The tests are found by reading the test modules beside the engine (tests/test_*.py) for the
`@proves("rule-id", ...)` mark on each scenario: no test runs, nothing is imported.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .dates import describe
from .kinds import KIND_NAMES
from .policy import Pack, Rule, load_pack

# The engine's scenarios, and those that record facts through the case record and read the clock.
TESTS = (Path(__file__).parent / "tests", Path(__file__).parent.parent / "obligations" / "tests")


@dataclass(frozen=True)
class Row:
    rule: str
    kind: str
    title: str
    counts: str
    source: str
    reason: str
    note: str
    pack: str
    tests: tuple[str, ...]


@cache
def proving_tests(folders: tuple[Path, ...] = TESTS) -> dict[str, tuple[str, ...]]:
    """{rule id: ('test_module::test_name', ...)} for every test marked @proves(...)."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(p for folder in folders for p in folder.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test_"):
                continue
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "proves":
                    for arg in decorator.args:
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                            found[arg.value].append(f"{path.stem}::{node.name}")
    return {rule: tuple(names) for rule, names in found.items()}


def _offset(params: dict[str, Any], key: str) -> str:
    return describe(params[key])


def counts(rule: Rule) -> str:
    """How the rule counts, in words."""
    p, t = rule.params, rule.timing
    if t == "review_schedule":
        start = p.get("from_label", "becoming looked after")
        return (
            f"first within {_offset(p, 'first')} of {start}; the next within {_offset(p, 'second')} "
            f"of the first held; then within {_offset(p, 'then')} of the previous held"
        )
    if t == "at_each_review":
        return "at every looked-after review, first and later ones"
    if t == "deadline":
        if "at_review" in p:
            base = f"by looked-after review {p['at_review']} (held, or due until held)"
            if "offset" in p:
                base = f"{_offset(p, 'offset')} after looked-after review {p['at_review']}"
        else:
            trigger = p.get("trigger_label", p["trigger"])
            base = f"{_offset(p, 'offset')} after {trigger}" if "offset" in p else f"on {trigger}"
        if "not_before_age" in p:
            base += f", not before age {p['not_before_age']}"
        return base
    if t == "before_event":
        expected = " (the expected date until then)" if p.get("expected") else ""
        return f"before {p.get('before_label', p['before'])}{expected}"
    if t == "recurring":
        return f"first within {_offset(p, 'first')} of {p.get('anchor_label', p['anchor'])}, then every {_offset(p, 'every')}"
    if t == "visits":
        first = f"within {describe(p['first'])}" if p.get("first") else "within 1 week"
        words = f"{first} of {p.get('anchor_label', p['anchor'])}"
        if p.get("weekly_until_first_review"):
            words += ", weekly until the first review"
            words += f", then every {_offset(p, 'every')}" if p.get("every") else ", then as decided at the review"
        else:
            words += f", then every {_offset(p, 'every')}"
        later = p.get("later")
        if later:
            words += f"; after {describe(later['after'])}: every {describe(later['every'])}"
            if "until_18" in later:
                words += f" (every {describe(later['until_18'])} if intended to last until 18"
                words += f"; every {describe(later['six_monthly_agreed'])} in a long-term foster placement if the child agrees)"
        return words
    if t == "interval_by_age":
        steps = "".join(f", every {describe(s['every'])} from age {s['age']}" for s in p.get("from_age", []))
        return f"every {_offset(p, 'every')} from the last{steps}"
    if t == "proceedings_limit":
        return (
            f"{p['weeks']} weeks from issue, plus each extension (at most {p.get('extension_max_weeks', 8)} weeks each)"
        )
    if t == "temporary_approval":
        return f"{p['weeks']} weeks from the placement, or {p['weeks'] + p['extension_weeks']} if extended"
    if t == "order_end":
        age = f", never past age {p['max_age']}" if "max_age" in p else ""
        return f"{_offset(p, 'term')} from the order, extendable to {_offset(p, 'limit')}{age}"
    if t == "age_milestone":
        return f"at age {p['age']}"
    if t == "meeting_actions":
        return "on the date the meeting set"
    if t == "return_interview":
        return f"within {p['hours']} hours of the child's return"
    return t


def rows(pack: Pack) -> list[Row]:
    tests = proving_tests()
    return [
        Row(
            rule=r.id,
            kind=KIND_NAMES[r.kind],
            title=r.title,
            counts=counts(r),
            source=r.source,
            reason=r.reason,
            note=r.note,
            pack=r.pack,
            tests=tests.get(r.id, ()),
        )
        for r in pack.rules
    ]


def as_text(pack: Pack) -> str:
    out = [
        f"Rules of the {pack.title} pack ({pack.name}"
        + (f", extending {', '.join(pack.chain[1:])})" if len(pack.chain) > 1 else ")")
    ]
    for kind in KIND_NAMES.values():
        found = [row for row in rows(pack) if row.kind == kind]
        if not found:
            continue
        out.append("")
        plural = {"Duty": "Duties", "Local rule": "Local rules", "Practice prompt": "Practice prompts"}[kind]
        out.append(f"{plural} ({len(found)})")
        for row in found:
            out.append(f"  {row.rule}  {row.title}")
            out.append(f"      counts: {row.counts}")
            if row.source:
                out.append(f"      source: {row.source}")
            if row.reason:
                out.append(f"      reason: {row.reason}")
            if row.note:
                out.append(f"      reading: {row.note}")
            out.append(
                f"      tests:  {len(row.tests)}"
                + (
                    f" ({', '.join(t.split('::')[1] for t in row.tests[:3])}{', ...' if len(row.tests) > 3 else ''})"
                    if row.tests
                    else " (none)"
                )
            )
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(pack: Pack, *, own_only: bool = False) -> str:
    """The pack's table; with `own_only`, only the rules the pack itself adds or changes."""
    lines = [
        f"### {pack.title} (`{pack.name}`)",
        "",
        "| rule id | kind | what | how it counts | source (or reason, for a prompt) | tests |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows(pack):
        if own_only and row.pack != pack.name:
            continue
        cited = (
            row.source
            if row.kind != KIND_NAMES["prompt"]
            else f"{row.reason}" + (f" ({row.source})" if row.source else "")
        )
        if row.note:
            cited += f" *Reading: {row.note}*"
        tests = "<br>".join(f"`{t.split('::')[1]}`" for t in row.tests) or "none"
        lines.append(
            f"| `{row.rule}` | {row.kind} | {_cell(row.title)} | {_cell(row.counts)} | {_cell(cited)} | {tests} |"
        )
    return "\n".join(lines)


SHIPPED = ("england", "leeds", "camden", "birmingham")

INTRO = """# The law table

Every rule of the shipped policy packs: its id, its kind, what it asks, how it counts, the source
a person can look up and the scenario tests that prove it. Generated from the packs and the tests
(`permanence rules --document > docs/law-table.md`); a test fails when this file is out of date.
`permanence rules --policy NAME` prints the same table for one pack, including a council's own.

Three kinds of rule:

- **Duty**: set by statute, regulations or statutory guidance, cited by act and section,
  regulations and regulation, or the guidance's title and chapter. Can be overdue.
- **Local rule**: set by the council's own policy, cited by the document's title and section.
  Can be overdue. Only the pack of the council whose document sets it has it.
- **Practice prompt**: good practice the product suggests where no law sets a time, shown with
  its reason. Never overdue, never in drift counts, red badges or overdue totals.

Each test named below computes its dates by hand from the source's own words (the test's
docstring quotes them; comments show the arithmetic), including bank holidays, month ends, leap
years, a change of legal status only, care ending and restarting, turning 18 and placements
changing kind. The tests are in `permanence/timescales/tests/`.

How the product reads the regulations where a reading is needed:

- **As of a day.** Obligations are worked out as they stood on the day asked: episodes that start
  later and events recorded after it are not yet known.
- **Periods of care.** Episodes chained end to start are one period; reviews, the care plan, the
  health assessment and the PEP count from its first day, so they start again when care restarts.
  A series of short breaks (V3, V4) is one arrangement from the first break to the end of the latest.
- **Placements.** A change of legal status only (RNE L) or of placement type with the same carers
  (RNE T, U) keeps the placement; so does a temporary move (T0-T4) and back to the same home.
- **Turning 18 and leaving care.** Nothing of a looked-after child's rules falls due on or after the
  18th birthday or after care ends; what was met stays as history.
- **Changing intervals.** Where the interval between visits (or health reviews) changes, the next is
  due one interval after the last; if a longer interval begins before that date, it counts from the
  same last visit (after the first review, weekly visits become four-weekly from the last visit).
- **Situations for visits.** Placed for adoption (AAR reg 36(4)), short breaks (reg 48), an interim
  care order at home (reg 28(4)), placed with a parent before assessment (reg 28(3)), a care order at
  home (reg 28(5)), a connected person on temporary approval (reg 28(4)), in hospital or a young
  offender institution (reg 28(6)), otherwise reg 28(2): the first that fits, one at a time.
"""


def document() -> str:
    parts = [INTRO, "## The England baseline", "", as_markdown(load_pack("england"))]
    for name in SHIPPED[1:]:
        pack = load_pack(name)
        parts += ["", f"## {pack.title}", "", "The England baseline, and:", "", as_markdown(pack, own_only=True)]
    return "\n".join(parts) + "\n"
