"""What siblings add to each case snapshot: brothers and sisters placed apart, assessments and
contact plans. Registered with permanence.obligations from SiblingsConfig.ready; five queries
per batch (selectors.sibling_facts_for).
"""

from .selectors import raw_fact_queries, sibling_facts_for, sibling_pairs


def brothers_and_sisters(ids):
    """Children whose sibling facts (placed apart, together) a change to these children's facts changes."""
    return {sibling for siblings in sibling_pairs(ids).values() for sibling in siblings}


def raw_queries(ids):
    return raw_fact_queries(ids)


def facts_for(ids):
    return {child_id: {"siblings": facts} for child_id, facts in sibling_facts_for(ids).items()}
