"""The options analysis as Word and PDF: the same sections, opened and read back."""

import re
from datetime import date
from io import BytesIO

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from permanence.planning import documents, services
from permanence.planning.documents import pdf, sections
from permanence.planning.documents.blocks import Paragraph, Section
from permanence.siblings.services import sibling_decision_record
from permanence.voice.services import wishes_record

from .factories import analysis_ready_to_recommend, analysis_with_two_options


@pytest.fixture
def recommended(ava, sam):
    analysis = analysis_ready_to_recommend(ava, sam)
    services.plan_record(child=ava, primary_option="long_term_fostering", recorded=date(2026, 2, 1))
    services.decision_record(
        child=ava,
        kind="plan_changed",
        forum="review",
        date=date(2026, 5, 25),
        primary_option="kinship",
        decided_by="Irene Reviewer (IRO)",
        rationale="Grandmother assessed positively",
        analysis=analysis,
    )
    return services.analysis_recommend(
        analysis=analysis,
        option="kinship",
        date=date(2026, 5, 20),
        by=sam,
        rationale="Grace offers Ava belonging, identity and a lifelong home.",
    )


def word_text(content):
    doc = WordDocument(BytesIO(content))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(texts), doc


def test_the_word_document_has_the_child_the_decisions_the_options_and_the_recommendation(recommended):
    text, doc = word_text(documents.word_bytes(recommended))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:8] == [
        "The child",
        "This options analysis",
        "The current permanence plan",
        "Stage history",
        "Decision history",
        "The child's wishes and feelings",
        "Brothers and sisters",
        "The options considered",
    ]
    for expected in (
        "Ava Example",
        "C1001",
        "10 March 2020",
        "Grandmother assessed positively",
        "Irene Reviewer (IRO)",
        "Kinship care with connected persons",
        "Long-term fostering",
        "The parenting assessment was negative.",
        "Ava says she feels safe at Nana's.",
        "Grace offers Ava belonging, identity and a lifelong home.",
        "Can the care arrangement offer the child a stable family environment",
        "Birmingham Children's Trust, Permanence Guidance Appendix 1",
        "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §8.7",
    ):
        assert expected in text, expected


def _pdf_text(content):
    """The text of a PDF as a reader would copy it, whitespace made single."""
    reader = PdfReader(BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _tags(content):
    """The structure tags of a tagged PDF, read back from its structure tree in document order."""
    found = []

    def walk(element):
        element = element.get_object()
        if "/S" in element:
            found.append(str(element["/S"]))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid)

    walk(PdfReader(BytesIO(content)).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_pdf_holds_the_same_text(recommended):
    content = documents.pdf_bytes(recommended, compress=False)
    assert content.startswith(b"%PDF-")
    text = _pdf_text(content)
    for expected in (
        "Ava Example",
        "Decision history",
        "Grandmother assessed positively",
        "Kinship care with connected persons",
        "Recommendation",
        "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §8.7",
    ):
        assert expected in text, expected


def test_the_pdf_is_tagged_for_a_screen_reader_on_a4_with_the_marking_on_every_page(recommended):
    content = documents.pdf_bytes(recommended)
    reader = PdfReader(BytesIO(content))
    root = reader.trailer["/Root"]
    # Tagged PDF (PDF/UA-1): marked content, a structure tree, the language, the title shown.
    assert bool(root["/MarkInfo"]["/Marked"]) and root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    assert reader.metadata.title == "Permanence options analysis: Ava Example"
    tags = _tags(content)
    assert tags[:2] == ["/Document", "/H1"]
    for tag in ("/H2", "/H3", "/P", "/Table", "/Caption", "/THead", "/TR", "/TH", "/TD", "/L", "/LI"):
        assert tag in tags, tag
    # A4 is 210 x 297 mm: 595.28 x 841.89 points.
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)
        text = page.extract_text()
        assert text.count("OFFICIAL-SENSITIVE") == 2, "the marking at the top and the bottom of the page"
        assert f"of {len(reader.pages)}" in text


def test_the_pdf_is_compressed_by_default_and_still_a_pdf(recommended):
    content = documents.pdf_bytes(recommended)
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    assert b"Grandmother assessed positively" not in content


def test_names_in_any_latin_alphabet_print_in_the_pdf(ava, sam, recommended):
    ava.first_name = "Zoë Łucja"
    ava.save()
    recommended.recommendation_rationale = "Nana’s home — “belonging”"
    recommended.save()
    text = _pdf_text(documents.pdf_bytes(recommended))
    assert "Zoë Łucja" in text and "Nana’s home — “belonging”" in text


def test_the_word_document_opens_as_a4_with_the_marking_in_header_and_footer(recommended):
    _, doc = word_text(documents.word_bytes(recommended))
    for section in doc.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
        assert section.footer.paragraphs[0].text == "OFFICIAL-SENSITIVE"
        assert "PAGE" in section.footer._element.xml and "NUMPAGES" in section.footer._element.xml
    assert doc.core_properties.category == "OFFICIAL-SENSITIVE"
    header_rows = [t.rows[0]._tr.xml for t in doc.tables if "tblHeader" in t.rows[0]._tr.xml]
    assert header_rows, "tables with headings say which row is the header"


def test_a_draft_says_it_has_no_recommendation_yet(ava, sam):
    text, _ = word_text(documents.word_bytes(analysis_with_two_options(ava, sam)))
    assert "No recommendation has been recorded yet" in text


def test_another_engineer_can_add_a_section_without_touching_the_renderers(recommended):
    def childs_voice(data):
        return Section("The child's voice", [Paragraph(f"{data.child.first_name} wants to stay with Nana.")])

    extended = [*sections.all_sections()[:-1], childs_voice, sections.all_sections()[-1]]
    document = sections.build(recommended, sections=extended)
    text, _ = word_text(documents.word.render(document))
    assert "The child's voice" in text and "Ava wants to stay with Nana." in text
    assert "The child's voice" in _pdf_text(pdf.render(document))


def test_a_section_can_leave_itself_out(recommended):
    document = sections.build(recommended, sections=[sections.child_details, lambda data: None])
    assert [s.heading for s in document.sections] == ["The child"]


def test_the_filename_names_the_child_and_the_date(recommended):
    assert documents.filename(recommended, "pdf") == "options-analysis-C1001-2026-05-01.pdf"


def test_the_documents_carry_the_childs_views_and_the_sibling_decision(ava, ben, sam, recommended):
    wishes_record(
        child=ava, date=date(2026, 5, 1), how="direct_work", said="I want to live with Nana and see Ben.", by=sam
    )
    sibling_decision_record(
        child=ava,
        decision="together",
        reasons="Ava and Ben are close and can live together at Nana's.",
        date=date(2026, 5, 20),
        forum="review",
        siblings=[ben],
        by=sam,
    )
    text, doc = word_text(documents.word_bytes(recommended))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "The child's wishes and feelings" in headings and "Brothers and sisters" in headings
    for expected in (
        "I want to live with Nana and see Ben.",
        "Direct work with the child",
        "Live together",
        "Ava and Ben are close and can live together at Nana's.",
        "Ben Other",
    ):
        assert expected in text, expected
    pdf_text = _pdf_text(documents.pdf_bytes(recommended))
    assert "I want to live with Nana and see Ben." in pdf_text and "Live together" in pdf_text
