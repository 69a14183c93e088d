"""A small demo council for the return's tests, loaded once per test that asks for it."""

from datetime import date

import pytest

from permanence.demo import loader

TODAY = date(2026, 11, 23)
YEAR = 2026  # the collection year 1 April 2025 to 31 March 2026


@pytest.fixture
def council(db, monkeypatch):
    # The return reads the case record and its own facts; other apps' demo data are not needed here.
    monkeypatch.setattr(loader, "EXTENSIONS", [e for e in loader.EXTENSIONS if e[1].startswith("permanence.returns.")])
    return loader.load_demo(children=150, seed=7, today=TODAY)
