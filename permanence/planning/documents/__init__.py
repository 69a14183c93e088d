"""Documents about a child's permanence planning: Word and PDF from one list of sections.

`sections.SECTIONS` decides what a document says; `word.render` and `pdf.render` only lay it out.
"""

from . import pdf, word
from .sections import SECTIONS, build

__all__ = ["SECTIONS", "build", "word_bytes", "pdf_bytes", "filename"]


def word_bytes(analysis, **kwargs):
    return word.render(build(analysis, **kwargs))


def pdf_bytes(analysis, *, font="auto", compress=True, **kwargs):
    return pdf.render(build(analysis, **kwargs), font=font, compress=compress)


def filename(analysis, extension):
    return f"options-analysis-{analysis.child.council_reference}-{analysis.date:%Y-%m-%d}.{extension}"
