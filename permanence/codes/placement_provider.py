"""PLACE_PROVIDER: who provides the placement (SSDA903)."""

from .base import CodeList

PLACEMENT_PROVIDER = CodeList.of(
    "Placement provider",
    "PLACE_PROVIDER",
    [
        ("PR0", "Parent(s) or other person(s) with parental responsibility"),
        ("PR1", "Own provision by the council"),
        ("PR2", "Other local authority provision"),
        ("PR3", "Other public provision, for example by the NHS"),
        ("PR4", "Private provision"),
        ("PR5", "Voluntary or third sector provision"),
    ],
)
