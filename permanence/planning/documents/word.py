"""Render a planning Document as Word (.docx), which social workers edit: A4, the protective
marking in the header and footer of every page, and the page number out of the page count."""

from io import BytesIO

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from .blocks import Bullets, Paragraph, Subheading, Table

A4 = (Mm(210), Mm(297))


def render(document, *, marking="OFFICIAL-SENSITIVE"):
    word = WordDocument()
    word.core_properties.title = document.title
    word.core_properties.category = marking
    _page(word, marking)
    word.add_heading(document.title, level=0)
    word.add_paragraph(document.subtitle)
    for section in document.sections:
        word.add_heading(section.heading, level=1)
        for block in section.blocks:
            _block(word, block)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def _page(word, marking):
    """A4 with 20 mm margins; the marking centred at the top and bottom; 'Page n of N' below."""
    for section in word.sections:
        section.page_width, section.page_height = A4
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin = section.bottom_margin = Mm(20)
        header = section.header.paragraphs[0]
        header.text = marking
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        header.runs[0].bold = True
        footer = section.footer.paragraphs[0]
        footer.text = marking
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.runs[0].bold = True
        numbers = section.footer.add_paragraph()
        numbers.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        numbers.add_run("Page ")
        _field(numbers, "PAGE")
        numbers.add_run(" of ")
        _field(numbers, "NUMPAGES")


def _field(paragraph, code):
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the document out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == code:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _block(word, block):
    if isinstance(block, Paragraph):
        paragraph = word.add_paragraph()
        paragraph.add_run(block.text).bold = block.bold
    elif isinstance(block, Subheading):
        word.add_heading(block.text, level=2)
    elif isinstance(block, Bullets):
        for item in block.items:
            word.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Table):
        has_headers = any(block.headers)
        table = word.add_table(rows=0, cols=len(block.headers))
        table.style = "Table Grid"
        if has_headers:
            row = table.add_row()
            _repeat_as_header(row)
            for cell, text in zip(row.cells, block.headers, strict=True):
                cell.paragraphs[0].add_run(text).bold = True
        for values in block.rows:
            cells = table.add_row().cells
            for index, (cell, text) in enumerate(zip(cells, values, strict=False)):
                cell.paragraphs[0].add_run(str(text)).bold = index == 0 and block.first_column_is_heading
        word.add_paragraph()
    else:
        raise TypeError(f"No Word rendering for {type(block).__name__}")


def _repeat_as_header(row):
    """Mark the row as the table's header row: repeated on each page, read as headers by a screen reader."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
