"""CIN: category of need (SSDA903)."""

from .base import CodeList

CATEGORY_OF_NEED = CodeList.of(
    "Category of need",
    "CIN",
    [
        ("N1", "Abuse or neglect"),
        ("N2", "Child's disability"),
        ("N3", "Parental illness or disability"),
        ("N4", "Family in acute stress"),
        ("N5", "Family dysfunction"),
        ("N6", "Socially unacceptable behaviour"),
        ("N7", "Low income"),
        ("N8", "Absent parenting"),
    ],
)
