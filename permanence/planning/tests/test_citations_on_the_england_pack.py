"""A council running the England baseline is never told that another council's policy is the
reason for what it must do. Leeds, Camden and Birmingham documents are local policy: a duty cites
the law, a local rule comes only from that council's pack, and a practice prompt may cite the
document it comes from, labelled as practice guidance."""

import re
from datetime import date
from html import escape
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from permanence.matching.services import family_finding_start
from permanence.meetings import services as meetings
from permanence.planning import documents
from permanence.planning import services as planning
from permanence.planning.documents import pdf
from permanence.siblings import rules as sibling_rules
from permanence.siblings import selectors as siblings
from permanence.tracking.trackers import TRACKERS

from .factories import analysis_with_two_options

COUNCILS = re.compile(r"Leeds|Camden|Birmingham")
LABEL = "Practice guidance"


class _Text(HTMLParser):
    """The text a person reads, one run of text between tags at a time (scripts and styles left out)."""

    def __init__(self):
        super().__init__()
        self.runs, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.runs.append(" ".join(data.split()))


def other_councils_cited(html: str) -> list[str]:
    """Each run of text naming Leeds, Camden or Birmingham that is not labelled practice guidance
    before the name, in the same run of text."""
    parser = _Text()
    parser.feed(html)
    wrong = []
    for run in parser.runs:
        for found in COUNCILS.finditer(run):
            if LABEL not in run[: found.start()]:
                wrong.append(run)
                break
    return wrong


def test_the_sweep_finds_a_council_cited_as_the_reason():
    assert other_councils_cited("<p>Source: Children Act 1989 s22C; Leeds City Council, section 10.4</p>")
    assert other_councils_cited("<p>Camden's assessment questions</p>")
    assert not other_councils_cited("<p>Practice guidance: Camden, Permanence practice guidance, section 3</p>")


@pytest.fixture
def england(settings):
    settings.PERMANENCE_POLICY = "england"


@pytest.fixture
def ava_planned(apart, sam):
    ava, ben = apart
    planning.plan_record(
        child=ava, primary_option="adoption", parallel_option="long_term_fostering", recorded=date(2026, 2, 1), by=sam
    )
    planning.plan_record(
        child=ben, primary_option="long_term_fostering", parallel_option="", recorded=date(2026, 2, 1), by=sam
    )
    return ava, ben


def test_a_council_on_the_england_baseline_sees_the_sibling_presumption_cited_to_the_children_act(
    england, ava_planned, client, sam
):
    ava, _ = ava_planned
    summary = siblings.sibling_summary(ava)
    sources = [source for _, source in summary.warnings]
    assert sources, "Ava is placed apart with no assessment, no contact plan and an adoption plan"
    presumption = sources[0]
    assert "Children Act 1989 s22C" in presumption
    assert not COUNCILS.search(presumption)
    refused = sibling_rules.decision_problems(
        name="Ava",
        decision="apart",
        reasons="Needs differ",
        day=date(2026, 3, 1),
        today=date(2026, 3, 1),
        assessment_date=None,
        has_contact_plan=False,
    )["decision"]
    assert "Children Act 1989 s22C" in refused and not COUNCILS.search(refused)
    client.force_login(sam)
    page = client.get(reverse("siblings-decision-new", args=[ava.pk])).content.decode()
    assert "Children Act 1989 s22C(7)(b) and (8)(c)" in page
    assert other_councils_cited(page) == []


def test_every_sibling_warning_on_the_england_baseline_cites_law_or_is_labelled_practice_guidance(england, ava_planned):
    ava, _ = ava_planned
    for _, source in siblings.sibling_summary(ava).warnings:
        match = COUNCILS.search(source)
        assert match is None or source.startswith(LABEL), source


