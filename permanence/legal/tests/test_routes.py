"""Every legal route says every thing a worker needs, and every fact is cited."""

import pytest

from permanence.children.orders import ORDER_NAMES
from permanence.legal import routes

NEEDED = {
    "care_order",
    "supervision_order",
    "special_guardianship_order",
    "child_arrangements_order_live_with",
    "adoption_order",
    "placement_order",
    "long_term_fostering",
    "section_20",
}


def test_the_reference_covers_every_route_the_brief_names():
    assert set(routes.BY_KEY) == NEEDED


@pytest.mark.parametrize("route", routes.ROUTES, ids=lambda r: r.key)
def test_every_aspect_of_every_route_is_filled_and_cited(route):
    assert [label for label, _ in route.facts()] == [label for _, label in routes.Route.ASPECTS]
    for label, fact in route.facts():
        assert len(fact.text) > 20, (route.key, label)
        assert fact.source.strip(), (route.key, label)
        assert (
            "§" in fact.source
            or " s" in fact.source
            or "reg" in fact.source
            or "Sch" in fact.source
            or "Appendix" in fact.source
        ), fact.source


@pytest.mark.parametrize("route", routes.ROUTES, ids=lambda r: r.key)
def test_every_route_draws_on_the_source_documents(route):
    assert any(fact.from_seed for _, fact in route.facts()), route.key


@pytest.mark.parametrize("route", routes.ROUTES, ids=lambda r: r.key)
def test_order_types_are_the_record_s_order_codes(route):
    assert route.order_type == "" or route.order_type in ORDER_NAMES


def test_who_stays_looked_after():
    looked_after = {r.key for r in routes.ROUTES if r.looked_after}
    assert looked_after == {"care_order", "placement_order", "long_term_fostering", "section_20"}


def test_the_facts_that_matter_most_say_what_the_documents_say():
    assert "Irrevocable" in routes.ADOPTION_ORDER.ending.text
    assert "Birmingham Children's Trust, Permanence Guidance" in routes.ADOPTION_ORDER.ending.source
    assert "three years" in routes.SUPERVISION_ORDER.duration.text
    assert "no parental responsibility" in routes.LONG_TERM_FOSTERING.parental_responsibility.text
    assert "exclusion" in routes.SPECIAL_GUARDIANSHIP_ORDER.parental_responsibility.text
    assert "No review process" in routes.CAO_LIVE_WITH.reviews.text


def test_compare_lines_up_routes_side_by_side_and_refuses_unknown_ones():
    rows = routes.compare("special_guardianship_order", "adoption_order")
    assert rows[0][0] == "Parental responsibility" and len(rows[0][1]) == 2
    with pytest.raises(KeyError, match="unknown legal route"):
        routes.route("residence_order")


def test_the_package_imports_no_django():
    import ast
    from pathlib import Path

    for path in Path(routes.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not any(name.startswith("django") for name in names), path


@pytest.mark.parametrize("route", routes.ROUTES, ids=lambda r: r.key)
def test_each_fact_gives_the_law_first_and_another_councils_policy_only_as_practice_guidance(route):
    for label, fact in route.facts():
        law, _, practice = fact.source.partition("Practice guidance: ")
        for council in ("Leeds", "Camden", "Birmingham"):
            assert council not in law, (route.key, label, fact.source)
        assert not practice or fact.from_seed, (route.key, label)


def test_a_care_order_gives_the_children_act_before_leeds():
    assert routes.CARE_ORDER.parental_responsibility.source == (
        "Children Act 1989 s33(3). Practice guidance: Leeds City Council, Permanence Policy and Guidance "
        "(3.1.2, revised December 2015) §8.7 (lack of parental responsibility for the carers)"
    )
