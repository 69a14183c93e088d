"""REC: reason episode ceased (SSDA903)."""

from .base import CodeList

REASON_CEASED = CodeList.of(
    "Reason episode ceased",
    "REC",
    [
        ("E11", "Adopted: application for an adoption order unopposed"),
        ("E12", "Adopted: consent dispensed with by the court"),
        ("E13", "Left care to live with parent(s), relative(s) or other person(s) with no parental responsibility"),
        ("E14", "Accommodation on remand ended"),
        ("E15", "Age assessment determined the child is aged 18 or over"),
        ("E16", "Child moved abroad"),
        ("E17", "Aged 18 or over and remained with current carers (including staying put)"),
        ("E2", "Died"),
        ("E3", "Care taken over by another local authority in the UK"),
        ("E41", "Child arrangements order (live with) granted"),
        ("E45", "Special guardianship order made to former foster carer(s) who are relative(s) or friend(s)"),
        ("E46", "Special guardianship order made to former foster carer(s) other than relative(s) or friend(s)"),
        (
            "E47",
            "Special guardianship order made to carer(s), not former foster carers, who are relative(s) or friend(s)",
        ),
        (
            "E48",
            "Special guardianship order made to carer(s), not former foster carers, other than relative(s) or friend(s)",
        ),
        ("E4A", "Returned home to parent(s) or others with parental responsibility as part of the care plan"),
        ("E4B", "Returned home to parent(s) or others with parental responsibility not as part of the care plan"),
        ("E5", "Moved into independent living with formalised advice and support"),
        ("E6", "Moved into independent living without formalised advice and support"),
        ("E7", "Transferred to residential care funded by adult social care services"),
        ("E8", "Period of being looked after ended for any other reason"),
        ("E9", "Sentenced to custody"),
        ("X1", "Episode ceases and a new episode begins on the same day"),
    ],
)

CONTINUES = "X1"
ADOPTED = frozenset({"E11", "E12"})
SPECIAL_GUARDIANSHIP = frozenset({"E45", "E46", "E47", "E48"})
CHILD_ARRANGEMENTS = frozenset({"E41"})
RETURNED_HOME = frozenset({"E4A", "E4B"})
# Exits that give the child a legally secure permanent home.
LEGAL_PERMANENCE = ADOPTED | SPECIAL_GUARDIANSHIP | CHILD_ARRANGEMENTS
