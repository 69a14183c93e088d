"""Render a planning Document as Word (.docx), which social workers edit."""

from io import BytesIO

from docx import Document as WordDocument

from .blocks import Bullets, Paragraph, Subheading, Table


def render(document):
    word = WordDocument()
    word.core_properties.title = document.title
    word.add_heading(document.title, level=0)
    word.add_paragraph(document.subtitle)
    for section in document.sections:
        word.add_heading(section.heading, level=1)
        for block in section.blocks:
            _block(word, block)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


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
            cells = table.add_row().cells
            for cell, text in zip(cells, block.headers, strict=True):
                cell.paragraphs[0].add_run(text).bold = True
        for row in block.rows:
            cells = table.add_row().cells
            for index, (cell, text) in enumerate(zip(cells, row, strict=False)):
                cell.paragraphs[0].add_run(str(text)).bold = index == 0 and block.first_column_is_heading
        word.add_paragraph()
    else:
        raise TypeError(f"No Word rendering for {type(block).__name__}")
