"""The stages of a match, from link to placement, and the moves between them (pure: no Django).

A link (the family finder and the child's worker think these carers might be right) leads to
visits, a matching report, the panel's recommendation, the decision (the Agency Decision Maker
for adoption; the panel's recommendation agreed for long-term fostering and special
guardianship), an introductions plan and the placement (KSS §3 and §4). A link may end at any
stage before placement, with a reason. Each move is a dated record.
"""

LINKED = "linked"
VISITS = "visits"
REPORT = "report"
PANEL = "panel"
APPROVED = "approved"
INTRODUCTIONS = "introductions"
PLACED = "placed"
ENDED = "ended"

STAGES = [
    (LINKED, "Linked"),
    (VISITS, "Visits"),
    (REPORT, "Matching report written"),
    (PANEL, "Recommended by the panel"),
    (APPROVED, "Match approved"),
    (INTRODUCTIONS, "Introductions"),
    (PLACED, "Placed"),
    (ENDED, "Link ended"),
]
STAGE_NAMES = dict(STAGES)
ORDER = [key for key, _ in STAGES if key != ENDED]
ACTIVE = tuple(s for s in ORDER if s != PLACED)
# From these the child counts as matched (the decision is made).
MATCHED_STAGES = (APPROVED, INTRODUCTIONS, PLACED)

# Moves a person makes on the match page. Panel and approval are reached only through the panel's
# minutes and the decision on them (meetings), never by choosing a stage (matching/receivers.py).
MANUAL = {LINKED: [VISITS], VISITS: [REPORT], REPORT: [], PANEL: [], APPROVED: [INTRODUCTIONS], INTRODUCTIONS: [PLACED]}
FORWARD = {
    LINKED: [VISITS],
    VISITS: [REPORT],
    REPORT: [PANEL],
    PANEL: [APPROVED],
    APPROVED: [INTRODUCTIONS],
    INTRODUCTIONS: [PLACED],
    PLACED: [],
    ENDED: [],
}

WHAT_NEXT = {
    LINKED: "Arrange visits: the child's social worker and the family finder visit the carers.",
    VISITS: "Write the matching report when the visits are done.",
    REPORT: "Take the match to the permanence panel.",
    PANEL: "The panel has recommended the match: the decision follows.",
    APPROVED: "Agree the introductions plan.",
    INTRODUCTIONS: "Record the placement when the child moves in.",
    PLACED: "The child has moved in: support the placement.",
    ENDED: "The link has ended.",
}


class MoveRefused(ValueError):
    def __init__(self, message, field="stage"):
        super().__init__(message)
        self.message = message
        self.field = field


def name(stage):
    return STAGE_NAMES.get(stage, stage)


def check_move(from_stage, to_stage, reason=""):
    """None if the match may move; MoveRefused with the reason in words otherwise."""
    if to_stage not in STAGE_NAMES:
        raise MoveRefused(f"{to_stage!r} is not a stage of a match.")
    if from_stage in (PLACED, ENDED):
        raise MoveRefused(f"This match is “{name(from_stage)}”: it cannot move any more.")
    if to_stage == ENDED:
        if not reason.strip():
            raise MoveRefused("Ending a link needs a reason: say why it ended.", field="note")
        return None
    if to_stage in FORWARD[from_stage]:
        return None
    nxt = FORWARD[from_stage]
    hint = f" From “{name(from_stage)}” the next stage is “{name(nxt[0])}”." if nxt else ""
    raise MoveRefused(f"A match cannot move from “{name(from_stage)}” to “{name(to_stage)}”.{hint}")


def manual_moves(stage):
    return [(to, name(to)) for to in MANUAL.get(stage, [])]