def test_a_council_on_the_england_baseline_sees_no_other_councils_policy_as_the_reason_on_its_main_pages(
    england, ava_planned, client, sam
):
    ava, ben = ava_planned
    analysis = analysis_with_two_options(ava, sam)
    family_finding_start(child=ben, date=date(2026, 3, 1), by=sam)
    client.force_login(sam)
    urls = [
        reverse("child-detail", args=[ava.pk]),
        reverse("child-detail", args=[ben.pk]),
        reverse("planning-workspace", args=[ava.pk]),
        reverse("planning-workspace", args=[ben.pk]),
        reverse("planning-step-new", args=[ava.pk]),
        reverse("planning-analysis", args=[ava.pk, analysis.pk]),
        reverse("planning-compare", args=[ava.pk, analysis.pk]),
        reverse("planning-option", args=[ava.pk, analysis.pk, "kinship"]),
        reverse("planning-option", args=[ava.pk, analysis.pk, "long_term_fostering"]),
        reverse("planning-option", args=[ava.pk, analysis.pk, "adoption"]),
        reverse("siblings-assessment-new", args=[ava.pk]),
        reverse("siblings-decision-new", args=[ava.pk]),
        reverse("siblings-contact-new", args=[ava.pk]),
        reverse("voice-plan-contents", args=[ava.pk]),
        reverse("voice-letters", args=[ava.pk]),
        reverse("tracker-list"),
        *(reverse("tracker", args=[key]) for key in TRACKERS),
        reverse("matching-start", args=[ava.pk]),
        reverse("matching-child", args=[ben.pk]),
        reverse("voice-wishes-new", args=[ava.pk]),
        reverse("legal-routes"),
        reverse("cao-eligibility"),
        reverse("cao-eligibility") + "?application_date=2026-11-23&who=special_guardian&who=parent",
    ]
    wrong = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = other_councils_cited(response.content.decode())
        if found:
            wrong[url] = found
    assert wrong == {}


def test_the_options_analysis_document_for_a_council_on_the_england_baseline_labels_other_councils_as_practice_guidance(
    england, ava_planned, sam
):
    ava, _ = ava_planned
    analysis = analysis_with_two_options(ava, sam)
    document = pdf.html(documents.build(analysis), marking="OFFICIAL-SENSITIVE")
    assert "Practice guidance: Birmingham" in document
    assert other_councils_cited(document) == []


def test_a_council_on_the_england_baseline_sees_the_clinic_the_tracking_meeting_and_the_panel_labelled_practice_guidance(
    england, ava_planned, client, sam, simone, pat
):
    ava, ben = ava_planned
    referral = meetings.referral_create(child=ava, by=sam, date=date(2026, 3, 2), reason="Adoption being considered")
    clinic = meetings.clinic_create(date=date(2026, 3, 4))
    clinic_item = meetings.clinic_list(clinic=clinic, referral=referral)
    warnings = meetings.clinic_item_record(
        item=clinic_item,
        iro_or_chair_present=False,
        worker_or_manager_present=False,
        attendees="",
        options_discussed=["adoption", "long_term_fostering"],
        agreed_plan="adoption",
        notes="",
    )
    assert len(warnings) == 2
    tracking_meeting = meetings.tracking_meeting_create(date=date(2026, 3, 25), chair=simone)
    panel = meetings.panel_create(date=date(2026, 3, 30), chair=pat, members=[])
    panel_item = meetings.panel_item_add(panel=panel, child=ben, matter="ltf_match", today=date(2026, 3, 30))
    pages = {
        sam: [
            reverse("meetings"),
            reverse("refer-to-clinic", args=[ben.pk]),
            reverse("clinic-list"),
            reverse("clinic-detail", args=[clinic.pk]),
            reverse("clinic-item", args=[clinic.pk, clinic_item.pk]),
        ],
        simone: [
            reverse("tracking-list"),
            reverse("tracking-detail", args=[tracking_meeting.pk]),
            reverse("tracking-pack", args=[tracking_meeting.pk]),
        ],
        pat: [
            reverse("panel-list"),
            reverse("panel-detail", args=[panel.pk]),
            reverse("panel-item", args=[panel.pk, panel_item.pk]),
            reverse("panel-minutes", args=[panel.pk, panel_item.pk]),
        ],
    }
    wrong = {}
    for person, urls in pages.items():
        client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            found = other_councils_cited(response.content.decode())
            if found:
                wrong[url] = found
    assert wrong == {}


def _texts(node):
    """Every description and summary in an OpenAPI document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("description", "summary") and isinstance(value, str):
                yield value
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def test_a_connected_systems_developer_reads_no_other_councils_policy_as_the_reason_in_the_api_document(
    england, client
):
    schema = client.get("/api/v1/openapi.json").json()
    texts = list(_texts(schema))
    wrong = [text for text in texts if other_councils_cited(f"<p>{escape(text)}</p>")]
    assert wrong == []
    assert any("Practice guidance: Camden" in text for text in texts)
