"""Where a permanence plan has got to, and which moves between stages make sense.

Pure: no Django. The stage keys and names are those of `options.STAGES`.

A plan goes forward one step at a time, with the short cuts practice actually takes (a plan
to return home is agreed at review and the child goes home; a kinship plan is secured by a
special guardianship order without family finding). Going back is allowed only to
"being explored" (the plan has fallen away) or, when a match or placement ends, to family
finding again; every backward move needs a reason (DESIGN: history is kept, with who and why).
"""

from dataclasses import dataclass

from .options import STAGE_NAMES

EXPLORING = "exploring"
AGREED_AT_REVIEW = "agreed_at_review"
ENDORSED = "endorsed"
BEFORE_COURT = "before_court"
FAMILY_FINDING = "family_finding"
MATCHED = "matched"
PLACED = "placed"
LEGALLY_SECURED = "legally_secured"
ACHIEVED = "achieved"

ORDER = [
    EXPLORING,
    AGREED_AT_REVIEW,
    ENDORSED,
    BEFORE_COURT,
    FAMILY_FINDING,
    MATCHED,
    PLACED,
    LEGALLY_SECURED,
    ACHIEVED,
]
assert ORDER == list(STAGE_NAMES), "stages.ORDER must follow options.STAGES"

# Forward moves: from each stage, where the plan may go next.
FORWARD = {
    EXPLORING: [AGREED_AT_REVIEW],
    # After review: to panel or ADM (adoption, long-term fostering), straight to court (care
    # plan filed), to family finding, or placed (return home, or with the current carers).
    AGREED_AT_REVIEW: [ENDORSED, BEFORE_COURT, FAMILY_FINDING, PLACED],
    # After ADM or panel: the court, family finding (early, Leeds §8.3), or a match with
    # fostering-for-adoption or concurrent carers already found.
    ENDORSED: [BEFORE_COURT, FAMILY_FINDING, MATCHED],
    # The court makes a placement order (then family finding), or secures the child with the
    # carers already caring (special guardianship, child arrangements order), or the child is
    # placed home under a supervision order.
    BEFORE_COURT: [FAMILY_FINDING, LEGALLY_SECURED, PLACED],
    FAMILY_FINDING: [MATCHED],
    MATCHED: [PLACED],
    # Placed: an order follows (adoption, SGO, CAO) or, for long-term fostering and a return
    # home without an order, the plan is achieved as it stands.
    PLACED: [LEGALLY_SECURED, ACHIEVED],
    LEGALLY_SECURED: [ACHIEVED],
    ACHIEVED: [],
}

# Backward moves, each needing a reason.
BACKWARD = {
    stage: ([EXPLORING] if stage != EXPLORING else []) + ([FAMILY_FINDING] if stage in (MATCHED, PLACED) else [])
    for stage in ORDER
}


def starting_stage(forum):
    """Where a plan recorded by a decision starts: agreed, if the looked-after review agreed it
    (Leeds §3: the plan is recorded in the IRO decisions report); otherwise being explored."""
    return AGREED_AT_REVIEW if forum == "review" else EXPLORING


class StageMoveRefused(ValueError):
    """A move the plan cannot make; the message says why in the stages' own names."""

    def __init__(self, message, field="to_stage"):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Move:
    to_stage: str
    name: str
    needs_reason: bool


def name(stage):
    return STAGE_NAMES.get(stage, stage)


def is_backward(from_stage, to_stage):
    return to_stage in BACKWARD.get(from_stage, [])


def moves_from(stage):
    """The moves open to a plan at `stage`, forward ones first, in stage order."""
    forward = [Move(to, name(to), False) for to in FORWARD.get(stage, [])]
    backward = [Move(to, name(to), True) for to in BACKWARD.get(stage, [])]
    return forward + backward


def check_move(from_stage, to_stage, reason=""):
    """Return None if the move is allowed; raise StageMoveRefused otherwise."""
    if to_stage not in STAGE_NAMES:
        raise StageMoveRefused(f"{to_stage!r} is not a plan stage.")
    if from_stage == to_stage:
        raise StageMoveRefused(f"The plan is already at “{name(to_stage)}”.")
    if to_stage in FORWARD.get(from_stage, []):
        return None
    if is_backward(from_stage, to_stage):
        if not reason.strip():
            raise StageMoveRefused(
                f"Moving the plan back from “{name(from_stage)}” to “{name(to_stage)}” needs a reason: "
                "say why the plan has changed.",
                field="note",
            )
        return None
    open_moves = [move.name for move in moves_from(from_stage)]
    if open_moves:
        where = ", ".join(f"“{n}”" for n in open_moves)
        hint = f" From “{name(from_stage)}” it can move to {where}."
    else:
        hint = f" “{name(from_stage)}” is the last stage."
    raise StageMoveRefused(f"A plan cannot move from “{name(from_stage)}” to “{name(to_stage)}”.{hint}")
