"""The child's wishes and feelings in the options analysis document, registered with planning's
documents from VoiceConfig.ready."""

from permanence.planning.documents.blocks import Paragraph, Section, Table
from permanence.planning.documents.sections import long_date

from .selectors import child_voice_summary


def childs_views(data):
    """What the child has said, and whether the plan records it (Leeds §10.7; KSS §3)."""
    voice = child_voice_summary(data.child)
    blocks = []
    if voice["wishes"]:
        rows = [[long_date(w.date), w.get_how_display(), w.said] for w in voice["wishes"]]
        blocks.append(
            Table(["Date", "How the views were obtained", "What the child said"], rows, first_column_is_heading=False)
        )
    else:
        blocks.append(Paragraph("No wishes and feelings are recorded."))
    if voice["plan_records_views"]:
        blocks.append(Paragraph("The current plan records the child's views."))
    elif voice["reason"]:
        blocks.append(Paragraph(f"The plan does not record the child's views: {voice['reason']}"))
    return Section("The child's wishes and feelings", blocks)
