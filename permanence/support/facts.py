"""What support adds to each case snapshot: a contact plan that is part of Lifelong Links meets
the lifelong-links rule (Camden §9). Registered with permanence.obligations from
SupportConfig.ready; one query per batch.
"""

from permanence.children.bulk import among
from permanence.obligations.snapshots import grouped
from permanence.timescales.snapshot import Dated

from .models import ContactPlan


def _query(ids):
    return ContactPlan.objects.filter(**among("child_id", ids), lifelong_links=True).order_by("agreed")


def raw_queries(ids):
    return [_query(ids).values_list("child_id", "agreed")]


def facts_for(ids):
    rows = grouped(_query(ids), ("agreed",))
    return {
        child_id: {"decisions": tuple(Dated("lifelong_links", d) for (d,) in rows.get(child_id, ()))}
        for child_id in ids
    }
