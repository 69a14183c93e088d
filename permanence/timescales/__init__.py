"""The timescales engine: what is due, overdue and met for a case, and why. No Django here."""

from .engine import compute_many, compute_obligations  # noqa: F401
from .obligations import Obligation  # noqa: F401
from .policy import PolicyError, list_packs, load_pack  # noqa: F401
from .snapshot import CaseFileError, CaseSnapshot  # noqa: F401
