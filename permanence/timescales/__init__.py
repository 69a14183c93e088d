"""The timescales engine: what is due, overdue and met for a case, and why. No Django here."""

from .engine import compute_many, compute_obligations
from .kinds import DUTY, KINDS, LOCAL_RULE, PROMPT_KIND
from .obligations import Obligation
from .policy import PolicyError, list_packs, load_pack
from .snapshot import CaseFileError, CaseSnapshot

# The England baseline's reviews of a child's case, whichever regulations time them.
REVIEW_RULES = ("cla-review", "short-break-review", "adoption-review-authorised", "adoption-review-placed")

__all__ = [
    "DUTY",
    "KINDS",
    "LOCAL_RULE",
    "PROMPT_KIND",
    "REVIEW_RULES",
    "CaseFileError",
    "CaseSnapshot",
    "Obligation",
    "PolicyError",
    "compute_many",
    "compute_obligations",
    "list_packs",
    "load_pack",
]
