"""Writes to the case record. Keyword-only functions, each one transaction.

Every write checks the pure rules in `rules.py` first and raises ValidationError with
{field: message} when the record would be impossible, leaving the database unchanged. An edit
of a recorded fact goes through `record_correct` (versioned, a reason kept for a correction).

- case.py: the child, family network, allocation, raw episodes, orders, reviews, visits, proceedings
- episodes.py: becoming looked after, moves, changes of legal status, leaving care
- facts.py: placement law, order changes, health, education, plans, missing, carers
- corrections.py: updating and correcting any of them
"""

from .case import (
    allocation_assign,
    child_create,
    child_open,
    child_update,
    episode_close,
    episode_create,
    episode_update,
    extension_grant,
    hearing_add,
    order_record,
    person_create,
    proceedings_record,
    proceedings_update,
    relationship_add,
    relative_add,
    review_record,
    visit_record,
)
from .corrections import record_correct
from .episodes import care_end, care_start, current_episode, legal_status_change, placement_move
from .facts import (
    carer_approval_record,
    carer_create,
    dental_check_record,
    education_plan_record,
    health_assessment_record,
    long_term_confirm,
    missing_record,
    order_change_record,
    statutory_plan_record,
    temporary_approval_record,
)

__all__ = [
    "allocation_assign",
    "care_end",
    "care_start",
    "carer_approval_record",
    "carer_create",
    "child_create",
    "child_open",
    "child_update",
    "current_episode",
    "dental_check_record",
    "education_plan_record",
    "episode_close",
    "episode_create",
    "episode_update",
    "extension_grant",
    "health_assessment_record",
    "hearing_add",
    "legal_status_change",
    "long_term_confirm",
    "missing_record",
    "order_change_record",
    "order_record",
    "person_create",
    "placement_move",
    "proceedings_record",
    "proceedings_update",
    "record_correct",
    "relationship_add",
    "relative_add",
    "review_record",
    "statutory_plan_record",
    "temporary_approval_record",
    "visit_record",
]
