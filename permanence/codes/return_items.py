"""Code lists of the SSDA903 return's own items (OC2, OC3, AD1, PlacedAdoption, PrevPerm, Missing,
SWEpisodes), as the DfE's SSDA903 guide lists them."""

from .base import CodeList

YES_NO = CodeList.of("Yes or no", "0/1", [("0", "No"), ("1", "Yes")])

SDQ_REASON = CodeList.of(
    "Reason no SDQ score",
    "SDQ_REASON",
    [
        ("SDQ1", "No form returned: the child is 17 or over on the date the form was due"),
        ("SDQ2", "Carer refused to complete and return the questionnaire"),
        ("SDQ3", "Not possible to complete the questionnaire because of the child's severity of disability"),
        ("SDQ4", "Other reason no questionnaire was completed"),
        ("SDQ5", "The child or young person refused to allow the questionnaire to be completed"),
    ],
)

IN_TOUCH = CodeList.of(
    "Care leaver in touch",
    "IN_TOUCH",
    [
        ("YES", "In touch with the authority"),
        ("NO", "Not in touch"),
        ("DIED", "Died"),
        ("REFU", "Young person refuses contact or has asked not to be in touch"),
        ("NREQ", "No longer requires services"),
        ("RHOM", "Returned home to parents or someone with parental responsibility for six months or more"),
    ],
)

ACTIVITY = CodeList.of(
    "Care leaver activity",
    "ACTIV",
    [
        ("F1", "Full-time in higher education"),
        ("P1", "Part-time in higher education"),
        ("F2", "Full-time in education other than higher education"),
        ("P2", "Part-time in education other than higher education"),
        ("F4", "Full-time apprenticeship"),
        ("P4", "Part-time apprenticeship"),
        ("F5", "Full-time training or employment"),
        ("P5", "Part-time training or employment"),
        ("G4", "Not in education, employment or training: illness or disability"),
        ("G5", "Not in education, employment or training: other reasons"),
        ("G6", "Not in education, employment or training: pregnancy or parenting"),
        ("0", "Not known or not applicable (not in touch, died or returned home)"),
    ],
)

_PLACES = [
    ("B", "With parents or relatives"),
    ("C", "Community home or other residential care"),
    ("D", "Semi-independent, transitional or self-contained accommodation"),
    ("E", "Supported lodgings"),
    ("G", "Gone abroad"),
    ("H", "Deported"),
    ("K", "Ordinary lodgings, without formal support"),
    ("R", "Residence not known"),
    ("T", "Foyer or similar supported accommodation"),
    ("U", "Independent living"),
    ("V", "Emergency accommodation"),
    ("W", "Bed and breakfast"),
    ("X", "In custody"),
    ("Y", "Other accommodation"),
    ("Z", "With former foster carers (staying put)"),
]
_PLACES.insert(_PLACES.index(("T", "Foyer or similar supported accommodation")), ("S", "No fixed abode or homeless"))
# Suffix 1: suitable, 2: not suitable. Custody is never suitable and homelessness never suitable.
ACCOMMODATION = CodeList.of(
    "Care leaver accommodation",
    "ACCOM",
    [
        (f"{code}{suffix}", f"{words}: {'suitable' if suffix == '1' else 'not suitable'}")
        for code, words in _PLACES
        for suffix in ("1", "2")
        if not (code in ("S", "X") and suffix == "1")
    ]
    + [("0", "Not known or not applicable (not in touch, died or returned home)")],
)

NUMBER_OF_ADOPTERS = CodeList.of("Number of adopters", "NB_ADOPTR", [("1", "One adopter"), ("2", "Two adopters")])
SEX_OF_ADOPTERS = CodeList.of(
    "Sex of adopters",
    "SEX_ADOPTR",
    [
        ("M1", "One male adopter"),
        ("F1", "One female adopter"),
        ("MM", "Two males"),
        ("FF", "Two females"),
        ("MF", "A male and a female"),
    ],
)
LEGAL_STATUS_OF_ADOPTERS = CodeList.of(
    "Legal status of adopters",
    "LS_ADOPTR",
    [
        ("L0", "Single adopter"),
        ("L11", "Married couple of different sexes"),
        ("L12", "Married couple of the same sex"),
        ("L2", "Unmarried couple, or one of them the child's parent's partner"),
        ("L3", "Civil partners"),
        ("L4", "Step-parent"),
    ],
)
REASON_PLACED_CEASED = CodeList.of(
    "Reason the decision to place for adoption ceased",
    "REASON_PLACED_CEASED",
    [
        ("RD1", "The child's needs changed after the decision"),
        ("RD2", "The court did not make a placement order"),
        ("RD3", "Prospective adopters could not be found"),
        ("RD4", "Any other reason"),
    ],
)
PREVIOUS_PERMANENCE = CodeList.of(
    "Previous permanence",
    "PREV_PERM",
    [
        ("P1", "Adoption"),
        ("P2", "Special guardianship order"),
        ("P3", "Residence order or child arrangements order naming with whom the child lives"),
        ("P4", "Previous permanence order of a kind not known"),
        ("Z1", "No previous permanence order, or not known"),
    ],
)
MISSING_KIND = CodeList.of(
    "Missing or away", "MISSING", [("M", "Missing from placement"), ("A", "Away from placement without authorisation")]
)
SW_REASON = CodeList.of(
    "Reason for a change of social worker",
    "SW_REASON",
    [
        ("MANAGE", "Management decision"),
        ("FCONTA", "Family or child asked for a change"),
        ("LEFTRL", "The social worker left the role"),
        ("ORGRST", "Organisational restructure"),
        ("TSPROC", "Transfer between teams as part of the council's process"),
        ("ABSENC", "The social worker's absence"),
        ("CHCHAN", "The child's circumstances changed"),
        ("PCCHAN", "The child moved placement or council"),
        ("SWDIED", "The social worker died"),
        ("OTHERS", "Other reason"),
    ],
)
