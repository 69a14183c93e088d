"""What an SSD legal status says: an SSDA903 looked-after legal status (C1 ... V4), an order the
product records (special guardianship, child arrangements, supervision, adoption ...), or a status
the product does not use (private fostering, care leaver ...). Pure data and one function.

The SSD's ssd_legal_status holds both kinds (its guidance: "statuses for permanence orders, e.g.
Special Guardianship and Child Arrangement Orders ... among others").
"""

import re

from permanence.children import orders as o
from permanence.codes.legal_status import LEGAL_STATUS

# The order a looked-after legal status stands for, when it is one (SSDA903 LS meanings).
ORDER_OF_STATUS = {
    "C1": o.INTERIM_CARE_ORDER,
    "C2": o.CARE_ORDER,
    "E1": o.PLACEMENT_ORDER,
    "J1": o.REMAND,
    "L1": o.POLICE_PROTECTION,
    "L2": o.EMERGENCY_PROTECTION_ORDER,
    "V2": o.SECTION_20,
}
STATUS_OF_ORDER = {order: code for code, order in ORDER_OF_STATUS.items()}

# Words that name an order, most specific first (lower case, matched inside the status text).
_ORDER_WORDS = (
    ("interim care order", o.INTERIM_CARE_ORDER),
    ("special guardianship", o.SPECIAL_GUARDIANSHIP_ORDER),
    ("child arrangements order: spends time", o.CAO_SPEND_TIME),
    ("spend time", o.CAO_SPEND_TIME),
    ("child arrangement", o.CAO_LIVE_WITH),
    ("residence order", o.CAO_LIVE_WITH),
    ("supervision order", o.SUPERVISION_ORDER),
    ("adoption order", o.ADOPTION_ORDER),
    ("placement order", o.PLACEMENT_ORDER),
    ("emergency protection", o.EMERGENCY_PROTECTION_ORDER),
    ("police protection", o.POLICE_PROTECTION),
    ("care order", o.CARE_ORDER),
    ("section 20", o.SECTION_20),
    ("remand", o.REMAND),
)
_LOOKS_LIKE_A_CODE = re.compile(r"^[A-Z][0-9][A-Z0-9]?\b")


def read_status(text):
    """("status", code) for an SSDA903 LS code; ("order", order type) for a named order;
    ("unknown code", text) for something shaped like a code that is none; ("other", text) else."""
    value = (text or "").strip()
    head = re.split(r"[\s:\-–(]+", value, maxsplit=1)[0].upper()
    if head in LEGAL_STATUS:
        return "status", head
    lowered = value.lower()
    for label_type, label in o.ORDER_TYPES:
        if lowered == label.lower() or lowered == label_type:
            return "order", label_type
    for words, order_type in _ORDER_WORDS:
        if words in lowered:
            return "order", order_type
    if _LOOKS_LIKE_A_CODE.match(value.upper()):
        return "unknown code", value
    return "other", value


# ssd_permanence.perm_permanence_order_type: "Adoption", "Special Guardianship", "Child
# Arrangements Order/ Residence Order".
def permanence_order(text):
    lowered = (text or "").strip().lower()
    if not lowered:
        return None
    if "adopt" in lowered:
        return o.ADOPTION_ORDER
    if "guardian" in lowered:
        return o.SPECIAL_GUARDIANSHIP_ORDER
    if "arrangement" in lowered or "residence" in lowered:
        return o.CAO_LIVE_WITH
    return ""
