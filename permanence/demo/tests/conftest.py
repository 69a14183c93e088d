"""A generated council shared by the generator tests (pure: no database), and its helpers."""

from collections import defaultdict
from datetime import date

import pytest

from permanence.demo.generator import generate

TODAY = date(2026, 3, 2)


@pytest.fixture(scope="session")
def council():
    return generate(2000, 2026, TODAY)


@pytest.fixture(scope="session")
def records(council):
    return council.everything()


def by_child(rows):
    grouped = defaultdict(list)
    for row in rows:
        grouped[row["child_id"]].append(row)
    return grouped


def current_episode(episodes, on=TODAY):
    for episode in episodes:
        if episode["start"] <= on and (episode["end"] is None or episode["end"] > on):
            return episode
    return None


def looked_after_today(records):
    """[(child, current episode)] for every child looked after on TODAY."""
    episodes = by_child(records.episodes)
    out = []
    for child in records.children:
        episode = current_episode(sorted(episodes.get(child["id"], []), key=lambda e: e["start"]))
        if episode:
            out.append((child, episode))
    return out
