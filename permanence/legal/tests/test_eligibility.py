"""Who may apply for a child arrangements order without leave (CA 1989 s10(4), (5); practice guidance: Leeds §8.6), case by case."""

from datetime import date

import pytest

from permanence.legal.eligibility import ApplicantFacts, cao_without_leave

APP = date(2026, 6, 1)


def d(text):
    return date.fromisoformat(text)


CASES = [
    # (what the case is, facts, eligible without leave, ground that applies or None, words the explanation must contain)
    ("a parent without parental responsibility may apply", {"parent": True}, True, "parent_or_guardian", "a parent"),
    ("a special guardian may apply", {"special_guardian": True}, True, "parent_or_guardian", "special guardian"),
    ("a guardian may apply", {"guardian": True}, True, "parent_or_guardian", "a guardian"),
    (
        "someone named in a lives-with order may apply",
        {"named_in_live_with_order": True},
        True,
        "named_in_order",
        "named",
    ),
    ("a former step-parent may apply", {"child_of_the_family": True}, True, "child_of_the_family", "step-parent"),
    (
        "a foster carer who has had the child for 11 months needs leave",
        {"local_authority_foster_parent": True, "lived_with": ((d("2025-07-01"), None),)},
        False,
        None,
        "11 months",
    ),
    (
        "a foster carer who has had the child for a year and a day may apply",
        {"local_authority_foster_parent": True, "lived_with": ((d("2025-05-31"), None),)},
        True,
        "foster_parent_one_year",
        "at least 1 year",
    ),
    (
        "a foster carer who has had the child for exactly a year may apply",
        {"local_authority_foster_parent": True, "lived_with": ((d("2025-06-01"), None),)},
        True,
        "foster_parent_one_year",
        "1 year",
    ),
    (
        "a foster carer whose placement ended before the application needs leave",
        {"local_authority_foster_parent": True, "lived_with": ((d("2024-01-01"), d("2026-03-01")),)},
        False,
        None,
        "not living with them",
    ),
    (
        "a grandmother who has cared for the child for 18 months may apply",
        {"relative": True, "lived_with": ((d("2024-12-01"), None),)},
        True,
        "relative_one_year",
        "a relative",
    ),
    (
        "an aunt who has cared for the child for 6 months needs leave",
        {"relative": True, "lived_with": ((d("2025-12-01"), None),)},
        False,
        None,
        "6 months",
    ),
    (
        "a family friend with the child 3 of the last 5 years, still living together, may apply",
        {"lived_with": ((d("2023-01-01"), None),)},
        True,
        "three_of_five_years",
        "3 months",
    ),
    (
        "3 years made of two spells counts",
        {"lived_with": ((d("2021-07-01"), d("2023-01-01")), (d("2024-10-01"), d("2026-05-01")))},
        True,
        "three_of_five_years",
        "of the 5 years",
    ),
    (
        "the 3 of 5 years ended 4 months ago, so leave is needed",
        {"lived_with": ((d("2021-09-01"), d("2026-02-01")),)},
        False,
        None,
        "more than 3 months before",
    ),
    (
        "the 3 of 5 years ended 2 months ago: still within 3 months",
        {"lived_with": ((d("2021-09-01"), d("2026-04-01")),)},
        True,
        "three_of_five_years",
        "4 years and 7 months of the 5 years",
    ),
    (
        "time more than 5 years ago does not count",
        {"lived_with": ((d("2019-01-01"), d("2022-06-01")),)},
        False,
        None,
        "less than the 3 years",
    ),
    (
        "the child in care and the local authority consents",
        {"child_in_care": True, "local_authority_consents": True},
        True,
        "consent",
        "authority consents",
    ),
    (
        "the child in care and only the parents consent",
        {"child_in_care": True, "everyone_with_pr_consents": True},
        False,
        None,
        "has not consented",
    ),
    (
        "the child not in care and everyone with parental responsibility consents",
        {"everyone_with_pr_consents": True},
        True,
        "consent",
        "parental responsibility for the child consents",
    ),
    (
        "a lives-with order in force needs the consent of those named in it",
        {"live_with_order_in_force": True, "everyone_with_pr_consents": True},
        False,
        None,
        "not everyone named",
    ),
    (
        "a lives-with order in force and its holders consent",
        {"live_with_order_in_force": True, "live_with_holders_consent": True},
        True,
        "consent",
        "each person named",
    ),
    (
        "a grandmother given parental responsibility by a spends-time-with order may apply (s10(5)(d))",
        {"pr_under_contact_order": True},
        True,
        "contact_order_with_pr",
        "s12(2A)",
    ),
    ("a neighbour with none of these needs leave", {}, False, None, "Needs the court's leave"),
]


@pytest.mark.parametrize("what, facts, eligible, ground, words", CASES, ids=[c[0] for c in CASES])
def test_child_arrangements_order_without_leave(what, facts, eligible, ground, words):
    result = cao_without_leave(ApplicantFacts(application_date=APP, **facts))
    assert result.without_leave is eligible, result.explanation
    assert words in result.explanation, result.explanation
    if ground:
        assert ground in [g.key for g in result.applying]
        assert result.explanation.startswith("Can apply without the court's leave")
    else:
        assert result.applying == []
        assert result.explanation.startswith("Needs the court's leave")


def test_every_ground_is_explained_and_cited_even_when_one_applies():
    result = cao_without_leave(ApplicantFacts(application_date=APP, parent=True))
    assert len(result.grounds) == 8
    for ground in result.grounds:
        assert ground.reason
        assert ground.source.startswith("Children Act 1989 s10(")
        assert ground.source.endswith(
            ". Practice guidance: Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §8.6"
        )


def test_the_ground_nearly_met_is_named_first_when_leave_is_needed():
    result = cao_without_leave(
        ApplicantFacts(application_date=APP, local_authority_foster_parent=True, lived_with=((d("2025-07-01"), None),))
    )
    assert result.explanation.startswith(
        "Needs the court's leave to apply: no ground applies. The applicant is a local authority foster parent"
    )
