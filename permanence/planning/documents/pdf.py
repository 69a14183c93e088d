"""Render a planning Document as PDF with fpdf2 (pure Python).

DejaVu Sans is used when the system has it, so any name prints; otherwise the built-in
Helvetica, which is Latin-1 only, and characters outside Latin-1 are replaced safely
(typographic quotes and dashes by their plain forms, anything else by "?").
"""

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from .blocks import Bullets, Paragraph, Subheading, Table

DEJAVU_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-", "\u00a0": " "})


def dejavu_dir():
    for folder in DEJAVU_DIRS:
        if (folder / "DejaVuSans.ttf").exists() and (folder / "DejaVuSans-Bold.ttf").exists():
            return folder
    return None


def latin1(text):
    """Text the core fonts can print: plain punctuation, then '?' for anything else."""
    return str(text).translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


class _Pdf(FPDF):
    def __init__(self, *, unicode_font, footer_text):
        super().__init__(format="A4")
        self.footer_text = footer_text
        if unicode_font:
            self.add_font("DejaVu", "", str(unicode_font / "DejaVuSans.ttf"))
            self.add_font("DejaVu", "B", str(unicode_font / "DejaVuSans-Bold.ttf"))
            self.family_name, self.clean = "DejaVu", str
        else:
            self.family_name, self.clean = "Helvetica", latin1
        self.set_auto_page_break(True, margin=18)
        self.set_margins(18, 18, 18)

    def footer(self):
        self.set_y(-12)
        self.set_font(self.family_name, "", 8)
        self.cell(0, 5, self.clean(f"{self.footer_text}  Page {self.page_no()}/{{nb}}"), align="C")


def render(document, *, font="auto", compress=True):
    """PDF bytes. font: "auto" (DejaVu if present), "core" (Helvetica) or "dejavu"."""
    folder = dejavu_dir() if font in ("auto", "dejavu") else None
    if font == "dejavu" and folder is None:
        raise FileNotFoundError("DejaVu Sans is not installed")
    pdf = _Pdf(unicode_font=folder, footer_text="OFFICIAL-SENSITIVE. " + document.title)
    pdf.set_compression(compress)
    pdf.set_title(pdf.clean(document.title))
    pdf.alias_nb_pages()
    pdf.add_page()
    _write(pdf, 18, "B", document.title)
    _write(pdf, 10, "", document.subtitle)
    for section in document.sections:
        pdf.ln(3)
        _write(pdf, 14, "B", section.heading)
        for block in section.blocks:
            _block(pdf, block)
    return bytes(pdf.output())


def _write(pdf, size, style, text, indent=0):
    pdf.set_font(pdf.family_name, style, size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, size * 0.5, pdf.clean(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _block(pdf, block):
    if isinstance(block, Paragraph):
        _write(pdf, 10, "B" if block.bold else "", block.text)
    elif isinstance(block, Subheading):
        pdf.ln(1)
        _write(pdf, 11, "B", block.text)
    elif isinstance(block, Bullets):
        for item in block.items:
            _write(pdf, 10, "", f"- {item}", indent=3)
    elif isinstance(block, Table):
        pdf.set_font(pdf.family_name, "", 9)
        has_headers = any(block.headers)
        widths = (35, 65) if len(block.headers) == 2 else None
        with pdf.table(
            col_widths=widths,
            first_row_as_headings=has_headers,
            line_height=5,
            headings_style=FontFace(emphasis="BOLD"),
        ) as table:
            if has_headers:
                header = table.row()
                for text in block.headers:
                    header.cell(pdf.clean(text))
            for values in block.rows:
                row = table.row()
                for index, text in enumerate(values):
                    emphasis = "BOLD" if index == 0 and block.first_column_is_heading else None
                    row.cell(pdf.clean(str(text)), style=FontFace(emphasis=emphasis))
        pdf.ln(3)
    else:
        raise TypeError(f"No PDF rendering for {type(block).__name__}")
