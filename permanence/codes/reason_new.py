"""RNE: reason for new episode (SSDA903)."""

from .base import CodeList

REASON_NEW = CodeList.of(
    "Reason for new episode",
    "RNE",
    [
        ("S", "Started to be looked after"),
        ("L", "Change of legal status only"),
        ("P", "Change of placement and carer(s) only"),
        ("T", "Change of placement only, same carer(s)"),
        ("U", "Change of legal status and placement, same carer(s)"),
        ("B", "Change of legal status and placement and carer(s) at the same time"),
    ],
)

STARTED = "S"
# A new placement (someone else looks after the child) counts as a move.
PLACEMENT_CHANGES = frozenset({"P", "T", "U", "B"})
