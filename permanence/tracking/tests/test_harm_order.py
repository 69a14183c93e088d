"""The dashboard puts the most harmful drift first: an overdue duty before a local rule, the longest
overdue at the top. Worked by hand on made-up items."""

from dataclasses import dataclass
from datetime import date

from permanence.tracking import harm

TODAY = date(2026, 11, 24)


@dataclass(frozen=True)
class Item:
    kind: str
    due: date | None
    title: str = "x"


def test_a_child_with_an_overdue_duty_comes_before_one_with_an_older_overdue_local_rule():
    review_late = [Item("duty", date(2026, 11, 1), "Looked-after review")]  # 23 days late
    action_late = [Item("local_rule", date(2026, 6, 1), "Action from the tracking meeting")]  # 176 days late
    ranked = sorted([("action", action_late), ("review", review_late)], key=lambda r: harm.child_rank(r[1]))
    assert [name for name, _ in ranked] == ["review", "action"]


def test_among_overdue_duties_the_longest_overdue_comes_first():
    visit = [Item("duty", date(2026, 11, 17), "Statutory visit")]  # 7 days late
    plan = [Item("duty", date(2026, 6, 12), "Permanence plan by the second review")]  # 165 days late
    assert harm.days_overdue(plan[0], TODAY) == 165 and harm.days_overdue(visit[0], TODAY) == 7
    assert sorted([visit, plan], key=harm.child_rank) == [plan, visit]


def test_on_the_same_date_the_child_with_more_overdue_duties_comes_first():
    one = [Item("duty", date(2026, 10, 1))]
    two = [Item("duty", date(2026, 10, 1)), Item("duty", date(2026, 11, 1))]
    assert sorted([one, two], key=harm.child_rank) == [two, one]


def test_within_a_child_duties_come_before_local_rules_whatever_their_dates():
    items = [Item("local_rule", date(2026, 1, 1), "a"), Item("duty", date(2026, 11, 1), "b")]
    assert [i.title for i in harm.in_harm_order(items)] == ["b", "a"]


def test_counts_by_kind_name_every_kind_even_when_there_are_none():
    items = [Item("duty", None), Item("duty", None), Item("local_rule", None)]
    assert harm.count_by_kind(items) == {"duty": 2, "local_rule": 1, "prompt": 0}


def test_an_item_not_yet_due_or_undated_is_not_overdue():
    assert harm.days_overdue(Item("duty", date(2026, 12, 1)), TODAY) == 0
    assert harm.days_overdue(Item("duty", None), TODAY) == 0
