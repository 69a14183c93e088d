"""The child's "My plan" letter names the people the plan names, for every permanence option:
the proposed special guardian, the adopters once matched, the long-term carers; never the carers
the child happens to live with now when the plan is about someone else."""

from datetime import date

import pytest

from permanence.children import services as record
from permanence.children.models import Carer
from permanence.planning import services as planning
from permanence.planning.options import OPTION_NAMES
from permanence.voice import services
from permanence.web.tests.builders import child_in_care

TODAY = date(2026, 3, 5)
FOSTER_CARERS = "Pat and Chris Carer"


@pytest.fixture
def foster_home(ava):
    """Ava (5) lives with short-term foster carers."""
    carers = Carer.objects.create(name=FOSTER_CARERS, kind="foster_carer", reference="F-LET")
    episode = ava.episodes.get()
    record.episode_update(episode=episode, version=episode.version, carer=carers)
    return carers


def plan(child, option, by):
    return planning.plan_record(child=child, primary_option=option, recorded=date(2026, 2, 10), by=by)


def relative(child, first, relationship):
    person = record.person_create(first_name=first, last_name="Example")
    record.relationship_add(child=child, person=person, relationship=relationship, connected_person=True)
    return person


def letter(child, by):
    return services.letter_start(child=child, by=by, today=TODAY).text


@pytest.mark.parametrize(
    ("option", "first", "relationship", "named_as"),
    [
        ("special_guardianship", "Grace", "grandparent", "Grace Example, your grandparent"),
        ("kinship", "Jo", "aunt_uncle", "Jo Example, your aunt or uncle"),
        ("child_arrangements_order", "Sue", "friend", "Sue Example, your family friend"),
    ],
)
def test_a_family_plan_names_the_relative_the_plan_names_not_the_foster_carers(
    ava, sam, foster_home, option, first, relationship, named_as
):
    plan(ava, option, sam)
    person = relative(ava, first, relationship)
    planning.plan_carer_name(child=ava, person=person, date=date(2026, 2, 12), by=sam, today=TODAY)
    text = letter(ava, sam)
    assert f"The plan is for you to live with {named_as}" in text
    assert FOSTER_CARERS not in text


@pytest.mark.parametrize("option", ["special_guardianship", "kinship", "child_arrangements_order"])
def test_a_family_plan_that_names_nobody_yet_says_so_and_names_no_one(ava, sam, foster_home, option):
    plan(ava, option, sam)
    text = letter(ava, sam)
    assert "We are still finding out who that will be." in text
    assert FOSTER_CARERS not in text


def test_an_adoption_plan_names_the_adopters_once_the_match_is_approved(ava, sam, foster_home):
    plan(ava, "adoption", sam)
    before = letter(ava, sam)
    assert "a new family who will adopt you" in before and FOSTER_CARERS not in before
    adopters = Carer.objects.create(name="Jo and Sam Hill", kind="adopter", reference="AD-LET")
    planning.plan_carer_name(child=ava, carer=adopters, date=date(2026, 3, 1), by=sam, how="match", today=TODAY)
    after = letter(ava, sam)
    assert "The plan is for you to be adopted by Jo and Sam Hill." in after


def test_a_long_term_fostering_plan_names_the_long_term_carers(ava, sam, foster_home):
    plan(ava, "long_term_fostering", sam)
    # Short-term carers, and the plan names nobody yet: a family is still being found.
    assert "We are looking for the right family for you." in letter(ava, sam)
    assert FOSTER_CARERS not in letter(ava, sam)
    # The carers confirmed as long-term foster carers (SSDA903 U4): they are the long-term carers.
    episode = ava.episodes.get()
    record.episode_update(episode=episode, version=episode.version, placement="U4")
    assert f"The plan is for you to live with {FOSTER_CARERS}, who will look after you" in letter(ava, sam)
    # Or the plan names other long-term carers, found by family finding.
    matched = Carer.objects.create(name="Lee and Kim Moss", kind="foster_carer", reference="LT-LET")
    planning.plan_carer_name(child=ava, carer=matched, date=date(2026, 3, 1), by=sam, how="match", today=TODAY)
    assert "The plan is for you to live with Lee and Kim Moss, who will look after you" in letter(ava, sam)


@pytest.mark.parametrize("option", ["stay_home", "return_home", "residential", "independence"])
def test_plans_without_new_carers_never_name_the_foster_carers(ava, sam, foster_home, option):
    plan(ava, option, sam)
    assert FOSTER_CARERS not in letter(ava, sam)


def test_every_option_is_covered():
    covered = {
        "special_guardianship",
        "kinship",
        "child_arrangements_order",
        "adoption",
        "long_term_fostering",
        "stay_home",
        "return_home",
        "residential",
        "independence",
    }
    assert covered == set(OPTION_NAMES)


def test_the_letter_is_written_for_the_childs_age(sam):
    older = child_in_care("Zara", "Example", reference="C-OLD", born=date(2011, 6, 1), entered=date(2026, 1, 5))
    grace = relative(older, "Grace", "grandparent")
    plan(older, "special_guardianship", sam)
    planning.plan_carer_name(child=older, person=grace, date=date(2026, 2, 12), by=sam, today=TODAY)
    draft = services.letter_start(child=older, by=sam, today=TODAY)
    assert draft.age_band == "13_plus"
    assert "under a special guardianship order until you are 18" in draft.text
    assert "Grace Example, your grandparent" in draft.text
