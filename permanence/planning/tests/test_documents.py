"""The options analysis as Word and PDF: the same sections, opened and read back."""

import re
from datetime import date
from io import BytesIO

import pytest
from docx import Document as WordDocument

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
    """The text of an uncompressed fpdf2 PDF made with a core font: its (literal) Tj strings,
    joined with spaces so that a phrase wrapped across lines still reads as one."""
    shown = re.findall(rb"\((.*?)(?<!\\)\) ?Tj", content)
    text = " ".join(part.decode("latin-1").replace("\\(", "(").replace("\\)", ")") for part in shown)
    return re.sub(r"\s+", " ", text)


def test_the_pdf_holds_the_same_text(recommended):
    content = documents.pdf_bytes(recommended, font="core", compress=False)
    assert content.startswith(b"%PDF-")
    text = _pdf_text(content)
    for expected in (
        "Ava Example",
        "Decision history",
        "Grandmother assessed positively",
        "Kinship care with connected persons",
        "Recommendation",
    ):
        assert expected in text, expected


def test_the_pdf_is_compressed_by_default_and_still_a_pdf(recommended):
    content = documents.pdf_bytes(recommended)
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    assert b"Grandmother assessed positively" not in content


def test_names_outside_latin_1_do_not_break_the_core_font_pdf(ava, sam, recommended):
    ava.first_name = "Zoë Łucja 李"
    ava.save()
    recommended.recommendation_rationale = "Nana’s home — “belonging”"
    recommended.save()
    text = _pdf_text(documents.pdf_bytes(recommended, font="core", compress=False))
    assert "Zoë ?ucja ?" in text
    assert 'Nana\'s home - "belonging"' in text


@pytest.mark.skipif(pdf.dejavu_dir() is None, reason="DejaVu Sans is not installed")
def test_the_dejavu_pdf_prints_any_name(ava, recommended):
    ava.first_name = "Łucja 李"
    ava.save()
    content = documents.pdf_bytes(recommended, font="dejavu", compress=False)
    assert content.startswith(b"%PDF-") and b"DejaVu" in content


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
    assert "The child's voice" in _pdf_text(pdf.render(document, font="core", compress=False))


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
    pdf_text = _pdf_text(documents.pdf_bytes(recommended, font="core", compress=False))
    assert "I want to live with Nana and see Ben." in pdf_text and "Live together" in pdf_text
