"""Render a planning Document as a tagged, accessible PDF (PDF/UA-1) with WeasyPrint.

The document is laid out as plain semantic HTML (headings, paragraphs, lists, tables with
header cells and a caption), which WeasyPrint writes with its structure tree, the document's
language and title: a screen reader follows the headings and reads the tables by their
headers. Pages are A4 with the protective marking at the top and bottom of each page and
"Page n of N" in the footer.
"""

from html import escape

from .blocks import Bullets, Paragraph, Subheading, Table

PAGE_CSS = """
@page {
  size: A4;
  margin: 20mm 18mm 20mm 18mm;
  @top-center { content: "MARKING"; font: bold 9pt sans-serif; }
  @bottom-center { content: "MARKING"; font: bold 9pt sans-serif; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; }
}
body { font: 10pt/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #0b0c0c; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 14pt; margin: 14pt 0 4pt; break-after: avoid; }
h3 { font-size: 11pt; margin: 8pt 0 3pt; break-after: avoid; }
p { margin: 0 0 5pt; }
.subtitle { color: #505a5f; }
table { border-collapse: collapse; width: 100%; margin: 3pt 0 8pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 2pt; }
th, td { border: 0.5pt solid #b1b4b6; padding: 3pt 4pt; text-align: left; vertical-align: top; }
tr { break-inside: avoid; }
"""


def _marking(text):
    """The marking as a CSS string: letters, digits, spaces and hyphens only."""
    return "".join(c for c in text if c.isalnum() or c in " -")


def html(document, *, marking):
    """The document as semantic HTML: the one source the PDF is laid out from."""
    parts = [
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">',
        f"<title>{escape(document.title)}</title>",
        f'<meta name="description" content="{escape(marking)}">',
        f"<style>{PAGE_CSS.replace('MARKING', _marking(marking))}</style></head><body>",
        f"<h1>{escape(document.title)}</h1>",
        f'<p class="subtitle">{escape(document.subtitle)}</p>',
    ]
    for section in document.sections:
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts.extend(_block(block, section.heading) for block in section.blocks)
    parts.append("</body></html>")
    return "".join(parts)


def _block(block, heading):
    if isinstance(block, Paragraph):
        text = escape(block.text)
        return f"<p><strong>{text}</strong></p>" if block.bold else f"<p>{text}</p>"
    if isinstance(block, Subheading):
        return f"<h3>{escape(block.text)}</h3>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(str(item))}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        rows = []
        if any(block.headers):
            cells = "".join(f'<th scope="col">{escape(str(h))}</th>' for h in block.headers)
            rows.append(f"<thead><tr>{cells}</tr></thead>")
        body = []
        for values in block.rows:
            cells = []
            for index, text in enumerate(values):
                if index == 0 and block.first_column_is_heading:
                    cells.append(f'<th scope="row">{escape(str(text))}</th>')
                else:
                    cells.append(f"<td>{escape(str(text))}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        rows.append("<tbody>" + "".join(body) + "</tbody>")
        return f"<table><caption>{escape(heading)}</caption>{''.join(rows)}</table>"
    raise TypeError(f"No PDF rendering for {type(block).__name__}")


def render(document, *, marking="OFFICIAL-SENSITIVE", compress=True):
    """PDF bytes: tagged PDF/UA-1 on A4, the marking in the header and footer of every page."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment, only PDFs need it

    return HTML(string=html(document, marking=marking)).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=not compress)
