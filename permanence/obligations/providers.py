"""Facts that feature apps add to every case snapshot, registered from their AppConfig.ready.

The case record (children, episodes, orders, proceedings, reviews, visits) is read by
`snapshots.py` itself. A feature that holds a fact the engine needs (a plan, a decision, a
meeting, an action, brothers and sisters apart) registers a provider:

    register_fact_provider(
        "planning",
        facts_for=plan_facts_for,      # ids -> {child id: {CaseSnapshot field: value}}
        raw_queries=plan_raw_queries,  # ids -> the querysets it reads (the benchmark times them raw)
    )

`facts_for` reads a whole batch of children in a fixed number of queries. For a field that
holds several items (decisions, meetings, actions ...) it gives a tuple, which is added to what
other providers give; for a single field (plan, siblings) it gives the value, and only one
provider may give it.

A provider also names the models its facts come from (`models={Model: "path__to__child_id"}`):
saving or deleting one marks that child's stored obligations behind and works them out again
(children.changes, heard by store.facts_changed). A provider whose facts of one child depend on another's (brothers and
sisters) gives `related`: ids -> the other children whose obligations a change to these changes.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

ChildFacts = Mapping[str, Any]  # CaseSnapshot field -> a tuple of items, or a single value
FactsFor = Callable[[Sequence[int]], Mapping[int, ChildFacts]]
RawQueries = Callable[[Sequence[int]], list[QuerySet]]
Related = Callable[[set[int]], set[int]]


@dataclass(frozen=True)
class FactProvider:
    name: str
    facts_for: FactsFor
    raw_queries: RawQueries


_PROVIDERS: dict[str, FactProvider] = {}


_RELATED: dict[str, Related] = {}


def register_fact_provider(
    name: str,
    *,
    facts_for: FactsFor,
    raw_queries: RawQueries,
    models: Mapping[type[Model], str] | None = None,
    related: Related | None = None,
) -> None:
    """Add (or replace, on a repeated AppConfig.ready) the provider called `name`."""
    _PROVIDERS[name] = FactProvider(name=name, facts_for=facts_for, raw_queries=raw_queries)
    if related is not None:
        _RELATED[name] = related
    if models:
        from .signals import watch  # the read model's hooks; imported here, once apps are loaded

        for model, path in models.items():
            watch(model, path)


def related_children(ids: set[int]) -> set[int]:
    """Children whose obligations depend on these children's facts (their brothers and sisters)."""
    out: set[int] = set()
    for related in _RELATED.values():
        out |= related(ids)
    return out - ids


def fact_providers() -> tuple[FactProvider, ...]:
    """The registered providers, in the order their apps are installed."""
    return tuple(_PROVIDERS.values())
