"""Asking once which sections of a child's page have rows (children.presence): a section is only
ever skipped when it has nothing in it for this child."""

from datetime import date

from permanence.children.models import MissingEpisode, RecordChange
from permanence.children.presence import may_have, with_rows
from permanence.meetings.models import Escalation
from permanence.siblings.models import SiblingAssessment
from permanence.web.selectors import SECTION_ROWS

from .builders import child_in_care, small_council


def _assessment_of(*children):
    assessment = SiblingAssessment.objects.create(
        date=date(2026, 3, 1),
        relationship_quality="Close.",
        attachment="Secure with each other.",
        needs="Similar.",
        views="Want to live together.",
        history="Shared.",
        recommendation="together",
        recommendation_reasons="They want to stay together.",
    )
    assessment.children.set(children)
    return assessment


def test_every_section_the_child_page_asks_about_can_be_asked_about(db):
    council = small_council()
    assert with_rows(council["ava"].pk, SECTION_ROWS) <= set(SECTION_ROWS)


def test_a_brother_and_sisters_assessment_counts_for_each_child_it_names_and_nobody_else(db):
    council = small_council()
    ava, sam, irene = council["ava"], council["sam"], council["irene"]
    entered = ava.episodes.get().start
    ben = child_in_care(
        "Ben", "Example", reference="C1900", born=date(2021, 5, 1), entered=entered, social_worker=sam, iro=irene
    )
    cal = child_in_care(
        "Cal", "Other", reference="C1901", born=date(2019, 5, 1), entered=entered, social_worker=sam, iro=irene
    )
    _assessment_of(ava, ben)
    assert SiblingAssessment in with_rows(ava.pk, [SiblingAssessment])
    assert SiblingAssessment in with_rows(ben.pk, [SiblingAssessment])
    assert SiblingAssessment not in with_rows(cal.pk, [SiblingAssessment])


def test_a_correction_kept_under_the_childs_id_is_found(db):
    ava = small_council()["ava"]
    RecordChange.objects.filter(child_id=ava.pk).delete()  # as if Ava's record had never been edited
    assert with_rows(ava.pk, [RecordChange, MissingEpisode]) == frozenset()
    RecordChange.objects.create(model="children.Child", object_id=str(ava.pk), child_id=ava.pk, version=2, changes={})
    assert with_rows(ava.pk, [RecordChange, MissingEpisode]) == {RecordChange}


def test_a_section_nobody_asked_about_is_always_read():
    assert may_have(None, Escalation)
    assert not may_have(frozenset(), Escalation)
    assert may_have(frozenset({Escalation}), Escalation)
