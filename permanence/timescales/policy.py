"""Policy packs: the rules' kinds, timings, parameters and citations, as YAML, compiled once.

A pack may `extends:` another (a council's pack extends `england`): its rules with a known id
replace keys of the inherited rule, new ids are added, and `remove:` drops inherited rules.
Packs are found in policies/ beside this file and in PERMANENCE_POLICY_DIRS (colon-separated).
A pack is refused when it loads, with a message naming the pack, the rule and the key, if a
duty does not cite law, a local rule does not name its document and section, a prompt gives no
reason, a citation is a file name, or a timing, fact, condition or parameter is unknown.
Format: docs/policy-packs.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .clocks import interval_by_age, visits
from .conditions import CARE_BOUND, Predicate, compile_conditions
from .context import FACTS, CaseContext
from .dates import Offset
from .kinds import KINDS, SHOWN_AS, CitationError, citation
from .legal_timings import (
    age_milestone,
    meeting_actions,
    order_end,
    proceedings_limit,
    return_interview,
    temporary_approval,
)
from .obligations import Obligation
from .snapshot import RECORD_KINDS
from .timings import at_each_review, before_event, deadline, recurring, review_schedule

BUILT_IN = Path(__file__).parent / "policies"
RULE_KEYS = frozenset(
    {
        "id",
        "kind",
        "timing",
        "title",
        "source",
        "document",
        "section",
        "says",
        "reason",
        "note",
        "applies_when",
        "numbered",
        "due_soon_days",
    }
)

Timing = Callable[["Rule", CaseContext], list[Obligation]]
TIMINGS: dict[str, Timing] = {
    "review_schedule": review_schedule,
    "at_each_review": at_each_review,
    "deadline": deadline,
    "before_event": before_event,
    "recurring": recurring,
    "visits": visits,
    "interval_by_age": interval_by_age,
    "proceedings_limit": proceedings_limit,
    "temporary_approval": temporary_approval,
    "order_end": order_end,
    "age_milestone": age_milestone,
    "meeting_actions": meeting_actions,
    "return_interview": return_interview,
}
# The parameters each timing needs; checked when a pack loads.
REQUIRED: dict[str, tuple[str, ...]] = {
    "review_schedule": ("first", "second", "then"),
    "at_each_review": ("satisfied_by",),
    "deadline": ("satisfied_by",),
    "before_event": ("before", "satisfied_by"),
    "recurring": ("anchor", "events", "first", "every"),
    "visits": ("anchor",),
    "interval_by_age": ("events", "every"),
    "proceedings_limit": ("weeks",),
    "temporary_approval": ("weeks", "extension_weeks"),
    "order_end": ("order", "term", "limit"),
    "age_milestone": ("age",),
    "meeting_actions": (),
    "return_interview": ("hours",),
}
FACT_KEYS = ("trigger", "anchor", "satisfied_by", "before", "expected", "from")
OFFSET_KEYS = frozenset({"first", "second", "then", "offset", "every", "term", "limit", "after"})
NESTED_OFFSETS = frozenset({"until_18", "six_monthly_agreed"})
SATISFIED_FROM = ("trigger", "period_start", "previous_period_end", "any")


class PolicyError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # duty, local_rule or prompt (kinds.py)
    timing: str  # how it counts (TIMINGS)
    title: str
    source: str
    reason: str
    params: dict[str, Any]
    applies: Predicate
    run: Timing
    due_soon_days: int
    numbered: bool = False
    care_bound: bool = False  # only while looked after: nothing due after care ends or at 18
    review_params: dict[str, Any] | None = None
    pack: str = ""  # the pack that defined or last changed the rule
    note: str = ""  # how the pack reads the source, shown in the law table
    needs: frozenset[str] = frozenset()  # the kinds of record it reads (snapshot.RECORD_KINDS)

    @property
    def shown_as(self) -> str:
        """What its obligations are shown as instead of their kind's name ("" for the kind's name):
        an action a meeting agreed is a "Meeting action" (kinds.SHOWN_AS)."""
        return SHOWN_AS.get(self.timing, "")


@dataclass(frozen=True)
class Pack:
    name: str
    title: str
    rules: tuple[Rule, ...]
    chain: tuple[str, ...]  # the pack and those it extends, most specific first

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)


def search_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("PERMANENCE_POLICY_DIRS", "").split(":") if p]
    return [*extra, BUILT_IN]


def list_packs() -> list[str]:
    names: set[str] = set()
    for folder in search_dirs():
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.yaml"))
    return sorted(names)


def _read(name: str) -> dict[str, Any]:
    for folder in search_dirs():
        path = folder / f"{name}.yaml"
        if path.is_file():
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError as error:
                raise PolicyError(f"{path}: not valid YAML: {error}") from None
            if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
                raise PolicyError(f"{path}: a pack is a mapping with a list of `rules`")
            return data
    raise PolicyError(f"unknown policy pack {name!r}; available: {', '.join(list_packs())}")


Merged = tuple[dict[str, dict[str, Any]], tuple[str, ...], dict[str, Any]]


def _merged(name: str, seen: tuple[str, ...] = ()) -> Merged:
    if name in seen:
        raise PolicyError(f"policy pack {name!r} extends itself through {' -> '.join(seen)}")
    data = _read(name)
    parent = data.get("extends")
    rules: dict[str, dict[str, Any]] = {}
    chain: tuple[str, ...] = (name,)
    settings: dict[str, Any] = {"due_soon_days": 14}
    if parent:
        rules, parent_chain, settings = _merged(parent, (*seen, name))
        chain = (name, *parent_chain)
    settings = {**settings, **{k: data[k] for k in ("due_soon_days",) if k in data}}
    for rule_id in data.get("remove", []) or []:
        rules.pop(rule_id, None)
    for i, raw in enumerate(data.get("rules", []) or []):
        if not isinstance(raw, dict) or not raw.get("id"):
            raise PolicyError(f"{name}.rules[{i}]: every rule needs an `id`")
        rules[raw["id"]] = {**rules.get(raw["id"], {}), **raw, "_pack": name}
    return rules, chain, settings


def _compile_rule(raw: dict[str, Any], settings: Mapping[str, Any], review_params: dict[str, Any] | None) -> Rule:
    where = f"{raw['_pack']}: rule {raw['id']}"
    kind, timing = raw.get("kind"), raw.get("timing")
    if kind in TIMINGS and timing is None:
        raise PolicyError(
            f"{where}: `kind: {kind}` is how the rule counts: write `timing: {kind}`, and `kind:` "
            f"says what the rule is: {', '.join(KINDS)}"
        )
    for key in ("kind", "timing", "title"):
        if not raw.get(key):
            raise PolicyError(f"{where}: `{key}` is required")
    if kind not in KINDS:
        raise PolicyError(f"{where}: unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if timing not in TIMINGS:
        raise PolicyError(f"{where}: unknown timing {timing!r}; expected one of {', '.join(TIMINGS)}")
    try:
        source, reason = citation(kind, raw)
    except CitationError as error:
        raise PolicyError(f"{where}: {error}") from None
    params = {k: v for k, v in raw.items() if k not in RULE_KEYS and not k.startswith("_")}
    missing = [k for k in REQUIRED[timing] if k not in params]
    if timing == "deadline" and "trigger" not in params and "at_review" not in params:
        missing.append("trigger or at_review")
    if missing:
        raise PolicyError(f"{where}: timing {timing} needs {', '.join(missing)}")
    for key in FACT_KEYS:
        value = params.get(key)
        for fact in [value] if isinstance(value, str) else value or []:
            if not isinstance(fact, str) or fact.partition(":")[0] not in FACTS:
                raise PolicyError(f"{where}: {key} names unknown fact {fact!r}; known: {', '.join(FACTS)}")
    if params.get("satisfied_from", "trigger") not in SATISFIED_FROM:
        raise PolicyError(f"{where}: satisfied_from must be one of {', '.join(SATISFIED_FROM)}")
    try:
        params = _offsets(params)
        applies = compile_conditions(raw.get("applies_when"), where)
    except ValueError as error:
        raise PolicyError(f"{where}: {error}" if not str(error).startswith(where) else str(error)) from None
    conditions = raw.get("applies_when") or {}
    return Rule(
        needs=_needs(timing, params),
        id=raw["id"],
        kind=kind,
        timing=timing,
        title=raw["title"],
        source=source,
        reason=reason,
        params=params,
        applies=applies,
        run=TIMINGS[timing],
        due_soon_days=int(raw.get("due_soon_days", settings["due_soon_days"])),
        numbered=bool(raw.get("numbered", timing in ("review_schedule", "recurring", "visits", "at_each_review"))),
        care_bound=any(conditions.get(name) is not False and name in conditions for name in CARE_BOUND),
        review_params=review_params,
        pack=raw["_pack"],
        note=str(raw.get("note", "")).strip(),
    )


def _needs(timing: str, params: dict[str, Any]) -> frozenset[str]:
    """The kinds of record a rule reads: a source that holds none of them cannot answer it."""
    named: set[str] = set()
    for key in (*FACT_KEYS, "events"):
        value = params.get(key)
        named.update(v.partition(":")[0] for v in ([value] if isinstance(value, str) else value or []))
    found = {kind for kind, names in RECORD_KINDS.items() if named & set(names)}
    if timing == "return_interview":
        found.add("missing")
    return frozenset(found)


def _offsets(params: dict[str, Any]) -> dict[str, Any]:
    """Offsets in the YAML become Offset objects once, so each case only applies them."""
    out = dict(params)
    for key, value in params.items():
        if key in OFFSET_KEYS or key in NESTED_OFFSETS:
            out[key] = None if value is None else Offset.of(value)
        elif key == "later" and isinstance(value, dict):
            out[key] = _offsets(value)
        elif key == "from_age" and isinstance(value, list):
            out[key] = [_offsets(step) if isinstance(step, dict) else step for step in value]
    return out


@cache
def load_pack(name: str) -> Pack:
    """The compiled pack; raises PolicyError with a clear message for a bad or unknown pack."""
    rules, chain, settings = _merged(name)
    data = _read(name)
    review = rules.get("cla-review")
    review_params = _offsets({k: review[k] for k in ("first", "second", "then") if k in review}) if review else None
    compiled = tuple(_compile_rule(raw, settings, review_params) for raw in rules.values())
    needs_reviews = [r.id for r in compiled if r.timing == "at_each_review" or "at_review" in r.params]
    if needs_reviews and review_params is None:
        raise PolicyError(f"{name}: rules counted from a review ({', '.join(needs_reviews)}) need the cla-review rule")
    return Pack(name=name, title=data.get("title", name), rules=compiled, chain=chain)


def pack_section(name: str, section: str) -> dict[str, Any]:
    """A top-level mapping other than `rules` (such as `stability:`), merged down the `extends` chain:
    the pack's own keys replace the inherited ones key by key. Read by the apps that own the section."""
    data = _read(name)
    merged = dict(pack_section(data["extends"], section)) if data.get("extends") else {}
    own = data.get(section)
    if own is not None and not isinstance(own, dict):
        raise PolicyError(f"{name}: `{section}` must be a mapping")
    for key, value in (own or {}).items():
        inherited = merged.get(key)
        merged[key] = {**inherited, **value} if isinstance(inherited, dict) and isinstance(value, dict) else value
    return merged
