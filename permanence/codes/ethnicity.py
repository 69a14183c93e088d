"""ETHNIC: ethnic origin (SSDA903, DfE census codes)."""

from .base import CodeList

ETHNICITY = CodeList.of(
    "Ethnicity",
    "ETHNIC",
    [
        ("WBRI", "White British"),
        ("WIRI", "White Irish"),
        ("WIRT", "Traveller of Irish heritage"),
        ("WOTH", "Any other White background"),
        ("WROM", "Gypsy/Roma"),
        ("MWBC", "White and Black Caribbean"),
        ("MWBA", "White and Black African"),
        ("MWAS", "White and Asian"),
        ("MOTH", "Any other mixed background"),
        ("AIND", "Indian"),
        ("APKN", "Pakistani"),
        ("ABAN", "Bangladeshi"),
        ("AOTH", "Any other Asian background"),
        ("BCRB", "Black Caribbean"),
        ("BAFR", "Black African"),
        ("BOTH", "Any other Black background"),
        ("CHNE", "Chinese"),
        ("OOTH", "Any other ethnic group"),
        ("REFU", "Refused"),
        ("NOBT", "Information not yet obtained"),
    ],
)

BROAD_GROUPS = {
    "White": ("WBRI", "WIRI", "WIRT", "WOTH", "WROM"),
    "Mixed": ("MWBC", "MWBA", "MWAS", "MOTH"),
    "Asian": ("AIND", "APKN", "ABAN", "AOTH"),
    "Black": ("BCRB", "BAFR", "BOTH"),
    "Other": ("CHNE", "OOTH"),
}
