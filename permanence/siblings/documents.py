"""The together-or-apart decision in the options analysis document, registered with planning's
documents from SiblingsConfig.ready."""

from permanence.planning.documents.blocks import Paragraph, Section, Table
from permanence.planning.documents.sections import long_date

from .selectors import sibling_decisions


def sibling_decision(data):
    """Together or apart, with reasons, and any sibling contact plan (s22C(8)(c); Leeds §10.4)."""
    decisions = sibling_decisions(data.child)
    if not decisions:
        return Section("Brothers and sisters", [Paragraph("No decision about living together or apart is recorded.")])
    rows = []
    for decision in decisions:
        names = ", ".join(s.full_name for s in decision.siblings.all()) or "Not named"
        rows.append([long_date(decision.date), decision.get_decision_display(), names, decision.reasons])
    return Section(
        "Brothers and sisters",
        [
            Table(["Date", "Decision", "Brothers and sisters", "Reasons"], rows, first_column_is_heading=False),
        ],
    )
