"""Case snapshots for the timescales engine, read from the database in bulk.

One query per kind of fact for a whole batch of children, grouped in Python, so a caseload
costs a fixed number of queries and a national batch stays linear in the number of children.
The case record's facts are read here; feature apps add theirs through registered providers
(`providers.py`).
"""

from collections import defaultdict

from permanence.children.bulk import among
from permanence.children.carers import CONNECTED_PERSON
from permanence.children.models import Child, Episode, Extension, LegalOrder, Proceedings, Review, Visit
from permanence.timescales.snapshot import (
    RECORD_KINDS,
    CarerFacts,
    CaseSnapshot,
    ChildFacts,
    EpisodeFacts,
    OrderFacts,
    ProceedingsFacts,
)

from . import record
from .providers import fact_providers

BATCH = 5000

# Fields several providers may add to, put in date order once gathered (a stable sort, so each
# provider's own order stands for items on the same day).
BY_DATE = ("decisions", "meetings", "iro_decisions", "steps")
# Kinds of record (timescales.snapshot.RECORD_KINDS) this module reads itself (record.py, those
# staff may record here); any other kind is held only if a provider gives it. A kind no one holds
# is `unknown` to the engine: its rules are not worked out (a record that cannot be kept is never
# shown overdue).


def grouped(queryset, fields, id_field="child_id"):
    """{id: [row without the id, ...]} from one query."""
    groups = defaultdict(list)
    for row in queryset.values_list(id_field, *fields):
        groups[row[0]].append(row[1:])
    return groups


def fact_queries(ids):
    """The queries that read the case record's facts for these children (the benchmark reads them raw too)."""
    return {
        "children": (
            Child.objects.filter(**among("pk", ids)).order_by("pk"),
            ("date_of_birth", "expected_date_of_birth"),
            "pk",
        ),
        "episodes": (
            Episode.objects.filter(**among("child_id", ids)).order_by("child_id", "start"),
            (
                "start",
                "end",
                "legal_status",
                "placement",
                "reason_new",
                "reason_ceased",
                "carer__kind",
                "carer__temporary_approval_start",
                "carer__temporary_approval_extended_to",
                "carer__full_approval_date",
                "carer__reference",
                "urn",
            ),
            "child_id",
        ),
        "reviews": (
            Review.objects.filter(**among("child_id", ids)).order_by("child_id", "date"),
            ("date",),
            "child_id",
        ),
        "visits": (Visit.objects.filter(**among("child_id", ids)).order_by("child_id", "date"), ("date",), "child_id"),
        "proceedings": (
            Proceedings.objects.filter(**among("child_id", ids)).order_by("child_id", "issued"),
            ("pk", "issued", "concluded", "pre_proceedings_start", "final_evidence_filed", "final_evidence_due"),
            "child_id",
        ),
        "extensions": (
            Extension.objects.filter(**among("proceedings__child_id", ids)).order_by("granted"),
            ("weeks",),
            "proceedings_id",
        ),
        "orders": (
            LegalOrder.objects.filter(**among("child_id", ids)).order_by("child_id", "made"),
            ("order_type", "made", "ended", "extended_to"),
            "child_id",
        ),
    }


def raw_queries(ids):
    """Every query a batch of snapshots reads, as plain querysets: the benchmark times reading them raw."""
    case = [qs.values_list(id_field, *fields) for qs, fields, id_field in fact_queries(ids).values()]
    return (
        case + record.raw_queries(ids) + [query for provider in fact_providers() for query in provider.raw_queries(ids)]
    )


def _episode(row, rows, child_id):
    start, end, ls, place, rne, rec, carer_kind, temp_start, temp_extended_to, full, carer_ref, urn = row
    carer = None
    if carer_kind is not None:
        carer = CarerFacts(
            connected_person=carer_kind == CONNECTED_PERSON,
            temporary_approval_start=temp_start,
            temporary_approval_extended=temp_extended_to is not None,
            fully_approved=full,
        )
    # Who the child lives with: the same carers (or home) across two episodes is the same placement.
    home = carer_ref or urn or None
    episode = EpisodeFacts(start, end, ls, place, rne, rec or None, carer, home=home)
    return record.placement_law(rows, child_id, episode, carer_ref)


def _contributed(child_id, contributions):
    """One child's facts from every provider: tuples added together, single values given once."""
    fields = {}
    for provider, facts in contributions:
        for name, value in facts.get(child_id, {}).items():
            if isinstance(value, tuple):
                fields[name] = fields.get(name, ()) + value
            elif name in fields:
                raise ValueError(f"two fact providers give {name!r}; the second is {provider!r}")
            else:
                fields[name] = value
    for name in BY_DATE:
        if name in fields:
            fields[name] = tuple(sorted(fields[name], key=lambda item: item.date))
    return fields


def snapshots_for(ids):
    """{child id: CaseSnapshot} for one batch of child ids, in a fixed number of queries."""
    facts = {name: grouped(qs, fields, id_field) for name, (qs, fields, id_field) in fact_queries(ids).items()}
    rows = record.read(ids)
    held = record.held_kinds()
    contributions = [(provider.name, provider.facts_for(ids)) for provider in fact_providers()]
    out = {}
    wanted = set(ids)
    for child_id, ((dob, edd),) in facts["children"].items():
        if child_id not in wanted:
            continue
        proceedings = tuple(
            ProceedingsFacts(
                issued=issued,
                extensions=tuple(w for (w,) in facts["extensions"].get(pk, ())),
                concluded=concluded,
                pre_proceedings_start=pre,
                final_evidence_filed=filed,
                final_evidence_due=evidence_due,
            )
            for pk, issued, concluded, pre, filed, evidence_due in facts["proceedings"].get(child_id, ())
        )
        contributed = _contributed(child_id, contributions)
        unknown = frozenset(kind for kind in RECORD_KINDS if kind not in held and kind not in contributed)
        own = {name: value for name, value in record.record_facts(rows, child_id).items() if name in held}
        for name, value in own.items():
            contributed[name] = value + contributed.get(name, ())
            if name != "missing":
                contributed[name] = tuple(sorted(contributed[name]))
        out[child_id] = CaseSnapshot(
            child=ChildFacts(str(child_id), dob, edd),
            episodes=tuple(_episode(row, rows, child_id) for row in facts["episodes"].get(child_id, ())),
            reviews=tuple(d for (d,) in facts["reviews"].get(child_id, ())),
            proceedings=proceedings,
            orders=tuple(OrderFacts(*row) for row in facts["orders"].get(child_id, ())),
            visits=tuple(d for (d,) in facts["visits"].get(child_id, ())),
            unknown=unknown,
            **contributed,
        )
    return out


def iter_snapshots(ids, batch=BATCH):
    """Snapshots for many children, a batch at a time so memory stays flat."""
    ids = list(ids)
    for i in range(0, len(ids), batch):
        yield from snapshots_for(ids[i : i + batch]).items()
