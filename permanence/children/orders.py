"""Legal orders and arrangements over a child, with their meanings (Children Act 1989, ACA 2002)."""

INTERIM_CARE_ORDER = "interim_care_order"
CARE_ORDER = "care_order"
PLACEMENT_ORDER = "placement_order"
SPECIAL_GUARDIANSHIP_ORDER = "special_guardianship_order"
CAO_LIVE_WITH = "child_arrangements_order_live_with"
CAO_SPEND_TIME = "child_arrangements_order_spend_time"
SUPERVISION_ORDER = "supervision_order"
EMERGENCY_PROTECTION_ORDER = "emergency_protection_order"
POLICE_PROTECTION = "police_protection"
SECTION_20 = "section_20"
REMAND = "remand"
ADOPTION_ORDER = "adoption_order"
# The High Court's order under its inherent jurisdiction authorising a deprivation of the child's
# liberty (SSDA903 DoLo table from 2026-27).
DEPRIVATION_OF_LIBERTY_ORDER = "deprivation_of_liberty_order"

ORDER_TYPES = [
    (EMERGENCY_PROTECTION_ORDER, "Emergency protection order (s44)"),
    (POLICE_PROTECTION, "Police protection (s46)"),
    (SECTION_20, "Accommodation by agreement (section 20)"),
    (INTERIM_CARE_ORDER, "Interim care order (s38)"),
    (CARE_ORDER, "Care order (s31)"),
    (SUPERVISION_ORDER, "Supervision order (s31)"),
    (PLACEMENT_ORDER, "Placement order (ACA 2002 s21)"),
    (ADOPTION_ORDER, "Adoption order (ACA 2002 s46)"),
    (SPECIAL_GUARDIANSHIP_ORDER, "Special guardianship order (s14A)"),
    (CAO_LIVE_WITH, "Child arrangements order: lives with (s8)"),
    (CAO_SPEND_TIME, "Child arrangements order: spends time with (s8)"),
    (REMAND, "Remand to local authority accommodation"),
    (DEPRIVATION_OF_LIBERTY_ORDER, "Deprivation of liberty order (High Court, inherent jurisdiction)"),
]
ORDER_NAMES = dict(ORDER_TYPES)
# Orders that give the child a legally secure permanent home outside care.
PERMANENCE_ORDERS = frozenset({ADOPTION_ORDER, SPECIAL_GUARDIANSHIP_ORDER, CAO_LIVE_WITH})
