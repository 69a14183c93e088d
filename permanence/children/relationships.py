"""How a person in the family network is related to the child."""

MOTHER = "mother"
FATHER = "father"
STEP_PARENT = "step_parent"
GRANDPARENT = "grandparent"
AUNT_UNCLE = "aunt_uncle"
SIBLING_FULL = "sibling_full"
SIBLING_HALF = "sibling_half"
SIBLING_STEP = "sibling_step"
COUSIN = "cousin"
FRIEND = "friend"
FOSTER_CARER = "foster_carer"
OTHER = "other"

RELATIONSHIP_TYPES = [
    (MOTHER, "Mother"),
    (FATHER, "Father"),
    (STEP_PARENT, "Step-parent"),
    (GRANDPARENT, "Grandparent"),
    (AUNT_UNCLE, "Aunt or uncle"),
    (SIBLING_FULL, "Sibling (full)"),
    (SIBLING_HALF, "Sibling (half)"),
    (SIBLING_STEP, "Sibling (step)"),
    (COUSIN, "Cousin"),
    (FRIEND, "Family friend"),
    (FOSTER_CARER, "Foster carer"),
    (OTHER, "Other"),
]
RELATIONSHIP_NAMES = dict(RELATIONSHIP_TYPES)
PARENTS = frozenset({MOTHER, FATHER})
SIBLINGS = frozenset({SIBLING_FULL, SIBLING_HALF, SIBLING_STEP})
RELATIVES = frozenset({GRANDPARENT, AUNT_UNCLE, COUSIN, STEP_PARENT}) | SIBLINGS
