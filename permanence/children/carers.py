"""Kinds of carer and home."""

FOSTER_CARER = "foster_carer"
CONNECTED_PERSON = "connected_person"
FFA_CARER = "ffa_carer"
ADOPTER = "adopter"
SPECIAL_GUARDIAN = "special_guardian"
CHILDRENS_HOME = "childrens_home"
SUPPORTED_ACCOMMODATION = "supported_accommodation"
PARENT = "parent"

CARER_KINDS = [
    (FOSTER_CARER, "Foster carer"),
    (CONNECTED_PERSON, "Connected person (family and friends foster carer)"),
    (FFA_CARER, "Foster carer approved as adopter (fostering for adoption)"),
    (ADOPTER, "Approved adopter"),
    (SPECIAL_GUARDIAN, "Special guardian"),
    (CHILDRENS_HOME, "Children's home"),
    (SUPPORTED_ACCOMMODATION, "Supported accommodation"),
    (PARENT, "Parent (placed with parents)"),
]
CARER_KIND_NAMES = dict(CARER_KINDS)
