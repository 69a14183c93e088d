"""Documents about a child's permanence planning: Word and PDF from one list of sections.

`sections.all_sections()` decides what a document says (planning's own and those other apps
register); `word.render` and `pdf.render` only lay it out, on A4 with the council's protective
marking (settings.PROTECTIVE_MARKING) in the header and footer of every page.
"""

from django.conf import settings

from . import pdf, word
from .sections import all_sections, build, register_section

__all__ = ["all_sections", "build", "filename", "pdf_bytes", "register_section", "word_bytes"]


def word_bytes(analysis, **kwargs):
    return word.render(build(analysis, **kwargs), marking=settings.PROTECTIVE_MARKING)


def pdf_bytes(analysis, *, compress=True, **kwargs):
    return pdf.render(build(analysis, **kwargs), marking=settings.PROTECTIVE_MARKING, compress=compress)


def filename(analysis, extension):
    return f"options-analysis-{analysis.child.council_reference}-{analysis.date:%Y-%m-%d}.{extension}"
