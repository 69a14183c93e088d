"""REASON_PLACE_CHANGE: reason for a change of placement (SSDA903)."""

from .base import CodeList

REASON_PLACE_CHANGE = CodeList.of(
    "Reason for placement change",
    "REASON_PLACE_CHANGE",
    [
        ("CARPL", "Change to or implementation of the care plan"),
        ("CLOSE", "Resignation or closure of provision"),
        ("ALLEG", "Allegation (section 47)"),
        ("STAND", "Standards of care concern"),
        ("APPRR", "Approval removed"),
        ("CREQB", "Carer(s) requested placement end due to the child's behaviour"),
        ("CREQO", "Carer(s) requested placement end other than due to the child's behaviour"),
        ("CHILD", "Child requested placement end"),
        ("LAREQ", "Responsible or area authority requested placement end"),
        ("PLACE", "Change in the status of placement only"),
        ("OTHER", "Other"),
    ],
)

UNPLANNED = frozenset({"CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD"})
