"""PN: how the child participated in a looked-after review (SSDA903)."""

from .base import CodeList

PARTICIPATION = CodeList.of(
    "Review participation",
    "PN",
    [
        ("PN0", "Child aged under 4 at the time of the review"),
        ("PN1", "Child physically attends and speaks for themselves"),
        ("PN2", "Child physically attends and an advocate speaks on their behalf"),
        ("PN3", "Child attends and conveys their view symbolically (non-verbally)"),
        ("PN4", "Child physically attends but does not convey their view"),
        ("PN5", "Child does not attend physically but briefs an advocate to speak for them"),
        ("PN6", "Child does not attend but conveys their feelings by a facilitative medium"),
        ("PN7", "Child does not attend nor are their views conveyed to the review"),
    ],
)

UNDER_FOUR = "PN0"
