"""Policy packs: the rules' parameters and citations, as YAML, compiled once.

A pack may `extends:` another (a council's pack extends `england`): its rules with a known id
replace keys of the inherited rule, new ids are added, and `remove:` drops inherited rules.
Packs are found in policies/ beside this file and in PERMANENCE_POLICY_DIRS (colon-separated).
Format: docs/policy-packs.md.
"""

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .conditions import compile_conditions
from .context import FACTS
from .dates import Offset
from .kinds import KINDS, REQUIRED

BUILT_IN = Path(__file__).parent / "policies"
RULE_KEYS = {"id", "kind", "title", "source", "applies_when", "numbered", "due_soon_days"}


class PolicyError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    title: str
    source: str
    params: dict
    applies: object
    run: object
    due_soon_days: int
    numbered: bool = False
    review_params: dict = field(default=None)


@dataclass(frozen=True)
class Pack:
    name: str
    title: str
    rules: tuple
    chain: tuple  # the pack and those it extends, most specific first

    def rule(self, rule_id):
        return next(r for r in self.rules if r.id == rule_id)


def search_dirs():
    extra = [Path(p) for p in os.environ.get("PERMANENCE_POLICY_DIRS", "").split(":") if p]
    return [*extra, BUILT_IN]


def list_packs():
    names = set()
    for folder in search_dirs():
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.yaml"))
    return sorted(names)


def _read(name):
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


def _merged(name, seen=()):
    if name in seen:
        raise PolicyError(f"policy pack {name!r} extends itself through {' -> '.join(seen)}")
    data = _read(name)
    parent = data.get("extends")
    rules, chain, settings = {}, (name,), {"due_soon_days": 14}
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


def _compile_rule(raw, settings, review_params):
    where = f"{raw['_pack']}: rule {raw['id']}"
    for key in ("kind", "title", "source"):
        if not raw.get(key):
            raise PolicyError(f"{where}: `{key}` is required")
    kind = raw["kind"]
    if kind not in KINDS:
        raise PolicyError(f"{where}: unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    params = {k: v for k, v in raw.items() if k not in RULE_KEYS and not k.startswith("_")}
    missing = [k for k in REQUIRED[kind] if k not in params]
    if kind == "deadline" and "trigger" not in params and "at_review" not in params:
        missing.append("trigger or at_review")
    if missing:
        raise PolicyError(f"{where}: kind {kind} needs {', '.join(missing)}")
    for key in ("trigger", "anchor", "satisfied_by"):
        for fact in [params[key]] if isinstance(params.get(key), str) else params.get(key, []) or []:
            if fact.partition(":")[0] not in FACTS:
                raise PolicyError(f"{where}: {key} names unknown fact {fact!r}; known: {', '.join(FACTS)}")
    try:
        params = _offsets(params)
    except ValueError as error:
        raise PolicyError(f"{where}: {error}") from None
    try:
        applies = compile_conditions(raw.get("applies_when"), where)
    except ValueError as error:
        raise PolicyError(str(error)) from None
    return Rule(
        id=raw["id"], kind=kind, title=raw["title"], source=raw["source"], params=params, applies=applies,
        run=KINDS[kind], due_soon_days=int(raw.get("due_soon_days", settings["due_soon_days"])),
        numbered=bool(raw.get("numbered", kind in ("review_schedule", "recurring"))), review_params=review_params,
    )


OFFSET_KEYS = ("first", "second", "then", "offset", "every", "term", "limit", "after")


def _offsets(params):
    """Offsets in the YAML become Offset objects once, so each case only applies them."""
    out = dict(params)
    for key, value in params.items():
        if key in OFFSET_KEYS:
            out[key] = Offset.of(value)
        elif key == "later" and isinstance(value, dict):
            out[key] = _offsets(value)
    return out


@lru_cache(maxsize=None)
def load_pack(name):
    """The compiled pack; raises PolicyError with a clear message for a bad or unknown pack."""
    rules, chain, settings = _merged(name)
    data = _read(name)
    review = rules.get("cla-review")
    review_params = _offsets({k: review[k] for k in ("first", "second", "then")}) if review else None
    compiled = tuple(_compile_rule(raw, settings, review_params) for raw in rules.values())
    if any(r.kind == "deadline" and "at_review" in r.params for r in compiled) and review_params is None:
        raise PolicyError(f"{name}: rules counted from a review need the cla-review rule")
    return Pack(name=name, title=data.get("title", name), rules=compiled, chain=chain)


def pack_section(name, section):
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
