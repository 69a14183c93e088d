"""How a child's wishes and feelings were obtained, and the My plan letter's states."""

HOW_OBTAINED = [
    ("direct_work", "Direct work with the child"),
    ("review", "At a looked-after review"),
    ("advocate", "Through an advocate"),
    ("independent_visitor", "Through an independent visitor"),
    ("letter", "A letter or message from the child"),
    ("other", "Another way"),
]
HOW_NAMES = dict(HOW_OBTAINED)

DRAFT = "draft"
REVIEWED = "reviewed"
SHARED = "shared"
LETTER_STATUSES = [(DRAFT, "Draft"), (REVIEWED, "Reviewed by the worker"), (SHARED, "Shared with the child")]
LETTER_STATUS_NAMES = dict(LETTER_STATUSES)
PRINTABLE = frozenset({REVIEWED, SHARED})
