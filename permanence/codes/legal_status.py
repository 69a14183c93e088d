"""LS: legal status of a looked-after child (SSDA903)."""

from .base import CodeList

LEGAL_STATUS = CodeList.of(
    "Legal status",
    "LS",
    [
        ("C1", "Interim care order"),
        ("C2", "Full care order"),
        ("D1", "Freeing order granted"),
        ("E1", "Placement order granted"),
        ("J1", "Remanded to local authority accommodation or to youth detention accommodation"),
        ("J2", "Placed in local authority accommodation under the Police and Criminal Evidence Act 1984"),
        ("J3", "Sentenced to a youth rehabilitation order with residence or intensive fostering requirement"),
        ("L1", "Under police protection and in local authority accommodation"),
        ("L2", "Emergency protection order"),
        ("L3", "Under child assessment order and in local authority accommodation"),
        ("V2", "Single period of accommodation under section 20 (Children Act 1989)"),
        ("V3", "Accommodated under an agreed series of short-term breaks, when individual episodes are recorded"),
        ("V4", "Accommodated under an agreed series of short-term breaks, when agreements are recorded"),
    ],
)

CARE_ORDERS = frozenset({"C1", "C2"})
SECTION_20 = frozenset({"V2"})
SHORT_BREAKS = frozenset({"V3", "V4"})
YOUTH_JUSTICE = frozenset({"J1", "J2", "J3"})
PLACEMENT_ORDER = frozenset({"D1", "E1"})
