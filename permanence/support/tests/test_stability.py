"""The early-warning indicators at the edges of their thresholds and windows. Pure: no database."""

from datetime import date, timedelta

import pytest

from permanence.support.stability import StabilityFacts, compile_thresholds, indicators, window_start
from permanence.timescales.policy import pack_section

TODAY = date(2026, 6, 15)
RULES = compile_thresholds(pack_section("england", "stability"))
BY_ID = {r.id: r for r in RULES}


def fires(facts, indicator):
    return next(i for i in indicators(facts, RULES, TODAY) if i.id == indicator)


def _moves(days):
    eps = [(date(2024, 1, 1), None, "S", "")]
    return StabilityFacts(episodes=tuple((TODAY - timedelta(days=d), None, "P", "") for d in days) + tuple(eps))


def _endings(days, reason="CREQB"):
    return StabilityFacts(episodes=tuple((date(2024, 1, 1), TODAY - timedelta(days=d), "S", reason) for d in days))


def _events(kind, days):
    return StabilityFacts(events=tuple((kind, TODAY - timedelta(days=d)) for d in days))


def _sessions(outcome, days):
    return StabilityFacts(sessions=tuple((TODAY - timedelta(days=d), outcome, "family", "Mia") for d in days))


def _actions(days_overdue, done=None):
    return StabilityFacts(actions=tuple(("Book therapy", TODAY - timedelta(days=d), done) for d in days_overdue))


YEAR = (TODAY - window_start(TODAY, BY_ID["placement_moves"].window)).days  # 365: 15 June 2025 still counts
QUARTER = (TODAY - window_start(TODAY, BY_ID["missing_episodes"].window)).days  # 92: 15 March 2026 still counts

# (indicator, facts, fires?) at each side of each threshold and window.
CASES = [
    ("placement_moves", _moves([10]), False),
    ("placement_moves", _moves([10, 200]), True),
    ("placement_moves", _moves([10, YEAR]), True),  # exactly 12 months ago: inside
    ("placement_moves", _moves([10, YEAR + 1]), False),  # a day earlier: outside
    (
        "placement_moves",
        StabilityFacts(episodes=((TODAY, None, "L", ""), (TODAY - timedelta(days=3), None, "L", ""))),
        False,
    ),
    ("placement_moves", _moves([-1, 10]), False),  # a move recorded for tomorrow does not count yet
    ("unplanned_endings", _endings([]), False),
    ("unplanned_endings", _endings([YEAR]), True),
    ("unplanned_endings", _endings([YEAR + 1]), False),
    ("unplanned_endings", _endings([5], reason="CARPL"), False),  # a planned move is not an unplanned ending
    ("missing_episodes", _events("missing", [3]), False),
    ("missing_episodes", _events("missing", [3, QUARTER]), True),
    ("missing_episodes", _events("away", [3, QUARTER + 1]), False),
    ("missing_episodes", _events("allegation", [1, 2, 3]), False),
    ("carer_requests", _events("carer_request", [YEAR]), True),
    ("carer_requests", _events("carer_request", [YEAR + 1]), False),
    ("allegations", _events("allegation", [0]), True),
    ("allegations", _events("allegation", []), False),
    ("school_moves", _events("school_move", [30]), False),
    ("school_moves", StabilityFacts(events=(("school_move", TODAY - timedelta(days=30)), ("exclusion", TODAY))), True),
    ("contact_cancelled", _sessions("cancelled", [1, 2]), False),
    ("contact_cancelled", _sessions("cancelled", [1, 2, QUARTER]), True),
    ("contact_cancelled", _sessions("not_attended", [1, 2, QUARTER + 1]), False),
    (
        "contact_cancelled",
        StabilityFacts(
            sessions=tuple(
                (TODAY - timedelta(days=d), o, "", "Mia")
                for d, o in ((1, "cancelled"), (2, "not_attended"), (3, "cancelled"))
            )
        ),
        True,
    ),
    ("contact_cancelled", _sessions("happened", [1, 2, 3, 4]), False),
    ("support_actions_overdue", _actions([0]), False),  # due today: not yet overdue
    ("support_actions_overdue", _actions([1]), True),
    ("support_actions_overdue", _actions([30], done=TODAY), False),
]


@pytest.mark.parametrize("indicator,facts,expected", CASES)
def test_each_indicator_at_the_edges(indicator, facts, expected):
    assert fires(facts, indicator).fired is expected


def test_the_reason_says_what_was_counted_against_what():
    found = fires(_sessions("cancelled", [1, 2, 3]), "contact_cancelled")
    assert (
        found.reason
        == "Contact sessions cancelled or not attended: 3 in the last 3 months (since 15 March 2026); the threshold is 3."
    )
    assert found.evidence[0] == (TODAY - timedelta(days=1), "Contact with Mia cancelled by the family member")
    assert "DfE, Knowledge and Skills Statement: Achieving Permanence, section 4" in found.source
    below = fires(StabilityFacts(), "placement_moves")
    assert below.reason == "Placement moves: 0 in the last 12 months (since 15 June 2025); the threshold is 2."
    assert (
        fires(_actions([3]), "support_actions_overdue").reason == "Support plan actions overdue: 1; the threshold is 1."
    )


def test_every_indicator_is_reported_fired_or_not_with_no_score():
    found = indicators(StabilityFacts(), RULES, TODAY)
    assert [i.id for i in found] == list(BY_ID) and not any(i.fired for i in found)
    assert not hasattr(found[0], "score")


@pytest.mark.parametrize(
    "section,message",
    [
        ({"nonsense": {}}, "stability.nonsense: unknown indicator"),
        (
            {"allegations": {"title": "A", "source": "S", "at_least": 0, "window": {"months": 1}}},
            "stability.allegations.at_least",
        ),
        ({"allegations": {"title": "A", "source": "S", "at_least": 1}}, "stability.allegations.window: is required"),
        (
            {"allegations": {"title": "A", "at_least": 1, "window": {"months": 1}}},
            "stability.allegations.source: is required",
        ),
        (
            {"allegations": {"title": "A", "source": "S", "at_least": 1, "window": {"fortnights": 1}}},
            "stability.allegations.window",
        ),
        (
            {"allegations": {"title": "A", "source": "S", "at_least": 1, "window": {"working_days": 5}}},
            "not working days",
        ),
    ],
)
def test_a_bad_stability_section_is_refused_naming_the_key(section, message):
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        compile_thresholds(section)


def test_a_council_pack_can_tighten_or_switch_off_an_inherited_indicator(tmp_path, monkeypatch):
    (tmp_path / "thornbury.yaml").write_text(
        "name: thornbury\nextends: england\nrules: []\nstability:\n  placement_moves: {at_least: 3}\n  allegations: {enabled: false}\n"
    )
    monkeypatch.setenv("PERMANENCE_POLICY_DIRS", str(tmp_path))
    rules = {r.id: r for r in compile_thresholds(pack_section("thornbury", "stability"))}
    assert rules["placement_moves"].at_least == 3 and rules["placement_moves"].source == BY_ID["placement_moves"].source
    assert "allegations" not in rules
